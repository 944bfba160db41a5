// No event lost, none twice (docs/realtime.md): the emulator drops every upstream socket ten
// times, refusing the reconnects for a while each time, while messages are posted. Every
// subscriber gets every posted event of its boxes exactly once, oldest first per box, and one
// `resynced` notice per box after each drop.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import {
  sseSubscribe,
  updates,
  wsClient,
  type Received,
  type WsClient,
} from '../helpers/realtime-clients';
import { catchUpReads, postText } from '../helpers/gateway-checks';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(240_000);

const DROPS = 10;
const SOCKET_PATH = /\/box-users\/.+\/ws$/;
const { welcome, archive } = DEMO_BOX_IDS;

let t: TestGateway;
const clients: WsClient[] = [];

beforeAll(async () => {
  t = await startTestGateway({
    env: {
      UPSTREAM_WS_RECONNECT_MS: '20',
      UPSTREAM_WS_RECONNECT_MAX_MS: '200',
      CREDENTIAL_CHECK_MS: '500',
    },
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await t.close();
});

const post = async (token: string, boxId: string, n: number): Promise<string> =>
  (await postText(t, token, boxId, `bXNn${n}`)).id;
/** As the file's waits always read: the condition first, then what it is. */
const until = (check: () => boolean, what: string) => waitFor(what, check);

const eventIds = (r: Received, boxId: string) =>
  updates(r.results)
    .filter((u) => u.boxId === boxId && u.event)
    .map((u) => u.event.id as string);
const notices = (r: Received, boxId: string) =>
  updates(r.results).filter((u) => u.boxId === boxId && u.resynced).length;

it(`delivers every event exactly once, oldest first, with a resync notice after each of ${DROPS} drops`, async () => {
  const bob = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
  const alice = wsClient(t.gateway.url, { token: DEMO_TOKENS.alice });
  clients.push(bob, alice);
  const boxes = [welcome, archive];
  const subscribers: Array<{ name: string; received: Received; boxes: string[] }> = [
    {
      name: 'bob ws',
      boxes,
      received: bob.subscribe({ identityId: DEMO_IDENTITY_IDS.bob, boxIds: boxes }),
    },
    {
      name: 'alice ws',
      boxes,
      received: alice.subscribe({ identityId: DEMO_IDENTITY_IDS.alice, boxIds: boxes }),
    },
    {
      name: 'bob sse',
      boxes: [welcome],
      received: sseSubscribe(
        t.gateway.url,
        { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [welcome] },
        { token: DEMO_TOKENS.bob },
      ),
    },
  ];
  await until(() => t.emulator.openSockets() === 2, 'both upstream sockets open');
  // The catch-up read after the first open anchors each subscription (one per box, five in
  // all): anything posted after it is live, held until the read is answered.
  await until(() => catchUpReads(t) === 5, 'a catch-up read per subscribed box');

  const posted: Record<string, string[]> = { [welcome]: [], [archive]: [] };
  let n = 0;
  const postRound = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const boxId = i % 2 === 0 ? welcome : archive;
      const token = i % 3 === 0 ? DEMO_TOKENS.bob : DEMO_TOKENS.alice;
      posted[boxId].push(await post(token, boxId, n++));
    }
  };

  for (let drop = 1; drop <= DROPS; drop++) {
    await postRound(3);
    t.emulator.failNext({
      method: 'GET',
      path: SOCKET_PATH,
      fault: { kind: 'status', status: 503 },
      times: 4,
    });
    expect(t.emulator.dropSockets()).toBe(2);
    // Posted while no upstream socket is open: only the replay can deliver these.
    await postRound(3);
    await until(() => t.emulator.openSockets() === 2, `reconnected after drop ${drop}`);
    for (const s of subscribers) {
      await until(
        () => s.boxes.every((b) => notices(s.received, b) === drop),
        `${s.name}: notice ${drop}`,
      );
    }
    await postRound(2);
  }

  for (const s of subscribers) {
    for (const boxId of s.boxes) {
      await until(
        () => eventIds(s.received, boxId).length >= posted[boxId].length,
        `${s.name}: every event of ${boxId}`,
      );
      expect(eventIds(s.received, boxId)).toEqual(posted[boxId]);
      expect(notices(s.received, boxId)).toBe(DROPS);
    }
    expect(s.received.done).toBe(false);
  }
  // The reconnects really were refused for a while: 4 refusals per drop, beside the successes.
  const upgrades = t.emulator.requests.filter((r) => r.upgrade);
  expect(upgrades.length).toBe(2 + DROPS * (2 + 4));
});

it('a token the upstream stops accepting ends its subscriptions with UNAUTHENTICATED (the periodic re-check)', async () => {
  const alice = wsClient(t.gateway.url, { token: DEMO_TOKENS.alice });
  clients.push(alice);
  const received = alice.subscribe({
    identityId: DEMO_IDENTITY_IDS.alice,
    boxIds: [DEMO_BOX_IDS.closed],
  });
  // Running once its check and catch-up read are done (alice's socket is already open): the
  // faults below can then only reach it through the periodic re-check.
  await until(() => catchUpReads(t, DEMO_BOX_IDS.closed) === 1, 'the catch-up read of closed');
  expect(received.done).toBe(false);
  t.emulator.failNext({
    method: 'HEAD',
    path: /\/events$/,
    fault: { kind: 'status', status: 401 },
    times: 100,
  });
  await received.untilDone(10_000);
  t.emulator.clearFaults();
  expect(received.results.at(-1).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  const heads = t.emulator.requests.filter((r) => r.method === 'HEAD');
  expect(heads.length).toBeGreaterThan(0);
});
