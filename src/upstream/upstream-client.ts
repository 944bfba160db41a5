// The one transport to the box-events API: an undici Pool with keep-alive, JSON in and out, a
// per-call deadline, bounded retries of idempotent calls, and every failure turned into one of
// the UpstreamError classes in one function (toUpstreamFailure, in upstream-failures.ts).
// Resource methods live in box-events-api.ts; nothing else builds URLs or touches undici.
//
// Why a small retry loop rather than undici's interceptors.retry:
// - the interceptor retries 500 and 429 by default and, when a retryable status runs out of
//   retries, throws RequestRetryError instead of handing over the response, so the error body
//   (the upstream envelope) would be lost; we only retry 502/503/504 and keep the last answer;
// - one deadline signal must bound the whole call, backoff sleeps included, and a Retry-After
//   that would end past the deadline must stop retrying at once instead of sleeping into a timeout;
// - onCall must see every attempt (metrics count retries), which the interceptor hides.
//
// Around the retry loop, per client (= per upstream):
// - a circuit breaker (circuit-breaker.ts) that counts whole calls, after their retries: the
//   retry loop already absorbs one reset socket, the threshold then means "N calls in a row
//   failed" whatever the retry setting or the GET/POST mix, and a half-open probe is one call;
// - a bound on calls pending at once (queued in the Pool, in flight, or sleeping before a
//   retry): undici's Pool queues without limit, so past `maxPending` a call fails at once
//   instead of holding its request, closures and deadline timer while a slow upstream lags.
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, type Dispatcher } from 'undici';
import { createCircuitBreaker, type CircuitStateName } from './circuit-breaker';
import {
  UpstreamHttpError,
  UpstreamProtocolError,
  UpstreamUnavailableError,
  type UpstreamCall,
} from './upstream-errors';
import {
  countsAgainstCircuit,
  parseErrorEnvelope,
  toUpstreamFailure,
  type UpstreamOutcome,
} from './upstream-failures';

export type { CircuitStateName } from './circuit-breaker';
export type { UpstreamOutcome } from './upstream-failures';

export type UpstreamMethod = 'GET' | 'HEAD' | 'POST';

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
  /** Deadline of one call, retries and backoff included. @default 10000 */
  timeoutMs?: number;
  /** Keep-alive pool size. @default 64 */
  connections?: number;
  /** Extra attempts for GET/HEAD (POST is never retried). @default 2 */
  retries?: number;
  /** First backoff delay, doubled each retry, with jitter. @default 50 */
  retryMinDelayMs?: number;
  /** Injected dispatcher (e.g. a MockAgent); the client then opens no Pool and close() leaves it open. */
  dispatcher?: Dispatcher;
  /** Called once per attempt, after it ends; must not throw (exceptions are swallowed). */
  onCall?: (info: UpstreamCallInfo) => void;
  /** Consecutive failed calls (see countsAgainstCircuit) that open the circuit. @default 5 */
  circuitFailures?: number;
  /** How long an open circuit fails fast before letting one probe call through. @default 5000 */
  circuitResetMs?: number;
  /** Called on each circuit transition, with the failure that opened it; must not throw. */
  onCircuitChange?: (state: CircuitStateName, lastFailure: unknown) => void;
  /**
   * Calls pending at once (queued, in flight or waiting to retry) before new ones fail fast
   * with UpstreamUnavailableError('upstream saturated'). The default (1,024 with 64 connections)
   * is a memory bound, not a throttle: a healthy upstream drains it in well under a deadline,
   * and a call queued further back behind a slow one would time out anyway.
   * @default connections × 16
   */
  maxPending?: number;
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
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed body; undefined for HEAD, 204 and empty bodies. */
  json?: unknown;
}

export interface UpstreamClient {
  /** Resolves on 2xx; rejects with an UpstreamError subclass otherwise. */
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
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

const RETRYABLE_METHODS: ReadonlySet<UpstreamMethod> = new Set(['GET', 'HEAD']);
/** undici's own timeouts have ~1 s resolution: they only back up the AbortSignal deadline. */
const BACKSTOP_MARGIN_MS = 1000;
/** Retry-After (seconds only; an HTTP date falls back to backoff), kept beside the error it came with. */
const retryAfterMs = new WeakMap<UpstreamHttpError, number>();

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamTransport {
  const base = new URL(options.origin);
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, '');
  const timeoutMs = positiveInt('timeoutMs', options.timeoutMs ?? 10_000);
  const retries = nonNegativeInt('retries', options.retries ?? 2);
  const minDelayMs = nonNegativeInt('retryMinDelayMs', options.retryMinDelayMs ?? 50);
  const backstopMs = timeoutMs + BACKSTOP_MARGIN_MS;
  const connections = positiveInt('connections', options.connections ?? 64);
  const maxPending = positiveInt('maxPending', options.maxPending ?? connections * 16);
  const ownPool = options.dispatcher
    ? undefined
    : new Pool(origin, { connections, headersTimeout: backstopMs, bodyTimeout: backstopMs });
  const dispatcher: Dispatcher = options.dispatcher ?? (ownPool as Pool);
  const circuit = createCircuitBreaker({
    failures: options.circuitFailures ?? 5,
    resetMs: options.circuitResetMs ?? 5000,
    isFailure: countsAgainstCircuit,
    onChange: options.onCircuitChange,
  });
  let pending = 0;

