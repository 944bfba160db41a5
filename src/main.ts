// The process edge: the only file that reads process.env. It parses the configuration and picks
// the shape of the process (src/process/): one process serving the gateway (WORKERS=1, the
// default), or a node:cluster primary and its workers. Everything else is built by
// createGateway, which never starts anything but the gateway.
import 'reflect-metadata';
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { runPrimary } from './process/cluster-primary';
import { runWorker } from './process/cluster-worker';
import { DEMO_UPSTREAM_ENV } from './process/embedded-upstream';
import { runSingleProcess } from './process/single-process';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.problems) process.stderr.write(`configuration: ${line}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  if (cluster.isWorker) return runWorker(config, logger, process.env[DEMO_UPSTREAM_ENV] === '1');
  if (config.workers > 1) return runPrimary(config, logger);
  return runSingleProcess(config, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
