// The chat example (examples/chat) in Debian's chromium, against a gateway that accepts only the
// example's own trusted documents: what a frontend team ships. It reads box 1, pages box 2 by
// scrolling, posts, edits and deletes a message, each checked in the page and against what the
// upstream (the emulator) received or now holds; it shows another user's post, edit and
// deletion live (Subscription.boxEvents over the example server's forwarded WebSocket); and two
// users in two pages share a new box: a text and a file, the other user's unread badge rising
// live (Subscription.myBoxes) and clearing on read, the file downloaded, all without reload.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { DEMO_BOX_IDS, DEMO_NAMES, DEMO_TOKENS } from '../../emulator';
import { launchBrowser, type RecordedPage, type TestBrowser } from '../helpers/browser';
import { CHAT_MANIFEST, serveChatExample, type ServedExample } from '../helpers/chat-example';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(180_000);

/** Waits, generously (the machine is shared), for the page to show what the test expects. */
const UI_TIMEOUT = 30_000;

let gw: TestGateway;
let example: ServedExample;
let browser: TestBrowser;
let recorded: RecordedPage;
let page: Page;
/** Every /graphql request body the page sent. */
const bodies: Array<Record<string, unknown>> = [];
/** Every graphql-ws `subscribe` payload the page sent. */
const subscribes: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  gw = await startTestGateway({
    env: { PERSISTED_DOCUMENTS: CHAT_MANIFEST, PERSISTED_DOCUMENTS_ONLY: 'true' },
  });
  example = await serveChatExample(gw.gateway.url);
  browser = await launchBrowser();
  recorded = await browser.newPage();
  page = recorded.page;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/graphql') return;
    bodies.push(operationOf(request.postData() ?? 'null'));
  });
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { type: string; payload: object };
      if (message.type === 'subscribe') subscribes.push(message.payload as Record<string, unknown>);
    });
  });
});

afterAll(async () => {
  await browser?.close();
  await example?.close();
  await gw?.close();
});

const shown = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
const gone = (locator: Locator) => locator.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
const timeline = () => page.getByTestId('timeline');
const events = () => timeline().getByTestId('event');
const eventWithText = (text: string): Locator => events().filter({ hasText: text });
/** The id of the example's manifest entry for operation `name`. */
/** A JSON request body. */
function operationOf(body: string): Record<string, unknown> {
  return JSON.parse(body) as Record<string, unknown>;
}
function manifestId(name: string): string {
  const manifest = JSON.parse(readFileSync(CHAT_MANIFEST, 'utf8')) as Record<string, string>;
  const entry = Object.entries(manifest).find(([, document]) =>
    new RegExp(`(query|mutation|subscription) ${name}\\b`).test(document),
  );
  if (!entry) throw new Error(`no ${name} in ${CHAT_MANIFEST}`);
  return entry[0];
}
/** A plain GraphQL POST by another client (the only-mode gateway takes manifest ids only). */
async function asAlice(operation: string, variables: Record<string, unknown>) {
  const answer = await gw.post(
    { documentId: manifestId(operation), variables },
    { authorization: `Bearer ${DEMO_TOKENS.alice}` },
  );
  expect(answer.json.errors).toBeUndefined();
  return answer.json.data;
}
const eventsCalls = (boxId: string) =>
  gw.upstreamCalls().filter((c) => c.method === 'GET' && c.path === `/boxes/${boxId}/events`);

test('the gateway under test refuses any document that is not in the example manifest', async () => {
  const refused = await gw.gql('{ box(id: "b0000000-0000-4000-8000-000000000001") { id } }');
  expect(refused.status).toBe(400);
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
});

test("lists the user's boxes from myBoxes, says it does not encrypt, and shows box 1's events, each type in its own words", async () => {
  await page.goto(example.url);
  await shown(page.getByRole('note').filter({ hasText: 'does not encrypt' }));
  await page.getByRole('button', { name: /Welcome/ }).click();
  await shown(eventWithText('Welcome to the box!'));
  // The seed's edited message shows its new text, marked; the deleted one says who deleted it.
  await shown(eventWithText('Hello everyone (edited)').filter({ hasText: '(edited)' }));
  await shown(eventWithText(`Message deleted by ${DEMO_NAMES.alice}`));
  await shown(eventWithText(`Was removed by ${DEMO_NAMES.alice}`));
  await shown(timeline().getByText('Start of the box'));
  for (const title of ['Welcome', 'Archive', 'Closed circle']) {
    await shown(page.getByRole('button', { name: new RegExp(title) }));
  }
  await shown(page.getByTestId('box-title').filter({ hasText: 'Welcome' }));
  await shown(page.getByRole('list', { name: 'Members' }).getByText(DEMO_NAMES.bob));
});

