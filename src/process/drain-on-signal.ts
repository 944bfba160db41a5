// SIGTERM / SIGINT: close once (a second signal does nothing more), exit 0 when closed, exit 1
// when closing fails or outlasts the grace time. Used by a single process and by each worker.
import type { Logger } from '../logger';

export function drainOnSignal(options: {
  logger: Logger;
  graceMs: number;
  close: () => Promise<void>;
}): void {
  const { logger, graceMs, close } = options;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    const drainStarted = Date.now();
    logger.info({ signal, graceMs }, 'draining in-flight operations');
    const deadline = setTimeout(() => {
      logger.error('drain deadline passed: exiting with operations still in flight');
      process.exit(1);
    }, graceMs);
    deadline.unref();
    close().then(
      () => {
        logger.info(
          { drainMs: Date.now() - drainStarted },
          'drained: operations finished, upstream pool closed',
        );
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'close failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
