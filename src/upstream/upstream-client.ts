// The one transport to the box-events API: an undici Pool with keep-alive, JSON in and out, a
// per-call deadline, bounded retries of idempotent calls, and every failure turned into one of
// the UpstreamError classes in one function (toUpstreamFailure, in upstream-failures.ts).
// Resource methods live in box-events-api.ts; nothing else builds URLs or touches undici.
//
// Why a small retry loop rather than undici's interceptors.retry: see retry.ts.
//
// Around the retry loop, per client (= per upstream):
// - a circuit breaker (circuit-breaker.ts) that counts whole calls, after their retries: the
//   retry loop already absorbs one reset socket, the threshold then means "N calls in a row
//   failed" whatever the retry setting or the GET/POST mix, and a half-open probe is one call;
// - a bound on calls pending at once (queued in the Pool, in flight, or sleeping before a
//   retry): undici's Pool queues without limit, so past `maxPending` a call fails at once
//   instead of holding its request, closures and deadline timer while a slow upstream lags.
import { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import { createCircuitBreaker } from './circuit-breaker';
import type { Lane } from './fair-share';
import { parseRetryAfter, withRetries } from './retry';
import { countTransferred, noteTransferred } from './transfer-garbage';
import {
  UpstreamHttpError,
  UpstreamProtocolError,
  UpstreamUnavailableError,
  type UpstreamCall,
} from './upstream-errors';
import { countsAgainstCircuit, parseErrorEnvelope, toUpstreamFailure } from './upstream-failures';

import type {
  UpstreamCallInfo,
  UpstreamClientOptions,
  UpstreamRequest,
  UpstreamResponse,
  UpstreamTransport,
} from './transport-types';

export type { CircuitStateName } from './circuit-breaker';
export type { UpstreamOutcome } from './upstream-failures';
export type * from './transport-types';

/** undici's own timeouts have ~1 s resolution: they only back up the AbortSignal deadline. */
const BACKSTOP_MARGIN_MS = 1000;

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamTransport {
  const base = new URL(options.origin);
  const origin = base.origin;
  const basePath = base.pathname.replace(/(?<!\/)\/+$/, '');
  const timeoutMs = positiveInt('timeoutMs', options.timeoutMs);
  const retries = nonNegativeInt('retries', options.retries);
  const minDelayMs = nonNegativeInt('retryMinDelayMs', options.retryMinDelayMs);
  const backstopMs = timeoutMs + BACKSTOP_MARGIN_MS;
  const connections = positiveInt('connections', options.connections);
  const maxPending = positiveInt('maxPending', options.maxPending);
  const ownPool = options.dispatcher
    ? undefined
    : new Pool(origin, { connections, headersTimeout: backstopMs, bodyTimeout: backstopMs });
  const dispatcher: Dispatcher = options.dispatcher ?? (ownPool as Pool);
  const circuit = createCircuitBreaker({
    failures: options.circuitFailures,
    resetMs: options.circuitResetMs,
    isFailure: countsAgainstCircuit,
    onChange: options.onCircuitChange,
    now: options.now,
  });
  let pending = 0;

  async function attemptOnce(
    req: UpstreamRequest,
    call: UpstreamCall,
    signal: AbortSignal,
    touch: () => void,
  ) {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | Readable | undefined;
    if (req.upload) {
      body = Readable.from(touchingEach(req.upload.body, touch), { objectMode: false });
      headers['content-type'] = req.upload.contentType;
    } else if (req.body !== undefined) {
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
    if (req.streamResponse && res.statusCode >= 200 && res.statusCode <= 299) {
      return { status: res.statusCode, headers: res.headers, stream: countTransferred(res.body) };
    }
    // Every body is consumed, error bodies included: an unread body pins its connection.
    const noBody = req.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
    const text = noBody ? (await res.body.dump(), '') : await res.body.text();
    const status = res.statusCode;
    if (status < 200 || status > 299) {
      const retryAfter = parseRetryAfter(res.headers['retry-after']);
      throw new UpstreamHttpError(status, parseErrorEnvelope(text), call, retryAfter);
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

  async function request(req: UpstreamRequest, lane?: Lane): Promise<UpstreamResponse> {
    const call: UpstreamCall = { method: req.method, route: req.route };
    if (pending >= maxPending) throw new UpstreamUnavailableError('upstream saturated', call);
    pending += 1;
    const send = (headers: Record<string, string> | undefined) =>
      circuit.execute(
        () =>
          withDeadline(
            headers ? { ...req, headers: { ...req.headers, ...headers } } : req,
            call,
            lane,
          ),
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
  async function withDeadline(
    req: UpstreamRequest,
    call: UpstreamCall,
    lane: Lane | undefined,
  ): Promise<UpstreamResponse> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('upstream call deadline passed', 'TimeoutError')),
      timeoutMs,
    );
    // Refreshing the timer (an upload's every chunk) makes it a deadline of inactivity.
    const touch = () => void timer.refresh();
    try {
      return await attempts(req, call, lane, controller.signal, touch);
    } finally {
      clearTimeout(timer);
    }
  }

  function attempts(
    req: UpstreamRequest,
    call: UpstreamCall,
    lane: Lane | undefined,
    signal: AbortSignal,
    touch: () => void,
  ): Promise<UpstreamResponse> {
    const policy = { method: req.method, retries, minDelayMs, deadline: Date.now() + timeoutMs };
    // Each attempt waits for its operation's turn in the pool inside the deadline: a retry's
    // backoff holds no connection, and a call still waiting when the deadline passes fails.
    const attempt = lane
      ? () => lane.run(() => attemptOnce(req, call, signal, touch), signal)
      : () => attemptOnce(req, call, signal, touch);
    return withRetries(attempt, policy, {
      toFailure: (raw) => toUpstreamFailure(raw, call, timeoutMs),
      mayRetry: () => circuit.state() !== 'open',
      onAttempt: (attempt, durationMs, result) =>
        report({
          method: req.method,
          route: req.route,
          durationMs,
          attempt,
          ...('response' in result
            ? { status: result.response.status, outcome: 'ok', willRetry: false }
            : {
                status:
                  result.failure.error instanceof UpstreamHttpError
                    ? result.failure.error.status
                    : undefined,
                outcome: result.failure.outcome,
                willRetry: result.willRetry,
              }),
        }),
    });
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

/**
 * Passes an upload's chunks through, reporting each one to the deadline and to the transfer
 * garbage count (backpressure is the consumer's).
 */
async function* touchingEach(
  body: AsyncIterable<Uint8Array>,
  touch: () => void,
): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    touch();
    noteTransferred(chunk.length);
    yield chunk;
  }
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
