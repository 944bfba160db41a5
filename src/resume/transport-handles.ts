// What each transport tells the resume layer about an operation (graphql-api.md §10.1), kept
// here so the transports carry one call each. WebSocket: the graphql-ws operation id, which the
// client keeps across reconnects, and whether the connection has closed (a subscription's end
// is then not the client's `complete`). SSE: an `id:` line on every `next` event, naming the
// stream; a request whose Last-Event-ID names one resumes that stream's positions.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResumeHandle } from './resume-key';

const closedConnections = new WeakSet<object>();

/** The connection (what graphql-ws keeps as ctx.extra.request) has closed. */
export function markClosed(connection: object): void {
  closedConnections.add(connection);
}

export function wsResumeHandle(operationId: string, connection: object): ResumeHandle {
  return {
    transport: 'ws',
    id: operationId,
    connectionClosed: () => closedConnections.has(connection),
  };
}

/** Stream ids: 16 random bytes, base64url, then a sequence number. */
const STREAM_ID = /^([\w-]{22})\.(\d{1,15})$/;

/** One gateway's SSE streams (tests run several gateways in one process). */
export interface SseStreams {
  /**
   * Names a response's stream: the one Last-Event-ID names (the key checks the same body and
   * credentials), else a new one. Every `next` event written from now on gets an `id:` line.
   */
  tag(request: object, raw: IncomingMessage, response: ServerResponse, body: unknown): void;
  /** The handle `tag` gave this request. */
  handleOf(request: object): ResumeHandle | undefined;
  /**
   * Shutdown: ends every stream without a `complete` event, so that its client reconnects
   * (with Last-Event-ID) instead of taking the subscription as finished.
   */
  endAll(): void;
}

export function createSseStreams(): SseStreams {
  const open = new Set<ServerResponse>();
  const handles = new WeakMap<object, ResumeHandle>();
  return {
    tag(request, raw, response, body) {
      const lastEventId = raw.headers['last-event-id'];
      const named = typeof lastEventId === 'string' ? STREAM_ID.exec(lastEventId) : null;
      const stream = named?.[1] ?? randomBytes(16).toString('base64url');
      let sequence = 0;
      const write = response.write.bind(response) as (...args: unknown[]) => boolean;
      response.write = ((chunk: unknown, ...rest: unknown[]) => {
        if (typeof chunk === 'string' && chunk.startsWith('event: next\n')) {
          chunk = `id: ${stream}.${++sequence}\n${chunk}`;
        }
        return write(chunk, ...rest);
      }) as ServerResponse['write'];
      open.add(response);
      response.once('close', () => open.delete(response));
      // A body too deep to serialise has no resume key: the pipeline refuses it (its variables
      // are over MAX_VARIABLES_DEPTH) with a 400, which this must not turn into a thrown route.
      const digest = digestOf(body);
      if (digest === undefined) return;
      handles.set(request, {
        transport: 'sse',
        id: `${stream}\n${digest}`,
        ...(named ? { lastSeen: Number(named[2]) } : {}),
      });
    },
    handleOf: (request) => handles.get(request),
    endAll() {
      for (const response of open) response.destroy();
      open.clear();
    },
  };
}

function digestOf(body: unknown): string | undefined {
  try {
    return createHash('sha256')
      .update(JSON.stringify(body ?? null))
      .digest('base64url');
  } catch {
    return undefined;
  }
}
