// Positions in Redis (REDIS_URL): every replica reads what another wrote, so a client that
// reconnects to another replica, or after a restart, resumes too (graphql-api.md §10.1). Each
// record expires by itself. A conditional write is one Lua script, so a subscription that was
// taken over elsewhere cannot overwrite its successor's positions. With Redis down every call
// falls back to the process's memory store: counted, and logged through the connection.
import { realClock, type Clock } from '../clock';
import type { RedisConnection } from '../shared-state/redis-connection';
import { recordSize, type PositionStore, type StoreBounds } from './position-store';

// KEYS[1] the record, KEYS[2] its caller's keys (a sorted set by write time); ARGV: the JSON,
// its owner, the expiry, 1 when conditional on the owner, the time, the per-caller bound. The
// caller's oldest records beyond the bound are dropped, as the memory store does.
const WRITE = `
if ARGV[4] == '1' then
  local current = redis.call('GET', KEYS[1])
  if current then
    local record = cjson.decode(current)
    if not record.ended and record.owner ~= ARGV[2] then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[5], KEYS[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
-- Members whose record has expired by itself no longer count.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (tonumber(ARGV[5]) - tonumber(ARGV[3])))
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[6])
if over > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[2], over)
  for i = 1, #popped, 2 do
    if popped[i] ~= KEYS[1] then redis.call('DEL', popped[i]) end
  end
end
return 1`;

const keyOf = (key: string) => `resume:${key}`;

export function redisPositionStore(
  redis: RedisConnection,
  bounds: StoreBounds,
  fallback: PositionStore,
  onFallback: (error: unknown) => void,
  /** The write time that orders a caller's records; a test passes a manual clock. */
  clock: Pick<Clock, 'now'> = realClock,
): PositionStore {
  const failed = (error: unknown) => {
    redis.failed('resume', error);
    onFallback(error);
  };
  return {
    async get(key) {
      try {
        const text = await redis.client.get(keyOf(key));
        return text === null ? fallback.get(key) : JSON.parse(text);
      } catch (error) {
        failed(error);
        return fallback.get(key);
      }
    },
    async write(writes) {
      const fitting = writes.filter((w) => recordSize(w.record) <= bounds.maxEntryBytes);
      try {
        const pipeline = redis.client.pipeline();
        for (const w of fitting) {
          pipeline.eval(
            WRITE,
            2,
            keyOf(w.key),
            `resume-caller:${w.record.caller}`,
            JSON.stringify(w.record),
            w.record.owner,
            String(bounds.ttlMs),
            w.ifOwner ? '1' : '0',
            String(clock.now()),
            String(bounds.maxPerCaller),
          );
        }
        const results = (await pipeline.exec()) ?? [];
        const refusedKeys = new Set<string>();
        results.forEach(([error, written], index) => {
          if (error) throw error;
          if (Number(written) === 0) refusedKeys.add(fitting[index].key);
        });
        return refusedKeys;
      } catch (error) {
        failed(error);
        return fallback.write(writes);
      }
    },
    async delete(key) {
      await fallback.delete(key);
      try {
        await redis.client.del(keyOf(key));
      } catch (error) {
        failed(error);
      }
    },
  };
}
