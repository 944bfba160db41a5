// The chat example (examples/chat) in Debian's chromium while its gateway restarts (issue 16):
// the page shows "reconnecting…" while the gateway is gone, then, without a reload, the
// messages posted meanwhile, each once. The gateway keeps its subscription positions in a real
// redis-server, as replicas would, so the restarted one resumes the page's subscription.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { DEMO_BOX_IDS, DEMO_TOKENS, startEmulator, type Emulator } from '../../emulator';
import { loadConfig } from '../../src/config';
import { createGateway, type Gateway } from '../../src/gateway';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { CHAT_MANIFEST, serveChatExample, type ServedExample } from '../helpers/chat-example';
import { freePort } from '../helpers/free-port';
import { memoryLogger } from '../helpers/memory-logger';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(180_000);

const UI_TIMEOUT = 30_000;

let emulator: Emulator;
let redis: RedisServer;
let port: number;
let gateway: Gateway | undefined;
/** Posts as alice through a gateway of its own, so posting goes on while the page's restarts. */
let poster: Gateway;
let example: ServedExample;
let browser: TestBrowser;
let page: Page;

function startGateway(listenOn: number): Promise<Gateway> {
  const config = loadConfig({
    UPSTREAM_URL: emulator.url,
    PORT: String(listenOn),
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
    RESUME_FLUSH_MS: '100',
    PERSISTED_DOCUMENTS: CHAT_MANIFEST,
    PERSISTED_DOCUMENTS_ONLY: 'true',
  });
  return createGateway(
    { ...config, upstreamUrl: emulator.url },
    { logger: memoryLogger('warn').logger },
  );
}

beforeAll(async () => {
  emulator = await startEmulator();
  redis = await startRedisServer();
  port = await freePort();
  gateway = await startGateway(port);
  poster = await startGateway(0);
  example = await serveChatExample(gateway.url);
  browser = await launchBrowser();
  page = (await browser.newPage()).page;
});
afterAll(async () => {
  await browser?.close();
  await example?.close();
  await gateway?.close();
  await poster?.close();
  await emulator?.close();
  await redis?.close();
});

const shown = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
const gone = (locator: Locator) => locator.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
const message = (id: string) =>
  page.getByTestId('timeline').locator(`[data-testid="event"][data-event-id="${id}"]`);

async function post(text: string): Promise<string> {
  const manifest = JSON.parse(readFileSync(CHAT_MANIFEST, 'utf8')) as Record<string, string>;
  const [documentId] = Object.entries(manifest).find(([, doc]) =>
    /mutation PostTextMessage\b/.test(doc),
  )!;
  const response = await fetch(poster.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.alice}` },
    body: JSON.stringify({
      documentId,
      variables: {
        boxId: DEMO_BOX_IDS.welcome,
        encrypted: Buffer.from(text).toString('base64url'),
        publicKey: 'pk',
      },
    }),
  });
  const body = (await response.json()) as { data: { postTextMessage: { id: string } } };
  return body.data.postTextMessage.id;
}

test('restarting the gateway: "reconnecting…", then the messages posted meanwhile, once each, without reload', async () => {
  await page.goto(example.url);
  // The example opens no box by itself: the box list comes from myBoxes.
  await page.getByRole('button', { name: /Welcome/ }).click();
  await shown(page.getByTestId('timeline').getByText('Welcome to the box!'));
  await page.evaluate('window.notReloaded = true');
  await waitFor('the page to subscribe', () => emulator.openSockets() > 0, UI_TIMEOUT);
  const before = await post(`Before the restart ${Date.now()}`);
  await shown(message(before));

  await gateway!.close();
  gateway = undefined;
  const banner = page.getByTestId('connection-status');
  await shown(banner.filter({ hasText: 'reconnecting…' }));
  const meanwhile = [
    await post(`Posted while the gateway was down ${Date.now()}`),
    await post(`And another ${Date.now()}`),
  ];

  gateway = await startGateway(port);
  for (const id of meanwhile) await shown(message(id));
  await gone(banner);
  const after = await post(`After the restart ${Date.now()}`);
  await shown(message(after));
  for (const id of [before, ...meanwhile, after]) expect(await message(id).count()).toBe(1);
  expect(await page.evaluate('window.notReloaded')).toBe(true);
});
