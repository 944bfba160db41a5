// SIGTERM / SIGINT: a rolling restart's side of the process (graphql-api.md §10.1). At once,
// /readyz answers 503 (the gateway's drain()); for DRAIN_DELAY_MS the process goes on serving,
// so that a load balancer checking /readyz stops sending it new connections; then close()
// stops accepting, lets in-flight operations finish, writes subscription positions, closes the
// client sockets (1001) and the upstream ones. Exit 0 when closed, 1 when closing fails or
// outlasts SHUTDOWN_TIMEOUT_MS. A second signal does nothing more. Used by a single process and
// by each worker.
//
// Written here rather than with close-with-grace or http-terminator: the HTTP part is Fastify's
// own close (it already stops accepting and waits for in-flight requests, and the gateway closes
// idle keep-alive connections itself); what those libraries add is the signal wiring and a
// deadline, while the drain delay before closing, which neither has, is the point here.
import { realClock, sleepOn, type Clock } from '../clock';
import type { Logger } from '../logger';

export function drainOnSignal(options: {
  logger: Logger;
  drainDelayMs: number;
  timeoutMs: number;
  /** Called at the signal: readiness fails from now on. */
  drain?: () => void;
  close: () => Promise<void>;
  /** The drain delay's and the deadline's clock; a test passes a manual one. */
  clock?: Clock;
  /** Ends the process; a test passes a recorder. @default process.exit */
  exit?: (code: number) => void;
}): void {
  const { logger, drainDelayMs, timeoutMs, close } = options;
  const clock = options.clock ?? realClock;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    options.drain?.();
    logger.info({ signal, drainDelayMs, timeoutMs }, 'draining in-flight operations');
    if (drainDelayMs > 0) await sleepOn(clock, drainDelayMs);
    const drainStarted = clock.now();
    const deadline = clock.setTimeout(() => {
      logger.error('drain deadline passed: exiting with operations still in flight');
      exit(1);
    }, timeoutMs);
    deadline.unref();
    close().then(
      () => {
        logger.info(
          { drainMs: clock.now() - drainStarted },
          'drained: operations finished, upstream pool closed',
        );
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'close failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
