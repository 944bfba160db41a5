// Counters of the rate limit: operations per caller per fixed one-minute window. In memory
// (one process) without REDIS_URL; in Redis, shared by every replica, with it. A fixed window
// lets a caller burst up to twice the limit across a window boundary; in exchange a check is
// one atomic Redis round trip and the key expires by itself.
import { LRUCache } from 'lru-cache';
import type { RedisConnection } from './redis-connection';

export const WINDOW_MS = 60_000;

export interface RateLimitStore {
  /**
   * Counts one operation of `caller` in the window starting at `windowStart` and returns the
   * count so far, or undefined when it could not be counted (Redis down: fail open).
   */
  increment(caller: string, windowStart: number): Promise<number | undefined>;
}

/** Callers one window keeps by default (RATE_LIMIT_CALLERS). */
export const DEFAULT_MAX_CALLERS = 100_000;

/**
 * One process's counters: only the current window is kept, and in it at most `maxCallers`
 * callers (a caller is any token-shaped string, so an attacker could otherwise mint keys
 * without end); past that the least recently counted caller is forgotten (its count restarts).
 */
export function memoryRateLimitStore(maxCallers = DEFAULT_MAX_CALLERS): RateLimitStore {
  let window = -1;
  const counts = new LRUCache<string, number>({ max: maxCallers });
  return {
    async increment(caller, windowStart) {
      if (windowStart !== window) {
        window = windowStart;
        counts.clear();
      }
      const count = (counts.get(caller) ?? 0) + 1;
      counts.set(caller, count);
      return count;
    },
  };
}

// INCR and the expiry in one script, so a counter can never be left without its expiry.
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

export function redisRateLimitStore(redis: RedisConnection): RateLimitStore {
  return {
    async increment(caller, windowStart) {
      try {
        const key = `rl:${caller}:${windowStart}`;
        return Number(await redis.client.eval(INCREMENT, 1, key, String(WINDOW_MS * 2)));
      } catch (error) {
        redis.failed('rate_limit', error);
        return undefined;
      }
    },
  };
}
