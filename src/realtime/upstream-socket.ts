// One connection to the upstream's realtime socket (docs/upstream.md#realtime-socket), kept open:
// it reconnects with jittered backoff after a drop or a failed attempt, and stops for good on a
// refusal that new credentials alone can fix (401, 403, 400). The registry owns these; nothing
// else opens an upstream socket.
//
// Why our own pings: the upstream pings every 45 s but a half-open TCP connection (a NAT that
// forgot us) never errors on our side. We ping every `pingMs` and drop the connection when the
// previous ping got no pong, which the reconnect path then handles like any drop.
import WebSocket from 'ws';
import { realClock, type Clock, type ClockTimer } from '../clock';
import { UpstreamHttpError, UpstreamUnavailableError } from '../upstream/upstream-errors';
import { parseErrorEnvelope } from '../upstream/upstream-failures';
import { reconnectDelay, type BackoffOptions } from './reconnect-backoff';

export const SOCKET_ROUTE = '/box-users/:id/ws';
const TERMINAL_STATUSES = new Set([400, 401, 403]);

/** A server message: `{"type": …, "object": …}` (docs/upstream.md#realtime-socket). */
export interface UpstreamMessage {
  type: string;
  object: unknown;
}

export interface UpstreamSocketOptions {
  url: string;
  /** Exactly the upgrade request's headers (the credential cookies). */
  headers: Record<string, string>;
  backoff: BackoffOptions;
  /** @default 30000 */
  pingMs?: number;
  /** The reconnect and ping timers' clock; a test passes a manual one. */
  clock?: Clock;
  /** Deadline of one opening handshake. @default 10000 */
  handshakeTimeoutMs?: number;
  /** Every time the socket is (re)open, the first time included. */
  onOpen(): void;
  onMessage(message: UpstreamMessage): void;
  /** An open socket dropped; a reconnect is scheduled. */
  onDrop(): void;
  /** An attempt failed without a refusal (connection refused, 5xx, timeout); a retry is scheduled. */
  onAttemptFailed(error: Error): void;
  /** Refused with 400/401/403: no retry. The socket is finished. */
  onRefused(error: UpstreamHttpError): void;
}

export interface UpstreamSocket {
  /** Stops for good: closes the connection (1000) and cancels any reconnect. */
  close(): void;
}

export function openUpstreamSocket(options: UpstreamSocketOptions): UpstreamSocket {
  const pingMs = options.pingMs ?? 30_000;
  const clock = options.clock ?? realClock;
  let closed = false;
  let attempt = 0;
  let current: WebSocket | undefined;
  let retryTimer: ClockTimer | undefined;

  const retry = () => {
    if (closed) return;
    const delay = reconnectDelay(attempt++, options.backoff);
    retryTimer = clock.setTimeout(connect, delay);
  };

  const connect = () => {
    if (closed) return;
    const ws = new WebSocket(options.url, {
      headers: options.headers,
      perMessageDeflate: false,
      handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
      followRedirects: false,
    });
    current = ws;
    let opened = false;
    let refused = false;
    let awaitingPong = false;
    let pinger: ClockTimer | undefined;

    ws.on('unexpected-response', (request, response) => {
      // Every non-101 answer is a failed attempt; the JSON envelope, when there is one,
      // names the refusal like a REST error.
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const call = { method: 'GET', route: SOCKET_ROUTE };
        const error = new UpstreamHttpError(
          status,
          parseErrorEnvelope(Buffer.concat(chunks).toString('utf8')),
          call,
        );
        if (TERMINAL_STATUSES.has(status)) {
          refused = true;
          closed = true;
          options.onRefused(error);
        } else {
          options.onAttemptFailed(error);
        }
        request.destroy();
        ws.terminate();
      });
      response.on('error', () => ws.terminate());
    });
    ws.on('open', () => {
      opened = true;
      attempt = 0;
      pinger = clock.setInterval(() => {
        if (awaitingPong) return ws.terminate();
        awaitingPong = true;
        ws.ping();
      }, pingMs);
      pinger.unref();
      options.onOpen();
    });
    ws.on('pong', () => {
      awaitingPong = false;
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = parseMessage(data.toString());
      if (message) options.onMessage(message);
    });
    ws.on('error', (error) => {
      if (!opened && !refused) {
        options.onAttemptFailed(
          new UpstreamUnavailableError(`upstream realtime socket: ${error.message}`, {
            method: 'GET',
            route: SOCKET_ROUTE,
          }),
        );
      }
    });
    ws.on('close', () => {
      clock.clearTimeout(pinger);
      if (current === ws) current = undefined;
      if (refused || closed) return;
      if (opened) options.onDrop();
      retry();
    });
  };

  connect();
  return {
    close() {
      closed = true;
      clock.clearTimeout(retryTimer);
      const ws = current;
      current = undefined;
      if (!ws) return;
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
      else ws.terminate();
    },
  };
}

/** Non-JSON or shapeless frames are ignored, as the real web client does. */
function parseMessage(text: string): UpstreamMessage | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { type, object } = value as Record<string, unknown>;
    return typeof type === 'string' ? { type, object } : undefined;
  } catch {
    return undefined;
  }
}
