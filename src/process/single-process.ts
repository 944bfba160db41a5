// WORKERS=1 (the default): one process, no cluster, exactly as before workers existed.
import type { Config } from '../config';
import { createGateway } from '../gateway';
import { demoIdeTab } from '../http/ide/demo-tab';
import type { Logger } from '../logger';
import { drainOnSignal } from './drain-on-signal';
import { demoBanner, startUpstream } from './embedded-upstream';

export async function runSingleProcess(config: Config, logger: Logger): Promise<void> {
  const upstream = await startUpstream(config, logger);
  const ideTab = upstream.embedded ? demoIdeTab() : undefined;
  const gateway = await createGateway({ ...config, upstreamUrl: upstream.url, ideTab }, { logger });
  logger.info({ url: gateway.url, upstreamUrl: upstream.url }, 'gateway listening');
  if (upstream.embedded) process.stdout.write(demoBanner(gateway.url, config.ide));
  drainOnSignal({
    logger,
    drainDelayMs: config.drainDelayMs,
    timeoutMs: config.shutdownTimeoutMs,
    drain: () => gateway.drain(),
    close: async () => {
      await gateway.close();
      await upstream.close();
    },
  });
}
