// GraphQL over Server-Sent Events, distinct connections mode (the graphql-sse library), on
// POST /graphql/stream: one operation per request, streamed as `next` events then `complete`.
// Credentials: the Authorization header or the session cookies, as on POST /graphql; the Origin
// check of origin-check.ts runs first. Operations run through the one pipeline
// (src/pipeline/stream-operation.ts); a refusal is answered as a JSON body with its status
// (400, or 429 for RATE_LIMITED). A trusted document may be named by `documentId` in the POST
// body instead of `query`. Every request is answered: a body that is not a JSON object gets a
// 400 at once (graphql-sse would wait for a body Fastify already read), and an error after the
// route took the response ends it with a 500 or closes the stream.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ExecutionArgs, ExecutionResult, GraphQLError } from 'graphql';
import { createHandler } from 'graphql-sse';
import { MASKED } from '../errors/error-codes';
import { ORIGIN_REFUSED, refusalBody } from '../errors/request-errors';
import type { Logger } from '../logger';
import type { StreamTransportDeps } from '../pipeline/stream-operation';
import { isOriginAllowed } from './origin-check';
import type { SseStreams } from '../resume/transport-handles';
import { pumpFrames, type FrameSink } from './frame-pump';
import { sseSink, writeStream } from './sse-backpressure';

export interface GraphqlSseOptions extends StreamTransportDeps {
  path: string;
  logger: Logger;
  /** `id:` lines and Last-Event-ID resume (src/resume/transport-handles.ts). */
  streams?: SseStreams;
}

const NOT_AN_OBJECT = {
  message: 'the request body must be a JSON object with a `query` or a `documentId`',
  code: 'BAD_REQUEST',
} as const;

/** What the route hands graphql-sse with each request. */
interface RouteContext {
  fastify: FastifyRequest;
  /** Where a subscription's `next` frames go (sse-backpressure.ts). */
  sink: FrameSink;
}

export function registerGraphqlSse(app: FastifyInstance, options: GraphqlSseOptions): void {
  const { pipeline } = options;
  /** A subscription's context → its response's frames (set by onSubscribe). */
  const sinks = new WeakMap<object, FrameSink>();
  const toJson = (result: unknown) => pipeline.formatter.formatJson(result as ExecutionResult);
  const handler = createHandler<FastifyRequest, RouteContext>({
    schema: options.schema,
    // The pipeline's results are already formatted; the library's types know unformatted ones.
    execute: (args: ExecutionArgs) => pipeline.execute(args) as Promise<ExecutionResult>,
    subscribe: async (args: ExecutionArgs) => {
      const source = await pipeline.subscribe(args);
      const sink = sinks.get(args.contextValue as object);
      return Symbol.asyncIterator in source && sink
        ? pumpFrames(source, toJson, sink)
        : (source as ExecutionResult);
    },
    async onSubscribe(request, params) {
      const route = request.context;
      const contextValue = options.createContext({
        id: String(route.fastify.id),
        headers: route.fastify.headers,
        transport: 'sse',
        resume: options.streams?.handleOf(route.fastify),
      });
      sinks.set(contextValue, route.sink);
      const documentId = bodyOf(route.fastify)?.documentId;
      const prepared = await pipeline.prepare({ ...params, documentId }, contextValue);
      // The context travels in the arguments; the library's own type wants none there.
      if (!Array.isArray(prepared)) return prepared as never;
      return refusalResponse(prepared, pipeline.formatter.formatErrors(prepared));
    },
    onNext: (_ctx, _request, result) =>
      pipeline.formatter.formatResult(result as ExecutionResult) as ExecutionResult,
  });

  app.route({
    method: ['GET', 'POST'],
    url: options.path,
    handler: async (request, reply) => {
      if (!isOriginAllowed(request.headers, options.allowedOrigins)) {
        return reply.code(403).send(refusalBody(ORIGIN_REFUSED));
      }
      const body = bodyOf(request);
      if (request.method === 'POST' && !body) {
        return reply.code(400).send(refusalBody(NOT_AN_OBJECT));
      }
      // graphql-sse refuses a body without a `query` string before onSubscribe could read
      // `documentId`; the empty query stands for "none" (resolveStreamDocument).
      if (body && body.documentId !== undefined && body.query === undefined) body.query = '';
      reply.header('x-request-id', request.id ?? randomUUID());
      // The stream is written to the raw response here, with backpressure.
      reply.hijack();
      await serve(request, reply).catch((error: unknown) => {
        options.logger.error({ err: error, requestId: request.id }, 'SSE request failed');
        if (!reply.raw.headersSent) {
          reply.raw.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          reply.raw.end(JSON.stringify({ errors: [MASKED] }));
        } else if (!reply.raw.writableEnded) {
          reply.raw.end();
        }
      });
    },
  });

  async function serve(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Inside serve: whatever tagging throws is answered like any other error of the route.
    options.streams?.tag(request, request.raw, reply.raw, request.body);
    let headersWritten!: () => void;
    const written = new Promise<void>((resolve) => (headersWritten = resolve));
    try {
      await respond(request, reply, sseSink(reply.raw, written), headersWritten);
    } finally {
      // On a failure too: a subscription's frames then find the response closed and end it.
      headersWritten();
    }
  }

  async function respond(
    request: FastifyRequest,
    reply: FastifyReply,
    sink: FrameSink,
    headersWritten: () => void,
  ): Promise<void> {
    const [body, init] = await handler({
      method: request.method,
      url: request.url,
      headers: {
        get(key) {
          const header = reply.getHeader(key) ?? request.headers[key];
          return header === undefined
            ? undefined
            : Array.isArray(header)
              ? header.join('\n')
              : String(header);
        },
      },
      body: (request.body ?? null) as Record<string, unknown> | null,
      raw: request,
      context: { fastify: request, sink },
    });
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined)
        headers[key] = Array.isArray(value) ? value.join('\n') : String(value);
    }
    reply.raw.writeHead(init.status, init.statusText, { ...headers, ...init.headers });
    headersWritten();
    if (!body || typeof body === 'string') {
      await new Promise<void>((resolve) => reply.raw.end(body, () => resolve()));
      return;
    }
    await writeStream(body, reply.raw);
  }
}

/** A refusal as graphql-sse's response: the first error's status (400 unless it says). */
function refusalResponse(errors: readonly GraphQLError[], formatted: unknown[]) {
  const http = errors[0]?.extensions.http as
    { status?: number; headers?: Map<string, string> } | undefined;
  const status = http?.status && http.status >= 400 ? http.status : 400;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  for (const [name, value] of http?.headers ?? []) headers[name] = value;
  return [
    JSON.stringify({ errors: formatted }),
    { status, statusText: status === 429 ? 'Too Many Requests' : 'Bad Request', headers },
  ] as [string, { status: number; statusText: string; headers: Record<string, string> }];
}

function bodyOf(request: FastifyRequest): Record<string, unknown> | undefined {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}
