// RATE_LIMIT_PER_MINUTE (docs/operations.md#rate-limit): every HTTP operation of a credential
// that reaches didResolveOperation counts, whatever it calls, and one over the limit is refused
// with 429 RATE_LIMITED before any upstream call. Subscriptions do not count: the streaming
// transports do not run Apollo's plugins.
// Callers are told apart by a hash of their credential (auth/credentials.ts callerKey), never
// the token itself; requests without usable credentials make no upstream call and are not
// counted. When the store cannot count (Redis down) the operation goes through: fail open.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { RateLimitedError } from '../errors/gateway-errors';
import { WINDOW_MS, type RateLimitStore } from '../shared-state/rate-limit-store';

export function rateLimitPlugin(
  limitPerMinute: number,
  store: RateLimitStore,
  now: () => number = Date.now,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          const caller = contextValue.callerKey();
          if (caller === null) return;
          const at = now();
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
        },
      };
    },
  };
}
