// Builds what resuming needs from the configuration (graphql-api.md §10.1): the position store
// (Redis with REDIS_URL, falling back to memory while it is down; memory without), the resumer
// that writes positions behind, and the SSE stream ids.
import type { Registry } from 'prom-client';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { RedisConnection } from '../shared-state/redis-connection';
import { memoryPositionStore, type StoreBounds } from './position-store';
import { redisPositionStore } from './redis-position-store';
import { createResumeMetrics } from './resume-metrics';
import { createResumer, type Resumer } from './resumer';
import { createSseStreams, type SseStreams } from './transport-handles';

/** 50 boxes of two UUIDs each fit with room to spare; anything larger is not kept. */
const MAX_ENTRY_BYTES = 8192;
/** At most one "fell back to memory" line per this. */
const FALLBACK_LOG_MS = 10_000;

export function createPositions(
  config: Config,
  deps: { redis?: RedisConnection; logger: Logger; registry: Registry },
): { resumer: Resumer; sse: SseStreams } {
  const { resume } = config.realtime;
  const metrics = createResumeMetrics(deps.registry);
  const windowMs = resume.windowS * 1000;
  const bounds: StoreBounds = {
    maxEntries: resume.maxEntries,
    maxPerCaller: resume.maxPerCaller,
    maxEntryBytes: MAX_ENTRY_BYTES,
    // Twice the window: a record older than the window is then told apart as "expired".
    ttlMs: Math.max(2 * windowMs, 1),
  };
  const memory = memoryPositionStore(bounds);
  let lastLog = 0;
  const store = deps.redis
    ? redisPositionStore(deps.redis, bounds, memory, (error) => {
        metrics.fallbacks.inc();
        if (Date.now() - lastLog < FALLBACK_LOG_MS) return;
        lastLog = Date.now();
        const reason = error instanceof Error ? error.message : String(error);
        deps.logger.warn(
          { redis: 'failing', reason },
          'redis unavailable for subscription positions: kept in process memory (resume works on this replica only)',
        );
      })
    : memory;
  const resumer = createResumer({
    store,
    windowMs,
    flushMs: resume.flushMs,
    metrics,
    logger: deps.logger,
  });
  return { resumer, sse: createSseStreams() };
}
