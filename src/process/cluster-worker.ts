// One worker of WORKERS > 1: its own gateway (upstream pool, loaders, Redis connection, tracer)
// on the port the primary shares. The primary set UPSTREAM_URL (its emulator's when embedded).
import type { Config } from '../config';
import { createGateway } from '../gateway';
import { demoIdeTab } from '../http/ide/demo-tab';
import type { Logger } from '../logger';
import { clusterMetricsSource } from './cluster-metrics';
import { drainOnSignal } from './drain-on-signal';

/** `demoUpstream`: the primary's UPSTREAM_URL is its embedded emulator (the IDE opens on demo data). */
export async function runWorker(
  config: Config,
  logger: Logger,
  demoUpstream: boolean,
): Promise<void> {
  if (config.upstreamUrl === undefined) throw new Error('worker started without UPSTREAM_URL');
  const ideTab = demoUpstream ? demoIdeTab() : undefined;
  const starting = createGateway(
    { ...config, upstreamUrl: config.upstreamUrl, ideTab },
    { logger, metricsSource: clusterMetricsSource },
  );
  // Before listening, not after: the primary counts a worker as started when its port listens,
  // and a SIGTERM it sends in the moment between would otherwise kill the worker by signal.
  drainOnSignal({
    logger,
    drainDelayMs: config.drainDelayMs,
    timeoutMs: config.shutdownTimeoutMs,
    drain: () => void starting.then((gateway) => gateway.drain()),
    close: async () => (await starting).close(),
  });
  const gateway = await starting;
  logger.info({ url: gateway.url }, 'worker listening');
}
