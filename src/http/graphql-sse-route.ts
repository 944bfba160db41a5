// GraphQL over Server-Sent Events, distinct connections mode (the graphql-sse library), on
// POST /graphql/stream: one operation per request, streamed as `next` events then `complete`.
// Credentials: the Authorization header or the session cookies, as on POST /graphql; the Origin
// check of origin-check.ts runs first. A request error is answered as a 400 JSON body. A trusted
// document may be named by `documentId` in the POST body instead of `query`.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ExecutionResult } from 'graphql';
import { execute } from 'graphql';
import type { OperationArgs, OperationContext } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/fastify';
import { sharedSubscribe } from '../execution/shared-subscribe';
import type { StreamTransportDeps } from '../execution/stream-operations';
import { ORIGIN_REFUSED, refusalBody } from '../errors/request-errors';
import { isOriginAllowed } from './origin-check';
import type { SseStreams } from '../resume/transport-handles';

export interface GraphqlSseOptions extends StreamTransportDeps {
  path: string;
  /** `id:` lines and Last-Event-ID resume (src/resume/transport-handles.ts). */
  streams?: SseStreams;
}

export function registerGraphqlSse(app: FastifyInstance, options: GraphqlSseOptions): void {
  const handler = createHandler({
    schema: options.schema,
    execute,
    subscribe: sharedSubscribe,
    onSubscribe(request, params) {
      const contextValue = options.createContext({
        id: String(request.raw.id),
        headers: request.raw.headers,
        transport: 'sse',
        resume: options.streams?.handleOf(request.raw),
      });
      const documentId = bodyOf(request.raw)?.documentId;
      const prepared = options.operations.prepare({ ...params, documentId }, contextValue);
      // The context travels in the arguments; the library's own type wants a record for it.
      if (!Array.isArray(prepared)) return prepared as OperationArgs<OperationContext>;
      const body = JSON.stringify({ errors: options.operations.formatErrors(prepared) });
      return [
        body,
        {
          status: 400,
          statusText: 'Bad Request',
          headers: { 'content-type': 'application/json; charset=utf-8' },
        },
      ];
    },
    // A formatted result is what the library sends; its type only knows unformatted ones.
    onNext: (_ctx, _request, result) =>
      options.operations.formatResult(result as ExecutionResult) as ExecutionResult,
  });

  app.route({
    method: ['GET', 'POST'],
    url: options.path,
    handler: async (request, reply) => {
      if (!isOriginAllowed(request.headers, options.allowedOrigins)) {
        return reply.code(403).send(refusalBody(ORIGIN_REFUSED));
      }
      // graphql-sse refuses a body without a `query` string before onSubscribe could read
      // `documentId`; the empty query stands for "none" (resolveStreamDocument).
      const body = bodyOf(request);
      if (body && body.documentId !== undefined && body.query === undefined) body.query = '';
      reply.header('x-request-id', request.id ?? randomUUID());
      // The library writes the stream to the raw response itself.
      reply.hijack();
      options.streams?.tag(request, request.raw, reply.raw, body);
      await handler(request, reply);
    },
  });
}

function bodyOf(request: FastifyRequest): Record<string, unknown> | undefined {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}
