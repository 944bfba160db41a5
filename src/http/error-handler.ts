// Failures Fastify meets before Apollo sees the request (body too large, bad JSON, unsupported
// content type, no route) answered in GraphQL's error shape, `{ errors: [{ message,
// extensions: { code } }] }`; what each answer says is errors/http-errors.ts's.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  clientHttpError,
  internalHttpError,
  methodNotAllowed,
  routeNotFound,
  type HttpErrorAnswer,
} from '../errors/http-errors';
import type { Logger } from '../logger';

export interface HttpErrorOptions {
  logger: Logger;
  /** Fastify's bodyLimit, named in the 413 message. */
  maxBodyBytes: number;
  /** The GraphQL route: other methods on it get 405, as GraphQL over HTTP expects. @default '/graphql' */
  graphqlPath?: string;
  /** @default 'GET, POST' */
  graphqlMethods?: string;
  /** Told the code of every error answered here, for the errors-by-code metric. */
  onError?: (code: string) => void;
}

export function registerHttpErrorHandlers(app: FastifyInstance, options: HttpErrorOptions): void {
  const graphqlPath = options.graphqlPath ?? '/graphql';

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500 || status < 400) {
      options.logger.error({ err: error, requestId: request.id }, 'unexpected HTTP-level error');
      return sendHttpError(options, reply, 500, internalHttpError());
    }
    // A parser of ours (http/multipart-uploads.ts) says precisely what was wrong.
    const own = (error as { answer?: HttpErrorAnswer }).answer;
    return sendHttpError(
      options,
      reply,
      status,
      own ?? clientHttpError(error.code, status, options.maxBodyBytes),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.split('?')[0] === graphqlPath) {
      reply.header('allow', options.graphqlMethods ?? 'GET, POST');
      return sendHttpError(options, reply, 405, methodNotAllowed(request.method, graphqlPath));
    }
    return sendHttpError(options, reply, 404, routeNotFound());
  });
}

/** An HTTP-level error in GraphQL's error shape, counted in the errors-by-code metric. */
export function sendHttpError(
  options: HttpErrorOptions,
  reply: FastifyReply,
  status: number,
  { code, message, extensions }: HttpErrorAnswer,
) {
  options.onError?.(code);
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code, ...extensions } }] });
}