test('scrolling up in box 2 (1,500 messages) loads older pages into one list, each event once', async () => {
  await page.getByRole('button', { name: /Archive/ }).click();
  await shown(events().nth(29));
  expect(await events().count()).toBe(30);
  const oldestBefore = await events().last().getAttribute('data-event-id');
  // A post shifts every offset by one, so the next page starts with the event already last:
  // the list must still hold it once.
  await page.getByLabel('Message').fill('Posted before paging');
  await page.getByRole('button', { name: 'Send' }).click();
  await shown(events().first().filter({ hasText: 'Posted before paging' }));
  const callsBefore = eventsCalls(DEMO_BOX_IDS.archive).length;

  for (const expected of [60, 90]) {
    await timeline().evaluate((list) => list.scrollTo({ top: -list.scrollHeight }));
    await shown(events().nth(expected - 1));
  }
  const ids = await events().evaluateAll((items) =>
    items.map((item) => item.getAttribute('data-event-id')),
  );
  expect(ids).toHaveLength(90);
  expect(new Set(ids).size).toBe(90);
  expect(ids.indexOf(oldestBefore!)).toBe(30);
  // Two more pages, one upstream list call each (first + 1, so hasNextPage needs no HEAD).
  const pages = eventsCalls(DEMO_BOX_IDS.archive).slice(callsBefore);
  expect(pages.map((c) => c.query)).toEqual([
    expect.objectContaining({ offset: '30', limit: '31' }),
    expect.objectContaining({ offset: '60', limit: '31' }),
  ]);
});

test('a posted message appears at once, from the cache, and is what the upstream stored', async () => {
  await page.getByRole('button', { name: /Welcome/ }).click();
  await shown(eventWithText('Welcome to the box!'));
  const text = `Hello from the browser ${Date.now()}`;
  const listCalls = eventsCalls(DEMO_BOX_IDS.welcome).length;
  const welcome = page.getByRole('button', { name: /Welcome/ });
  gw.resetCalls();

  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await shown(events().first().filter({ hasText: text }));
  // The composer empties once the server has answered.
  await page.waitForFunction(
    `document.querySelector('input[aria-label="Message"]').value === ''`,
    undefined,
    {
      timeout: UI_TIMEOUT,
    },
  );
  // Shown from the mutation's answer: the timeline was not fetched again; the sidebar's last
  // message follows from the myBoxes subscription.
  await shown(welcome.filter({ hasText: text }));
  expect(eventsCalls(DEMO_BOX_IDS.welcome)).toHaveLength(0);
  expect(gw.upstreamCalls().filter((c) => c.method === 'HEAD')).toHaveLength(0);
  expect(listCalls).toBeGreaterThan(0);
  const posted = gw
    .upstreamCalls()
    .filter((c) => c.method === 'POST' && c.path === `/boxes/${DEMO_BOX_IDS.welcome}/events`);
  expect(posted).toHaveLength(1);
  expect(posted[0].body).toMatchObject({
    type: 'msg.text',
    content: { encrypted: Buffer.from(text).toString('base64url') },
  });
});

test('one’s own message can be edited and then deleted; a reload shows the same', async () => {
  const original = `To be edited ${Date.now()}`;
  const edited = `Edited in the browser ${Date.now()}`;
  await page.getByLabel('Message').fill(original);
  await page.getByRole('button', { name: 'Send' }).click();
  const mine = eventWithText(original);
  await shown(mine);

  await mine.getByRole('button', { name: 'Edit' }).click();
  await mine.getByLabel('Edited message').fill(edited);
  await mine.getByRole('button', { name: 'Save' }).click();
  await shown(eventWithText(edited).filter({ hasText: '(edited)' }));
  expect(await eventWithText(original).count()).toBe(0);

  await page.reload();
  await shown(eventWithText(edited).filter({ hasText: '(edited)' }));
  // Bob's messages never offer Alice Edit or Delete.
  expect(await eventWithText('Hello Alice').getByRole('button').count()).toBe(0);
  await recorded.screenshot('chat');

  await eventWithText(edited).getByRole('button', { name: 'Delete' }).click();
  await gone(eventWithText(edited));
  const deletion = `Message deleted by ${DEMO_NAMES.alice}`;
  await shown(events().first().filter({ hasText: deletion }));
  await page.reload();
  await shown(events().first().filter({ hasText: deletion }));
  expect(await eventWithText(edited).count()).toBe(0);
});

