// Subscription.myBoxes (graphql-api.md §12.2) over WebSocket against the emulator's realtime
// socket: each change of the caller's box list arrives as one update with the box as the
// upstream now reads it: NEW_EVENT (unread count up), READ (markBoxRead, or an ack from another
// device), SETTINGS, ADDED, REMOVED after a kick, DELETED, and RESYNC after an upstream drop.
import WebSocket from 'ws';
import {
  DEMO_ACR2_TOKENS,
  DEMO_BOX_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  DEMO_UNREAD,
  accessAdd,
  box,
  demoSeed,
  join,
  text,
  uuidFromName,
} from '../../emulator';
import { sseSubscribe, wsClient, type Received, type WsClient } from '../helpers/realtime-clients';
import { startTestGateway, type Data, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60_000);

const W = DEMO_BOX_IDS.welcome;
const A = DEMO_BOX_IDS.archive;
const BOB = DEMO_IDENTITY_IDS.bob;
const BOB_TOKEN = DEMO_ACR2_TOKENS.bob;
const MY_BOXES = `subscription Mine($identityId: UUID!) {
  myBoxes(identityId: $identityId) {
    boxId change resynced
    box { id title unreadCount muted lastEvent { id type } }
  }
}`;

const BOB_RULE = uuidFromName('my-boxes kick rule');
const kickBox = box('Kick me', DEMO_IDENTITY_IDS.alice, {
  events: [
    accessAdd('identifier', 'bob@example.com', BOB_RULE),
    join(BOB),
    text(DEMO_IDENTITY_IDS.alice),
  ],
});

let t: TestGateway;
let bob: WsClient;
let received: Received;

beforeAll(async () => {
  const seed = demoSeed();
  t = await startTestGateway({ emulator: { seed: { ...seed, boxes: [...seed.boxes, kickBox] } } });
  bob = wsClient(t.gateway.url, { token: BOB_TOKEN });
  received = bob.subscribe({ identityId: BOB }, MY_BOXES);
  await waitFor('the upstream socket', () => t.emulator.openSockets() === 1);
});
afterAll(async () => {
  await bob.close();
  await t.close();
});

const updates = (): Data[] =>
  received.results.filter((r) => r.data?.myBoxes).map((r) => r.data.myBoxes);

/** The first update after the `skip` already seen that matches. */
async function next(skip: number, match: (u: Data) => boolean): Promise<Data> {
  await received.until(() => updates().slice(skip).some(match));
  return updates().slice(skip).find(match);
}

