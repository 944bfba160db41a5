// The upstream a process serves: UPSTREAM_URL, or the embedded emulator with its demo data
// (which loadConfig refuses under NODE_ENV=production unless EMBEDDED_EMULATOR=true). With
// WORKERS > 1 the primary starts the one emulator and hands its URL to every worker, so all of
// them serve one demo store (and tells them, through DEMO_UPSTREAM_ENV, that it is the demo).
import {
  DEMO_ACR2_TOKENS,
  DEMO_BOX_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  startEmulator,
} from '../../emulator';
import type { Config } from '../config';
import type { Logger } from '../logger';

/** Set by the primary on the workers it forks when their UPSTREAM_URL is its embedded emulator. */
export const DEMO_UPSTREAM_ENV = 'GATEWAY_DEMO_UPSTREAM';

export interface Upstream {
  url: string;
  /** Whether this is the embedded emulator (then the demo banner is printed). */
  embedded: boolean;
  close(): Promise<void>;
}

export async function startUpstream(config: Config, logger: Logger): Promise<Upstream> {
  if (config.upstreamUrl !== undefined) {
    return { url: config.upstreamUrl, embedded: false, close: async () => undefined };
  }
  const emulator = await startEmulator();
  logger.info(
    { upstreamUrl: emulator.url },
    'no UPSTREAM_URL set: serving the embedded emulator with its demo data',
  );
  return { url: emulator.url, embedded: true, close: () => emulator.close() };
}

export function demoBanner(url: string, ide: boolean): string {
  const query = `{ box(id: "${DEMO_BOX_IDS.welcome}") { eventsCount events(limit: 3) { type sender { displayName } } } }`;
  return [
    '',
    `GraphQL: ${url}  (embedded emulator, demo data${ide ? '; open it in a browser for the IDE' : ''})`,
    `Tokens:  ${Object.values(DEMO_TOKENS).join(', ')}   (send as Authorization: Bearer <token>)`,
    `         ${Object.values(DEMO_ACR2_TOKENS).join(', ')}   (bob and eve at ACR 2: myBoxes, createBox, deleteBox)`,
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
    `Live updates: subscriptions over WebSocket on ${url.replace(/^http/, 'ws')}, over SSE on ${url}/stream (docs/realtime.md)`,
    '',
  ].join('\n');
}