test('an upstream fault shows its code instead of the timeline, and Retry recovers', async () => {
  const path = `/boxes/${DEMO_BOX_IDS.welcome}/events`;
  gw.emulator.failNext({ path, fault: { kind: 'reset' }, times: Infinity });
  await page.reload();
  await shown(page.getByRole('alert').filter({ hasText: 'UPSTREAM_UNAVAILABLE' }));
  expect(await events().count()).toBe(0);

  gw.emulator.clearFaults();
  await page.getByRole('button', { name: 'Retry' }).click();
  await shown(eventWithText('Welcome to the box!'));
  expect(await page.getByRole('alert').count()).toBe(0);
});

test('a user signed in at ACR 1 is told the box list needs a step-up, and the list of another user holds only their boxes', async () => {
  await page.getByLabel('User').selectOption('demo-bob');
  await shown(page.getByRole('alert').filter({ hasText: 'STEP_UP_REQUIRED' }));
  await page.getByLabel('User').selectOption('demo-bob-acr2');
  await shown(page.getByRole('button', { name: /Welcome/ }));
  await shown(page.getByRole('button', { name: /Archive/ }));
  // Bob was kicked from box 3: it is not his to list.
  expect(await page.getByRole('button', { name: /Closed circle/ }).count()).toBe(0);
});

test("another user's post, edit and deletion show in the open page, without reload", async () => {
  // Bob's page from the test before; alice acts through the API.
  await page.getByRole('button', { name: /Welcome/ }).click();
  await shown(eventWithText('Welcome to the box!'));
  await page.evaluate('window.notReloaded = true');
  // The subscription is live once the gateway holds bob's upstream socket.
  await waitFor('the page to subscribe', () => gw.emulator.openSockets() > 0, UI_TIMEOUT);
  const text = `Live from Alice ${Date.now()}`;
  const encode = (value: string) => Buffer.from(value).toString('base64url');
  const welcome = DEMO_BOX_IDS.welcome;
  const posted = await asAlice('PostTextMessage', {
    boxId: welcome,
    encrypted: encode(text),
    publicKey: 'pk',
  });
  const id = posted.postTextMessage.id as string;
  const message = timeline().locator(`[data-testid="event"][data-event-id="${id}"]`);
  await shown(message.filter({ hasText: text }));
  expect(await events().first().getAttribute('data-event-id')).toBe(id);

  const edited = `Alice changed her mind ${Date.now()}`;
  await asAlice('EditTextMessage', {
    boxId: welcome,
    messageId: id,
    newEncrypted: encode(edited),
    newPublicKey: 'pk',
  });
  await shown(message.filter({ hasText: edited }).filter({ hasText: '(edited)' }));
  await recorded.screenshot('chat-live-edit');

  await asAlice('DeleteMessage', { boxId: welcome, messageId: id });
  await shown(message.filter({ hasText: `Message deleted by ${DEMO_NAMES.alice}` }));
  expect(await eventWithText(edited).count()).toBe(0);
  // Patched in place: still one item for the message, and the page was never reloaded.
  expect(await message.count()).toBe(1);
  expect(await page.evaluate('window.notReloaded')).toBe(true);
  await recorded.screenshot('chat-live');
  // Subscriptions too went out as the manifest's hash (the persisted-query link before the split).
  expect(subscribes.length).toBeGreaterThan(0);
  const subscribed = subscribes.map(
    (payload) =>
      (payload.extensions as { persistedQuery: { sha256Hash: string } }).persistedQuery.sha256Hash,
  );
  expect(subscribed).toContain(manifestId('TimelineUpdates'));
  expect(subscribed).toContain(manifestId('MyBoxesUpdates'));
  for (const payload of subscribes) {
    expect(payload).toMatchObject({ extensions: { persistedQuery: { version: 1 } } });
  }
});

test('the page sent only trusted-document hashes, and nothing left the machine', () => {
  const manifest = Object.keys(JSON.parse(readFileSync(CHAT_MANIFEST, 'utf8')) as object);
  expect(bodies.length).toBeGreaterThan(5);
  for (const body of bodies) {
    expect(body).not.toHaveProperty('query');
    expect(body).toMatchObject({ extensions: { persistedQuery: { version: 1 } } });
  }
  const hashes = bodies.map(
    (body) =>
      (body.extensions as { persistedQuery: { sha256Hash: string } }).persistedQuery.sha256Hash,
  );
  // Every operation the page ran, and each one a manifest entry.
  expect(new Set(hashes).size).toBeGreaterThanOrEqual(5);
  for (const hash of hashes) expect(manifest).toContain(hash);
  expect(recorded.offMachine()).toEqual([]);
  expect(recorded.errors).toEqual([]);
});