async function gql(query: string, token: string): Promise<Data> {
  const response = await t.gql(query, {}, { token });
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

it("NEW_EVENT: another member's message raises the unread count, with the new lastEvent", async () => {
  const seen = updates().length;
  const posted = await gql(
    `mutation { postTextMessage(boxId: "${W}", encrypted: "aGk", publicKey: "pk") { id } }`,
    DEMO_TOKENS.alice,
  );
  const update = await next(seen, (u) => u.change === 'NEW_EVENT');
  expect(update).toEqual({
    boxId: W,
    change: 'NEW_EVENT',
    resynced: false,
    box: {
      id: W,
      title: expect.any(String),
      unreadCount: DEMO_UNREAD.bob.welcome + 1,
      muted: false,
      lastEvent: { id: posted.postTextMessage.id, type: 'msg.text' },
    },
  });
});

it('READ after markBoxRead: unreadCount 0', async () => {
  const seen = updates().length;
  await gql(`mutation { markBoxRead(boxId: "${W}") { id } }`, BOB_TOKEN);
  const update = await next(seen, (u) => u.change === 'READ');
  expect(update).toMatchObject({ boxId: W, box: { unreadCount: 0 } });
});

it("READ after an ack from another of the caller's devices (the upstream's echo)", async () => {
  const seen = updates().length;
  const device = new WebSocket(`${t.emulator.url.replace(/^http/, 'ws')}/box-users/${BOB}/ws`, {
    headers: { cookie: `accesstoken=${DEMO_TOKENS.bob}; tokentype=bearer` },
  });
  await new Promise((resolve, reject) => device.once('open', resolve).once('error', reject));
  try {
    device.send(JSON.stringify({ type: 'ack', object: { box_id: A, sender_id: BOB } }));
    const update = await next(seen, (u) => u.change === 'READ' && u.boxId === A);
    expect(update.box).toMatchObject({ id: A, unreadCount: 0 });
  } finally {
    device.close();
  }
});

it('SETTINGS after setBoxMuted', async () => {
  const seen = updates().length;
  await gql(`mutation { setBoxMuted(boxId: "${W}", muted: true) { id } }`, BOB_TOKEN);
  const update = await next(seen, (u) => u.change === 'SETTINGS');
  expect(update).toMatchObject({ boxId: W, box: { muted: true } });
});

it('ADDED for a box the caller created, then DELETED when it is deleted', async () => {
  const seen = updates().length;
  const created = await gql(
    'mutation { createBox(title: "Bob\'s new box", publicKey: "cGs") { id } }',
    BOB_TOKEN,
  );
  const id = created.createBox.id;
  const added = await next(seen, (u) => u.change === 'ADDED');
  expect(added).toMatchObject({
    boxId: id,
    box: { id, title: "Bob's new box", unreadCount: 0, lastEvent: { type: 'create' } },
  });

  const before = updates().length;
  await gql(`mutation { deleteBox(boxId: "${id}") }`, BOB_TOKEN);
  const deleted = await next(before, (u) => u.change === 'DELETED');
  expect(deleted).toEqual({ boxId: id, change: 'DELETED', resynced: false, box: null });
});

it('REMOVED after a kick', async () => {
  const seen = updates().length;
  await gql(
    `mutation { changeBoxAccesses(boxId: "${kickBox.id}", remove: ["${BOB_RULE}"]) { kicked { id } } }`,
    DEMO_TOKENS.alice,
  );
  const update = await next(seen, (u) => u.change === 'REMOVED');
  expect(update).toEqual({ boxId: kickBox.id, change: 'REMOVED', resynced: false, box: null });
});

it('RESYNC after an upstream drop, and updates go on', async () => {
  const seen = updates().length;
  expect(t.emulator.dropSockets()).toBe(1);
  const resync = await next(seen, (u) => u.change === 'RESYNC');
  expect(resync).toEqual({
    boxId: '00000000-0000-0000-0000-000000000000',
    change: 'RESYNC',
    resynced: true,
    box: null,
  });
  const after = updates().length;
  await gql(
    `mutation { postTextMessage(boxId: "${A}", encrypted: "aGk", publicKey: "pk") { id } }`,
    DEMO_TOKENS.alice,
  );
  const update = await next(after, (u) => u.change === 'NEW_EVENT');
  expect(update.boxId).toBe(A);
});

it('over SSE too, on the same upstream socket as the WebSocket subscription', async () => {
  const sse = sseSubscribe(
    t.gateway.url,
    { identityId: BOB },
    { token: BOB_TOKEN, query: MY_BOXES },
  );
  try {
    expect(await sse.status).toBe(200);
    t.resetCalls();
    const posted = await gql(
      `mutation { postTextMessage(boxId: "${W}", encrypted: "aGk", publicKey: "pk") { id } }`,
      DEMO_TOKENS.alice,
    );
    const id = posted.postTextMessage.id;
    await sse.until((results) => results.some((r) => r.data?.myBoxes?.box?.lastEvent?.id === id));
    await received.until(() => updates().some((u) => u.box?.lastEvent?.id === id));
    const update = sse.results.find((r) => r.data?.myBoxes?.box?.lastEvent?.id === id).data.myBoxes;
    expect(update).toMatchObject({ boxId: W, change: 'NEW_EVENT' });
    // Bob's one upstream socket serves both subscriptions, and their one item for the message
    // runs the same document once: one read of the box for both.
    expect(t.emulator.openSockets()).toBe(1);
    const boxReads = t
      .upstreamCalls()
      .filter((c) => c.method === 'GET' && c.path === `/boxes/${W}`);
    expect(boxReads).toHaveLength(1);
  } finally {
    sse.stop();
  }
});