  async function attemptOnce(req: UpstreamRequest, call: UpstreamCall, signal: AbortSignal) {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    const res = await dispatcher.request({
      origin,
      path: basePath + req.path + queryString(req.query),
      method: req.method,
      headers,
      body,
      signal,
      headersTimeout: backstopMs,
      bodyTimeout: backstopMs,
      // undici closes the socket after every HEAD (in case a server sends a body anyway), so each
      // count cost a new TCP connection: a third of the gateway's CPU in bench/ scenario (a).
      // The upstream (Go net/http) never sends a body on HEAD: keep the connection.
      ...(req.method === 'HEAD' ? { reset: false } : {}),
    });
    // Every body is consumed, error bodies included: an unread body pins its connection.
    const noBody = req.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
    const text = noBody ? (await res.body.dump(), '') : await res.body.text();
    const status = res.statusCode;
    if (status < 200 || status > 299) {
      const error = new UpstreamHttpError(status, parseErrorEnvelope(text), call);
      const retryAfter = res.headers['retry-after'];
      if (typeof retryAfter === 'string' && /^\d+$/.test(retryAfter.trim())) {
        retryAfterMs.set(error, Number(retryAfter.trim()) * 1000);
      }
      throw error;
    }
    const response: UpstreamResponse = { status, headers: res.headers };
    if (text !== '') {
      try {
        response.json = JSON.parse(text);
      } catch (cause) {
        throw new UpstreamProtocolError(
          'upstream answered with a body that is not JSON',
          call,
          cause,
        );
      }
    }
    return response;
  }

  function report(info: UpstreamCallInfo): void {
    try {
      options.onCall?.(info);
    } catch {
      // A metrics hook never breaks a call.
    }
  }

  async function request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const call: UpstreamCall = { method: req.method, route: req.route };
    if (pending >= maxPending) throw new UpstreamUnavailableError('upstream saturated', call);
    pending += 1;
    const send = (headers: Record<string, string> | undefined) =>
      circuit.execute(
        () =>
          withRetries(headers ? { ...req, headers: { ...req.headers, ...headers } } : req, call),
        () => new UpstreamUnavailableError('circuit open', call),
      );
    try {
      return await (options.traceCall ? options.traceCall(call, send) : send(undefined));
    } finally {
      pending -= 1;
    }
  }

  /**
   * One deadline bounds the whole call, retries and backoff included. A controller whose timer
   * is cleared when the call ends, rather than AbortSignal.timeout: that one costs about three
   * times as much per call (its timer is only released by GC), 3-4% of the gateway's profile
   * with the 60 calls per operation of bench/ scenario (b).
   */
  async function withRetries(req: UpstreamRequest, call: UpstreamCall): Promise<UpstreamResponse> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('upstream call deadline passed', 'TimeoutError')),
      timeoutMs,
    );
    try {
      return await attempts(req, call, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  async function attempts(
    req: UpstreamRequest,
    call: UpstreamCall,
    signal: AbortSignal,
  ): Promise<UpstreamResponse> {
    const deadline = Date.now() + timeoutMs;
    const maxAttempts = RETRYABLE_METHODS.has(req.method) ? retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const response = await attemptOnce(req, call, signal);
        report({
          method: req.method,
          route: req.route,
          status: response.status,
          durationMs: performance.now() - started,
          outcome: 'ok',
          attempt,
          willRetry: false,
        });
        return response;
      } catch (raw) {
        const failure = toUpstreamFailure(raw, call, timeoutMs);
        const delay =
          failure.retryable && attempt < maxAttempts
            ? retryDelay(failure.error, attempt, minDelayMs)
            : undefined;
        // Never sleep past the deadline, nor retry into a circuit that other calls just opened:
        // give the caller the real failure now instead.
        const willRetry =
          delay !== undefined && Date.now() + delay < deadline && circuit.state() !== 'open';
        report({
          method: req.method,
          route: req.route,
          status: failure.error instanceof UpstreamHttpError ? failure.error.status : undefined,
          durationMs: performance.now() - started,
          outcome: failure.outcome,
          attempt,
          willRetry,
        });
        if (!willRetry) throw failure.error;
        await sleep(delay);
      }
    }
  }

  return {
    request,
    async ping() {
      try {
        await request({ method: 'GET', path: '/csrf', route: '/csrf' });
        return true;
      } catch {
        return false;
      }
    },
    circuitState: () => circuit.state(),
    pending: () => pending,
    async close() {
      await ownPool?.close();
    },
  };
}

/** Retry-After in seconds when the upstream sent it, else jittered exponential backoff. */
function retryDelay(error: Error, attempt: number, minDelayMs: number): number {
  const fromHeader = error instanceof UpstreamHttpError ? retryAfterMs.get(error) : undefined;
  if (fromHeader !== undefined) return fromHeader;
  const base = minDelayMs * 2 ** (attempt - 1);
  return Math.round(base / 2 + Math.random() * (base / 2));
}

function queryString(query: UpstreamRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.append(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`createUpstreamClient: ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function nonNegativeInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(
      `createUpstreamClient: ${name} must be a non-negative integer, got ${value}`,
    );
  }
  return value;
}