test('two users, a new box: a text and a file, the other user’s badge rising live and clearing on read, the file downloaded, all without reload', async () => {
  const alice = (await browser.newPage()).page;
  const bob = (await browser.newPage()).page;
  const sent: Array<Record<string, unknown>> = [];
  let multipart = 0;
  for (const p of [alice, bob]) {
    p.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/graphql') return;
      // Chromium does not expose a body holding a file: an upload is counted, not read. The
      // gateway runs in only-mode, so the upload's success shows it was a manifest document.
      if (/^multipart\/form-data/.test(request.headers()['content-type'] ?? '')) multipart++;
      else sent.push(operationOf(request.postData() ?? 'null'));
    });
  }
  await alice.goto(example.url);
  await bob.goto(example.url);
  await bob.getByLabel('User').selectOption('demo-bob-acr2');
  await shown(bob.getByRole('button', { name: /Welcome/ }));
  await shown(alice.getByRole('button', { name: /Welcome/ }));

  // Alice creates a box open to its link; Bob joins it with the id Alice gives him.
  const title = `Trip ${Date.now()}`;
  await alice.getByLabel('New box title').fill(title);
  await alice.getByRole('button', { name: 'Create box' }).click();
  await shown(alice.getByTestId('box-title').filter({ hasText: title }));
  const boxId = (await alice.getByLabel('Box id', { exact: true }).textContent())!.trim();
  await bob.getByLabel('Box id to join').fill(boxId);
  await bob.getByRole('button', { name: 'Join' }).click();
  const row = bob.getByRole('button', { name: new RegExp(title) });
  await shown(row);
  await shown(alice.getByRole('list', { name: 'Members' }).getByText(DEMO_NAMES.bob));
  // Bob looks at another box: the new one's badge is the one to watch.
  await bob.getByRole('button', { name: /Archive/ }).click();
  await shown(bob.getByTestId('box-title').filter({ hasText: 'Archive' }));
  for (const p of [alice, bob]) await p.evaluate('window.notReloaded = true');

  await alice.getByLabel('Message').fill('See you at nine');
  await alice.getByRole('button', { name: 'Send' }).click();
  await shown(row.getByTestId('unread').filter({ hasText: /^1$/ }));
  await shown(row.filter({ hasText: 'See you at nine' }));

  const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251));
  await alice.getByLabel('File').setInputFiles({
    name: 'tickets.bin',
    mimeType: 'application/octet-stream',
    buffer: bytes,
  });
  await alice.getByRole('button', { name: 'Send' }).click();
  await shown(row.getByTestId('unread').filter({ hasText: /^2$/ }));
  await shown(row.filter({ hasText: 'sent a file' }));

  // Bob opens the box: its newest events are in view, so it is marked read and the badge goes.
  await row.click();
  const bobTimeline = bob.getByTestId('timeline');
  const file = bobTimeline.getByTestId('event').filter({ hasText: 'tickets.bin' });
  await shown(file);
  await shown(bobTimeline.getByTestId('event').filter({ hasText: 'See you at nine' }));
  await gone(row.getByTestId('unread'));
  await shown(bob.getByRole('list', { name: 'Members' }).getByText(DEMO_NAMES.alice));

  const [download] = await Promise.all([
    bob.waitForEvent('download', { timeout: UI_TIMEOUT }),
    file.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('tickets.bin');
  expect(readFileSync((await download.path())!)).toEqual(bytes);
  // The upstream stored exactly those bytes, uploaded once.
  const uploads = gw
    .upstreamCalls()
    .filter((c) => c.method === 'POST' && c.path === `/boxes/${boxId}/encrypted-files`);
  expect(uploads).toHaveLength(1);

  // Muting shows in the sidebar, and is what the upstream now holds.
  await bob.getByLabel('Muted').check();
  await shown(row.filter({ hasText: '(muted)' }));
  const settings = gw
    .upstreamCalls()
    .filter((c) => c.method === 'PUT' && c.path.endsWith(`/boxes/${boxId}/settings`));
  expect(settings.at(-1)?.body).toEqual({ muted: true });

  for (const p of [alice, bob]) expect(await p.evaluate('window.notReloaded')).toBe(true);
  // Only trusted-document hashes went out, uploads included.
  const manifest = Object.keys(JSON.parse(readFileSync(CHAT_MANIFEST, 'utf8')) as object);
  for (const body of sent) {
    expect(body).not.toHaveProperty('query');
    const hash = (body.extensions as { persistedQuery: { sha256Hash: string } }).persistedQuery
      .sha256Hash;
    expect(manifest).toContain(hash);
  }
  expect(sent.map((b) => b.operationName)).toEqual(
    expect.arrayContaining(['Me', 'MyBoxes', 'CreateBox', 'JoinBox', 'MarkBoxRead', 'SetBoxMuted']),
  );
  expect(multipart).toBe(1);
});
