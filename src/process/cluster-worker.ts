// One worker of WORKERS > 1: its own gateway (upstream pool, loaders, Redis connection, tracer)
// on the port the primary shares. The primary set UPSTREAM_URL (its emulator's when embedded).
import type { Config } from '../config';
import { createGateway } from '../gateway';
import type { Logger } from '../logger';
import { clusterMetricsSource } from './cluster-metrics';
import { drainOnSignal } from './drain-on-signal';

export async function runWorker(config: Config, logger: Logger): Promise<void> {
  if (config.upstreamUrl === undefined) throw new Error('worker started without UPSTREAM_URL');
  const starting = createGateway(
    { ...config, upstreamUrl: config.upstreamUrl },
    { logger, metricsSource: clusterMetricsSource },
  );
  // Before listening, not after: the primary counts a worker as started when its port listens,
  // and a SIGTERM it sends in the moment between would otherwise kill the worker by signal.
  drainOnSignal({
    logger,
    graceMs: config.shutdownGraceMs,
    close: async () => (await starting).close(),
  });
  const gateway = await starting;
  logger.info({ url: gateway.url }, 'worker listening');
}
