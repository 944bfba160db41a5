// The process edge: the only file that reads process.env, prints to the terminal, listens on a
// configured port and handles signals. It decides the upstream: UPSTREAM_URL, or the embedded
// emulator (which loadConfig refuses under NODE_ENV=production unless EMBEDDED_EMULATOR=true).
// Everything else is built by createGateway, which never starts anything but the gateway.
import 'reflect-metadata';
import {
  DEMO_BOX_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  startEmulator,
  type Emulator,
} from '../emulator';
import { ConfigError, loadConfig, type Config } from './config';
import { createGateway } from './gateway';
import { createLogger } from './logger';

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
  let emulator: Emulator | undefined;
  if (config.upstreamUrl === undefined) {
    emulator = await startEmulator();
    logger.info(
      { upstreamUrl: emulator.url },
      'no UPSTREAM_URL set: serving the embedded emulator with its demo data',
    );
  }
  const upstreamUrl = config.upstreamUrl ?? emulator!.url;
  const gateway = await createGateway({ ...config, upstreamUrl }, { logger });
  logger.info({ url: gateway.url, upstreamUrl }, 'gateway listening');
  if (emulator) process.stdout.write(demoBanner(gateway.url));
  const close = async () => {
    await gateway.close();
    await emulator?.close();
  };

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    const drainStarted = Date.now();
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'draining in-flight operations');
    const deadline = setTimeout(() => {
      logger.error('drain deadline passed: exiting with operations still in flight');
      process.exit(1);
    }, config.shutdownGraceMs);
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

function demoBanner(url: string): string {
  const query = `{ box(id: "${DEMO_BOX_IDS.welcome}") { eventsCount events(limit: 3) { type sender { displayName } } } }`;
  return [
    '',
    `GraphQL: ${url}  (embedded emulator, demo data)`,
    `Tokens:  ${Object.values(DEMO_TOKENS).join(', ')}   (send as Authorization: Bearer <token>)`,
    `Identity ids (boxEvents' identityId):`,
    `         alice ${DEMO_IDENTITY_IDS.alice}`,
    `         bob   ${DEMO_IDENTITY_IDS.bob}`,
    `         eve   ${DEMO_IDENTITY_IDS.eve}`,
    `Boxes:   welcome ${DEMO_BOX_IDS.welcome}`,
    `         archive ${DEMO_BOX_IDS.archive}`,
    `         closed  ${DEMO_BOX_IDS.closed}`,
    '',
    'Try:',
    `curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${DEMO_TOKENS.alice}' \\`,
    `  -d '${JSON.stringify({ query })}'`,
    '',
    `Live updates: subscriptions over WebSocket on ${url.replace(/^http/, 'ws')}, over SSE on ${url}/stream (README: Realtime)`,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
