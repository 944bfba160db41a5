// Step "rate limit" (graphql-api.md §11): every operation of a credential counts, on every
// transport (a subscription start included), and one over the limit is refused with RATE_LIMITED
// (429 over HTTP and SSE, an error message over WebSocket) before any upstream call. Callers are
// told apart by a hash of their credential (auth/credentials.ts callerKey), never the token;
// requests without usable credentials make no upstream call and are not counted. When the store
// cannot count (Redis down) the operation goes through: fail open.
import { HeaderMap } from '@apollo/server';
import { realClock, type Clock } from '../clock';
import type { GatewayContext } from '../context';
import { RateLimitedError } from '../errors/gateway-errors';
import { WINDOW_MS, type RateLimitStore } from '../shared-state/rate-limit-store';

/** Resolves when the operation may run; rejects with the coded refusal. Undefined = off. */
export type RateLimit = (contextValue: Pick<GatewayContext, 'callerKey'>) => Promise<void>;

export function createRateLimit(
  limitPerMinute: number,
  store: RateLimitStore,
  /** Whose minutes the windows are; a test passes a manual clock. */
  clock: Pick<Clock, 'now'> = realClock,
): RateLimit | undefined {
  if (limitPerMinute <= 0) return undefined;
  return async (contextValue) => {
    const caller = contextValue.callerKey();
    if (caller === null) return;
    const at = clock.now();
    const windowStart = at - (at % WINDOW_MS);
    const count = await store.increment(caller, windowStart);
    if (count === undefined || count <= limitPerMinute) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - at) / 1000));
    const error = new RateLimitedError(retryAfterSeconds, limitPerMinute);
    error.extensions.http = {
      status: 429,
      headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]),
    };
    throw error;
  };
}
