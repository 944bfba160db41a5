// GraphQL over WebSocket (graphql-transport-ws, the graphql-ws library) on the upgrade of
// /graphql. Credentials: `authorization` in the connection_init payload, else the upgrade's
// cookies (docs/realtime.md). The Origin check runs on the upgrade itself, so a refused page
// never gets a socket. At most `maxSubscriptions` operations run at once on one socket.
// The protocol is graphql-ws's own (makeServer, over ws in ws-adapter.ts); a subscription's
// `next` frames are written by http/frame-pump.ts, serialised once per shared result.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RequestHeaders } from '../auth/credentials';
import { QueryTooComplexError } from '../errors/gateway-errors';
import {
  NO_WEBSOCKET_HERE,
  ORIGIN_REFUSED,
  refusalBody,
  type Refusal,
} from '../errors/request-errors';
import { logId } from '../observability/log-ids';
import type { StreamTransportDeps } from '../pipeline/stream-operation';
import { pumpFrames, type FrameSink } from './frame-pump';
import { isOriginAllowed } from './origin-check';
import { serveGraphqlWs } from './ws-adapter';
import { markClosed, wsResumeHandle } from '../resume/transport-handles';

export interface GraphqlWsOptions extends StreamTransportDeps {
  server: Server;
  path: string;
  maxSubscriptions: number;
  maxPayloadBytes: number;
}

/** What a connection keeps of its upgrade request. */
interface UpgradeRequest {
  headers: { cookie?: string };
}

export interface GraphqlWsServer {
  /** Closes every client socket with 1001 (Going away) and stops accepting upgrades. */
  close(): Promise<void>;
}

export function attachGraphqlWs(options: GraphqlWsOptions): GraphqlWsServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const active = new WeakMap<object, Set<string>>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://gateway').pathname;
    if (path !== options.path) return refuse(socket, 404, 'Not Found', NO_WEBSOCKET_HERE);
    if (!isOriginAllowed(request.headers, options.allowedOrigins)) {
      return refuse(socket, 403, 'Forbidden', ORIGIN_REFUSED);
    }
    // graphql-ws keeps what 'connection' gets as ctx.extra.request for the socket's life: only
    // the cookie the credentials may come from, not the IncomingMessage (every header of the
    // upgrade and its stream state, ~1 KB per connection; bench/RESULTS.md).
    const kept: UpgradeRequest = { headers: { cookie: request.headers.cookie } };
    wss.handleUpgrade(request, socket, head, (ws) => {
      // Before graphql-ws's own listener: its subscriptions end knowing the connection went.
      ws.once('close', () => markClosed(kept));
      wss.emit('connection', ws, kept);
    });
  };
  options.server.on('upgrade', onUpgrade);

  const { pipeline } = options;
  /** A subscription's context → where its frames go (set by onSubscribe). */
  const sinks = new WeakMap<object, FrameSink>();
  const toJson = (result: unknown) => pipeline.formatter.formatJson(result as ExecutionResult);
  // The pipeline's results are already formatted; graphql-ws's types only know unformatted ones.
  const execute = (args: ExecutionArgs) => pipeline.execute(args) as Promise<ExecutionResult>;
  const subscribe = async (args: ExecutionArgs) => {
    const source = await pipeline.subscribe(args);
    const sink = sinks.get(args.contextValue as object);
    if (!(Symbol.asyncIterator in source) || !sink) return source as ExecutionResult;
    return pumpFrames(source, toJson, sink);
  };
  const server = serveGraphqlWs<Record<string, unknown> | undefined, UpgradeRequest>(
    {
      schema: options.schema,
      execute,
      subscribe,
      async onSubscribe(ctx, id, payload) {
        const ids = active.get(ctx) ?? new Set<string>();
        active.set(ctx, ids);
        if (ids.size >= options.maxSubscriptions) {
          return [
            new QueryTooComplexError(
              `this connection already runs ${ids.size} operations; at most ${options.maxSubscriptions} are allowed (MAX_SUBSCRIPTIONS_PER_CONNECTION)`,
              { subscriptions: ids.size, limit: options.maxSubscriptions },
            ),
          ];
        }
        const contextValue = options.createContext({
          id: logId(),
          headers: credentialHeaders(ctx.connectionParams, ctx.extra.request.headers),
          transport: 'ws',
          resume: wsResumeHandle(id, ctx.extra.request),
        });
        sinks.set(contextValue, new WsFrames(ctx.extra.socket, id));
        // Held while the pipeline runs, so concurrent subscribes cannot pass the cap together.
        ids.add(id);
        const prepared = await pipeline.prepare(payload, contextValue);
        if (Array.isArray(prepared)) ids.delete(id);
        return prepared;
      },
      onNext: (_ctx, _id, _payload, _args, result) => pipeline.formatter.formatResult(result),
      onError: (_ctx, _id, _payload, errors) => pipeline.formatter.formatErrors(errors),
      onComplete(ctx, id) {
        active.get(ctx)?.delete(id);
      },
    },
    wss,
  );

  return {
    async close() {
      options.server.off('upgrade', onUpgrade);
      await server.dispose();
    },
  };
}

/**
 * graphql-ws's `next` message, {"id","type","payload"} in its order, around the shared JSON. A
 * frame is written at once; only when the socket still holds earlier bytes does the next result
 * wait for this frame's write (at most two frames wait in the socket per subscription).
 */
class WsFrames implements FrameSink {
  private readonly head: string;

  constructor(
    private readonly socket: WebSocket,
    id: string,
  ) {
    this.head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  }

  open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(json: string): Promise<void> | undefined {
    const frame = `${this.head}${json}}`;
    if (this.socket.bufferedAmount === 0) {
      this.socket.send(frame);
      return undefined;
    }
    return new Promise((resolve) => this.socket.send(frame, () => resolve()));
  }
}

/** connection_init's authorization wins, as a header would; else the upgrade's cookies. */
function credentialHeaders(
  params: Record<string, unknown> | undefined,
  upgrade: UpgradeRequest['headers'],
): RequestHeaders {
  const authorization = params?.authorization ?? params?.Authorization;
  if (typeof authorization === 'string') return { authorization };
  return upgrade.cookie === undefined ? {} : { cookie: upgrade.cookie };
}

function refuse(socket: Duplex, status: number, reason: string, refusal: Refusal) {
  const body = JSON.stringify(refusalBody(refusal));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
