// WORKERS > 1: the primary serves nothing itself. It starts the one embedded emulator when
// there is no UPSTREAM_URL, forks the workers (which share the port through node:cluster),
// answers their /metrics requests with the sum of all, replaces a worker that dies after it
// started listening, and on SIGTERM/SIGINT lets every worker drain, exiting 0 when all did.
// A worker that dies before it ever listened (bad port, start-up failure) is not replaced:
// its replacement would fail the same way, so the primary stops everything and exits 1.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { answerClusterMetrics } from './cluster-metrics';
import { DEMO_UPSTREAM_ENV, demoBanner, startUpstream } from './embedded-upstream';

/** Beyond the workers' own grace time, before the primary kills what is left. */
const PRIMARY_MARGIN_MS = 2000;

export async function runPrimary(config: Config, logger: Logger): Promise<void> {
  const upstream = await startUpstream(config, logger);
  if (config.rateLimitPerMinute > 0 && config.redisUrl === undefined) {
    logger.warn(
      { workers: config.workers, rateLimitPerMinute: config.rateLimitPerMinute },
      'RATE_LIMIT_PER_MINUTE without REDIS_URL counts per worker: set REDIS_URL for one count per credential',
    );
  }
  answerClusterMetrics();
  const alive = new Set<number>();
  const listening = new Set<number>();
  let announced = false;
  let stopping = false;
  let failed = false;

  const env = {
    UPSTREAM_URL: upstream.url,
    ...(upstream.embedded ? { [DEMO_UPSTREAM_ENV]: '1' } : {}),
  };
  const fork = () => alive.add(cluster.fork(env).id);
  for (let i = 0; i < config.workers; i++) fork();

  cluster.on('listening', (worker: Worker, address) => {
    listening.add(worker.id);
    logger.info({ workerPid: worker.process.pid }, 'worker started');
    if (announced || listening.size < config.workers) return;
    announced = true;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${host}:${address.port}/graphql`;
    logger.info({ url, upstreamUrl: upstream.url, workers: config.workers }, 'gateway listening');
    if (upstream.embedded) process.stdout.write(demoBanner(url, config.ide));
  });

  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    const workerPid = worker.process.pid;
    const started = listening.delete(worker.id);
    alive.delete(worker.id);
    if (stopping) {
      if (code !== 0) failed = true;
      if (alive.size === 0) finish();
      return;
    }
    if (!started) {
      logger.error({ workerPid, code, signal }, 'worker failed to start: stopping');
      failed = true;
      stop('worker start-up failure');
      return;
    }
    logger.error({ workerPid, code, signal }, 'worker exited unexpectedly: starting a replacement');
    fork();
  });

  function stop(reason: string) {
    if (stopping) return;
    stopping = true;
    const graceMs = config.drainDelayMs + config.shutdownTimeoutMs;
    logger.info({ reason, graceMs }, 'draining workers');
    const deadline = setTimeout(() => {
      logger.error('workers did not drain in time: killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, graceMs + PRIMARY_MARGIN_MS);
    deadline.unref();
    if (alive.size === 0) finish();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  }

  function finish() {
    upstream.close().then(
      () => {
        logger.info({ failed }, failed ? 'workers stopped, some failed' : 'all workers drained');
        process.exit(failed ? 1 : 0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'closing the embedded emulator failed');
        process.exit(1);
      },
    );
  }

  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
