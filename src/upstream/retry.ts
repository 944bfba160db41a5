// Retry of upstream calls as one unit: which methods and answers are retried, the loop, the
// backoff and Retry-After. Which thrown values are retryable connection errors is decided
// where they are classified (toUpstreamFailure), from RETRYABLE_STATUSES for answers.
// Why a small retry loop rather than undici's interceptors.retry:
// - the interceptor retries 500 and 429 by default and, when a retryable status runs out of
//   retries, throws RequestRetryError instead of handing over the response, so the error body
//   (the upstream envelope) would be lost; we only retry 502/503/504 and keep the last answer;
// - one deadline signal must bound the whole call, backoff sleeps included, and a Retry-After
//   that would end past the deadline must stop retrying at once instead of sleeping into a timeout;
// - onCall must see every attempt (metrics count retries), which the interceptor hides.
import { setTimeout as sleep } from 'node:timers/promises';
import { UpstreamHttpError } from './upstream-errors';
import type { Failure } from './upstream-failures';

/** Only idempotent calls are retried: a POST is never sent twice. */
export const RETRYABLE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);
/** Answers worth another GET/HEAD attempt. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

export interface RetryPolicy {
  method: string;
  /** Extra attempts for a retryable method. */
  retries: number;
  /** First backoff delay, doubled each retry, with jitter. */
  minDelayMs: number;
  /** Epoch ms after which no retry starts (the call's deadline). */
  deadline: number;
}

export type AttemptResult<T> = { response: T } | { failure: Failure; willRetry: boolean };

export interface RetryHooks<T> {
  /** What a thrown value is (toUpstreamFailure). */
  toFailure(raw: unknown): Failure;
  /** False stops retrying at once, e.g. while the circuit is open. */
  mayRetry(): boolean;
  /** Told of every attempt as it ends. */
  onAttempt(attempt: number, durationMs: number, result: AttemptResult<T>): void;
}

export async function withRetries<T>(
  attemptOnce: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks<T>,
): Promise<T> {
  const maxAttempts = RETRYABLE_METHODS.has(policy.method) ? policy.retries + 1 : 1;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      const response = await attemptOnce();
      hooks.onAttempt(attempt, performance.now() - started, { response });
      return response;
    } catch (raw) {
      const failure = hooks.toFailure(raw);
      const delay =
        failure.retryable && attempt < maxAttempts
          ? retryDelay(failure.error, attempt, policy.minDelayMs)
          : undefined;
      // Never sleep past the deadline, nor retry into a circuit that other calls just opened:
      // give the caller the real failure now instead.
      const willRetry =
        delay !== undefined && Date.now() + delay < policy.deadline && hooks.mayRetry();
      hooks.onAttempt(attempt, performance.now() - started, { failure, willRetry });
      if (!willRetry) throw failure.error;
      await sleep(delay);
    }
  }
}

/** Retry-After when the upstream sent it, else jittered exponential backoff. */
export function retryDelay(error: Error, attempt: number, minDelayMs: number): number {
  if (error instanceof UpstreamHttpError && error.retryAfterMs !== undefined) {
    return error.retryAfterMs;
  }
  const base = minDelayMs * 2 ** (attempt - 1);
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/** Retry-After in seconds (an HTTP date falls back to backoff), in ms. */
export function parseRetryAfter(header: unknown): number | undefined {
  return typeof header === 'string' && /^\d+$/.test(header.trim())
    ? Number(header.trim()) * 1000
    : undefined;
}
