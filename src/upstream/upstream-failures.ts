// How the REST transport classifies what a call threw (upstream-client.ts throws an error
// answer as an UpstreamHttpError first; the realtime socket classifies its own), and the rules
// that read those failures: which are retried, which count against the circuit breaker, and
// the upstream's error envelope (docs/upstream.md#errors).
import {
  UpstreamError,
  UpstreamHttpError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  type UpstreamCall,
} from './upstream-errors';
import { RETRYABLE_STATUSES } from './retry';
import type { UpstreamErrorBody } from './upstream-types';

export type UpstreamOutcome = 'ok' | 'http_error' | 'timeout' | 'unavailable' | 'protocol';

export interface Failure {
  error: Error;
  outcome: UpstreamOutcome;
  retryable: boolean;
}

/**
 * What a REST call threw, as an upstream failure. Branches on undici's and Node's
 * `code`/`name`, never on `instanceof` of undici classes (several undici copies may be loaded).
 * Anything unknown is returned as is (not an UpstreamError): formatError masks and logs it.
 */
export function toUpstreamFailure(raw: unknown, call: UpstreamCall, timeoutMs: number): Failure {
  if (raw instanceof UpstreamHttpError) {
    return { error: raw, outcome: 'http_error', retryable: RETRYABLE_STATUSES.has(raw.status) };
  }
  if (raw instanceof UpstreamError) {
    return {
      error: raw,
      outcome: raw.kind === 'protocol' ? 'protocol' : 'unavailable',
      retryable: false,
    };
  }
  const err = (raw ?? {}) as {
    name?: unknown;
    code?: unknown;
    statusCode?: unknown;
    errors?: unknown;
  };
  const code = typeof err.code === 'string' ? err.code : firstInnerCode(err.errors);
  const unavailable = (message: string, retryable: boolean): Failure => ({
    error: new UpstreamUnavailableError(message, call, raw),
    outcome: 'unavailable',
    retryable,
  });
  switch (code) {
    case 'ECONNREFUSED':
      return unavailable('upstream refused the connection', true);
    case 'ECONNRESET':
    case 'EPIPE':
      return unavailable('upstream reset the connection', true);
    case 'UND_ERR_SOCKET':
      return unavailable('upstream closed the connection', true);
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return unavailable('upstream could not be reached', true);
    case 'EAI_AGAIN':
      return unavailable('upstream host name could not be resolved (temporary)', true);
    case 'ENOTFOUND':
      return unavailable('upstream host name does not exist', false);
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return unavailable('upstream client is closed', false);
    case 'UND_ERR_REQ_RETRY': {
      // Only reachable if a retry interceptor is ever composed in: keep its status.
      const status = typeof err.statusCode === 'number' ? err.statusCode : 502;
      return {
        error: new UpstreamHttpError(status, null, call),
        outcome: 'http_error',
        retryable: false,
      };
    }
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_ABORTED':
    case 'UND_ERR_ABORT':
    case 'ABORT_ERR':
      return {
        error: new UpstreamTimeoutError(timeoutMs, call, raw),
        outcome: 'timeout',
        retryable: false,
      };
  }
  // The deadline aborts with a DOMException named TimeoutError (as AbortSignal.timeout does).
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return {
      error: new UpstreamTimeoutError(timeoutMs, call, raw),
      outcome: 'timeout',
      retryable: false,
    };
  }
  return {
    error: raw instanceof Error ? raw : new Error(String(raw)),
    outcome: 'unavailable',
    retryable: false,
  };
}

/**
 * What the circuit breaker counts against the upstream: it is down, overloaded or too slow.
 * 5xx, timeouts, refused/reset connections and DNS failures count. Any 4xx (401, 403, 404,
 * 409, 429…) is the upstream answering, so it counts as health; so do bodies we cannot use
 * (a contract problem that failing fast would not help), our own closed pool at shutdown, and
 * errors that are not upstream errors at all (bugs).
 */
export function countsAgainstCircuit(error: unknown): boolean {
  if (error instanceof UpstreamHttpError) return error.status >= 500;
  if (error instanceof UpstreamTimeoutError) return true;
  if (error instanceof UpstreamUnavailableError) {
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    return code !== 'UND_ERR_CLOSED' && code !== 'UND_ERR_DESTROYED';
  }
  return false;
}

/** Node's happy-eyeballs connect failures are AggregateErrors whose inner errors carry the code. */
function firstInnerCode(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  const inner = errors.find((e) => typeof (e as { code?: unknown })?.code === 'string');
  return inner ? (inner as { code: string }).code : undefined;
}

/** The error envelope, or null when the body is anything else (HEAD errors have no body). */
export function parseErrorEnvelope(text: string): UpstreamErrorBody | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const { code, origin, desc, details } = value;
  if (typeof code !== 'string' || typeof origin !== 'string' || typeof desc !== 'string')
    return null;
  if (details !== null && !isRecord(details)) return null;
  let stringDetails: Record<string, string> | null = null;
  if (details) {
    stringDetails = {};
    for (const [key, detail] of Object.entries(details)) {
      if (typeof detail === 'string') stringDetails[key] = detail;
    }
  }
  return { code, origin, desc, details: stringDetails };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
