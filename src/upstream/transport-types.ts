// The transport's types: what createUpstreamClient takes and returns, and one call's shape.
// Every setting is required: their defaults live in config/ (transportOptions) only.
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { CircuitStateName } from './circuit-breaker';
import type { Lane } from './fair-share';
import type { UpstreamOutcome } from './upstream-failures';
import type { UpstreamCall } from './upstream-errors';

export type UpstreamMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

/** What onCall receives: once per attempt (a GET retried twice reports three times). */
export interface UpstreamCallInfo {
  method: UpstreamMethod;
  /** Route template (`/boxes/:id/events`), never the real path. */
  route: string;
  /** The HTTP status when the upstream answered. */
  status?: number;
  durationMs: number;
  outcome: UpstreamOutcome;
  /** 1 for the first try. */
  attempt: number;
  /** Whether another attempt follows this one. */
  willRetry: boolean;
}

export interface UpstreamClientOptions {
  /** Base URL of the box-events API; a path prefix (`http://h/api`) is kept. */
  origin: string;
  /** Deadline of one call, retries and backoff included. */
  timeoutMs: number;
  /** Keep-alive pool size. */
  connections: number;
  /** Extra attempts for GET/HEAD (POST is never retried). */
  retries: number;
  /** First backoff delay, doubled each retry, with jitter. */
  retryMinDelayMs: number;
  /** Injected dispatcher (e.g. a MockAgent); the client then opens no Pool and close() leaves it open. */
  dispatcher?: Dispatcher;
  /** Called once per attempt, after it ends; must not throw (exceptions are swallowed). */
  onCall?: (info: UpstreamCallInfo) => void;
  /** Consecutive failed calls (see countsAgainstCircuit) that open the circuit. */
  circuitFailures: number;
  /** How long an open circuit fails fast before letting one probe call through. */
  circuitResetMs: number;
  /** The clock circuitResetMs is measured on (tests move it). @default Date.now */
  now?: () => number;
  /** Called on each circuit transition, with the failure that opened it; must not throw. */
  onCircuitChange?: (state: CircuitStateName, lastFailure: unknown) => void;
  /**
   * Calls pending at once (queued, in flight or waiting to retry) before new ones fail fast
   * with UpstreamUnavailableError('upstream saturated'). It is a memory bound, not a throttle: a healthy upstream drains it in well under a deadline,
   * and a call queued further back behind a slow one would time out anyway.
   */
  maxPending: number;
  /**
   * Tracing's hook (only set when tracing is on): runs each whole call, retries included, inside
   * the caller's span for it; the headers it passes to `send` (W3C `traceparent`) go on every
   * attempt. Must call `send` exactly once and return its result.
   */
  traceCall?: <T>(
    call: UpstreamCall,
    send: (headers: Record<string, string> | undefined) => Promise<T>,
  ) => Promise<T>;
}

export interface UpstreamRequest {
  method: UpstreamMethod;
  /** Already-encoded path below the origin, without query: `/boxes/<id>/events`. */
  path: string;
  /** Route template used in errors, logs and metrics: `/boxes/:id/events`. */
  route: string;
  query?: Record<string, string | number>;
  /** Exactly the headers to send (auth comes from toUpstreamHeaders). */
  headers?: Record<string, string>;
  /** JSON-encoded when present. */
  body?: unknown;
  /**
   * A body streamed as it is produced (a file upload), instead of `body`. Its deadline is one of
   * inactivity: every chunk restarts the per-call timer, so a large upload is never cut for
   * taking long, and a client that stops sending is cut after one timeout.
   */
  upload?: { contentType: string; body: AsyncIterable<Uint8Array> };
  /** Hand a 2xx body over as a stream (`UpstreamResponse.stream`) instead of parsing it. */
  streamResponse?: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed body; undefined for HEAD, 204 and empty bodies. */
  json?: unknown;
  /** The unread body, only with `streamResponse`: the caller must consume or destroy it. */
  stream?: Readable;
}

export interface UpstreamClient {
  /**
   * Resolves on 2xx; rejects with an UpstreamError subclass otherwise. `lane` is the calling
   * operation's share of the pool (fair-share.ts); none = straight to the pool. An argument of
   * its own, not a field: copying the request to add it (`{ ...request, lane }`) cost ~2 µs per
   * call in V8, which builds the copy's shape at run time.
   */
  request(request: UpstreamRequest, lane?: Lane): Promise<UpstreamResponse>;
  /**
   * Readiness: true when `GET /csrf` (no credentials needed) answers 2xx in time; never throws.
   * Goes through the circuit: false at once while it is open, and it is the half-open probe
   * once the reset time has passed, so readiness alone can close the circuit with no traffic.
   */
  ping(): Promise<boolean>;
  /** Closes the Pool this client opened (an injected dispatcher is left to its owner). */
  close(): Promise<void>;
}

/** What createUpstreamClient returns: the client plus what operators watch of it. */
export interface UpstreamTransport extends UpstreamClient {
  circuitState(): CircuitStateName;
  /** Calls currently pending (queued, in flight or waiting to retry). */
  pending(): number;
}
