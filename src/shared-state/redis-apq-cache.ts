// Apollo's KeyValueCache over the shared Redis, for automatic persisted queries: a query
// registered through one replica is served by hash through every other. It fails soft: a Redis
// error is a miss on get (the client re-sends the full query, as Apollo's link does on
// PERSISTED_QUERY_NOT_FOUND) and a no-op on set, counted and logged by the connection.
//
// Why our own ~20 lines over KeyvAdapter + @keyv/redis: that pair brings a second Redis client
// (node-redis) with its own reconnect and offline-queue behaviour beside the ioredis connection
// the rate limiter needs, and Keyv emits its errors instead of failing the call soft.
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { RedisConnection } from './redis-connection';

/** Without a ttl from Apollo, entries still expire: a registered query is cheap to re-send. */
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

export function redisApqCache(redis: RedisConnection): KeyValueCache<string> {
  const { client } = redis;
  return {
    async get(key) {
      try {
        return (await client.get(key)) ?? undefined;
      } catch (error) {
        redis.failed('apq', error);
        return undefined;
      }
    },
    async set(key, value, options?: KeyValueCacheSetOptions) {
      const ttl = options?.ttl ?? DEFAULT_TTL_SECONDS;
      try {
        await client.set(key, value, 'EX', Math.max(1, Math.ceil(ttl)));
      } catch (error) {
        redis.failed('apq', error);
      }
    },
    async delete(key) {
      try {
        await client.del(key);
        return true;
      } catch (error) {
        redis.failed('apq', error);
        return false;
      }
    },
  };
}
