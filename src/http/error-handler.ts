// Failures Fastify meets before Apollo sees the request (body too large, bad JSON, unsupported
// content type, no route) answered in GraphQL's error shape, `{ errors: [{ message,
// extensions: { code } }] }`, with a fixed message per case: Fastify's own bodies carry its
// internal error codes, and a 5xx must not carry anything at all.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
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

/** Apollo's own code for a malformed HTTP request (batching off, CSRF, no query). */
const BAD_REQUEST = 'BAD_REQUEST';

interface Answer {
  code: string;
  message: string;
  extensions?: Record<string, unknown>;
}

/** Fastify's 4xx errors we name precisely; any other 4xx keeps its status with a generic message. */
const KNOWN = new Map<string, (options: HttpErrorOptions) => Answer>([
  [
    'FST_ERR_CTP_BODY_TOO_LARGE',
    ({ maxBodyBytes }) => ({
      code: 'QUERY_TOO_COMPLEX',
      message: `request body is over ${maxBodyBytes} bytes; at most ${maxBodyBytes} are allowed`,
      extensions: { limit: maxBodyBytes },
    }),
  ],
  [
    'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    () => ({
      code: BAD_REQUEST,
      message: 'unsupported Content-Type: POST application/json, or use GET',
    }),
  ],
  [
    'FST_ERR_CTP_INVALID_JSON_BODY',
    () => ({ code: BAD_REQUEST, message: 'request body is not valid JSON' }),
  ],
  ['FST_ERR_CTP_EMPTY_JSON_BODY', () => ({ code: BAD_REQUEST, message: 'request body is empty' })],
]);

export function registerHttpErrorHandlers(app: FastifyInstance, options: HttpErrorOptions): void {
  const graphqlPath = options.graphqlPath ?? '/graphql';

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500 || status < 400) {
      options.logger.error({ err: error, requestId: request.id }, 'unexpected HTTP-level error');
      return send(options, reply, 500, {
        code: 'INTERNAL_SERVER_ERROR',
        message: 'Internal server error',
      });
    }
    const known = KNOWN.get(error.code)?.(options);
    return send(
      options,
      reply,
      status,
      known ?? { code: BAD_REQUEST, message: STATUS_CODES[status] ?? 'Bad Request' },
    );
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.split('?')[0] === graphqlPath) {
      reply.header('allow', options.graphqlMethods ?? 'GET, POST');
      const message = `${request.method} is not supported on ${graphqlPath}`;
      return send(options, reply, 405, { code: BAD_REQUEST, message });
    }
    return send(options, reply, 404, { code: 'NOT_FOUND', message: 'Not Found' });
  });
}

function send(
  options: HttpErrorOptions,
  reply: FastifyReply,
  status: number,
  { code, message, extensions }: Answer,
) {
  options.onError?.(code);
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code, ...extensions } }] });
}
