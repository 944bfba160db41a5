// The one Redis connection of a gateway: what replicas share (APQ store, rate-limit counters).
// Redis is an optimisation of shared state, never a dependency of serving: every command fails
// fast while the connection is down (no offline queue, a short command timeout) and its callers
// fall back (an APQ miss, the rate limit failing open). ioredis reconnects by itself; the state
// changes are logged once each and exported as gateway_redis_up.
import { Redis } from 'ioredis';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../logger';

/** What a command waits at most: longer than a healthy Redis round trip by far. */
const COMMAND_TIMEOUT_MS = 500;
/** Reconnect backoff: 100 ms doubling to this, forever. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** At most one "command failed" line per this while the connection is up. */
const FAILURE_LOG_MS = 10_000;
/** Every key of this gateway, so one Redis can be shared with other applications. */
const KEY_PREFIX = 'box-events-gateway:';

/** Which caller a failed command belonged to (the label of gateway_redis_failures_total). */
export type RedisUse = 'apq' | 'rate_limit' | 'resume';

export interface RedisConnection {
  client: Redis;
  /** Counts and (once per outage) logs a failed command; callers then fall back. */
  failed(use: RedisUse, error: unknown): void;
  close(): Promise<void>;
}

export function createRedisConnection(
  url: string,
  deps: { logger: Logger; registry: Registry },
): RedisConnection {
  const { logger } = deps;
  // Registered only when Redis is configured: without it there is nothing to be up or down.
  const metrics = {
    redisUp: new Gauge({
      name: 'gateway_redis_up',
      help: '1 while the shared Redis (REDIS_URL) is connected, else 0 (APQ misses, rate limit open)',
      registers: [deps.registry],
    }),
    redisFailures: new Counter({
      name: 'gateway_redis_failures_total',
      help: 'Redis commands that failed and fell back (apq: a miss or nothing stored; rate_limit: not counted)',
      labelNames: ['use'],
      registers: [deps.registry],
    }),
  };
  const client = new Redis(url, {
    keyPrefix: KEY_PREFIX,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(100 * 2 ** (times - 1), MAX_RECONNECT_DELAY_MS),
  });
  let up = false;
  let loggedDown = false;
  let lastFailureLog = 0;
  metrics.redisUp.set(0);
  const down = (reason: string) => {
    up = false;
    metrics.redisUp.set(0);
    if (loggedDown) return;
    loggedDown = true;
    logger.warn(
      { redis: 'down', reason },
      'redis unavailable: APQ lookups miss and the rate limit fails open until it is back',
    );
  };
  client.on('ready', () => {
    up = true;
    loggedDown = false;
    metrics.redisUp.set(1);
    logger.info({ redis: 'up' }, 'redis available');
  });
  // Without an 'error' listener ioredis prints every reconnect failure to the console.
  client.on('error', (error: Error) => down(error.message));
  client.on('close', () => {
    if (up) down('connection closed');
  });

  return {
    client,
    failed(use, error) {
      metrics.redisFailures.inc({ use });
      // While down, the outage line said it all. While up (a command timed out on a slow
      // Redis), say so at most every FAILURE_LOG_MS; the connection state is ioredis's to tell.
      const now = Date.now();
      if (!up || now - lastFailureLog < FAILURE_LOG_MS) return;
      lastFailureLog = now;
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn({ redis: 'failing', use, reason }, 'redis command failed: falling back');
    },
    async close() {
      client.disconnect(false);
    },
  };
}
