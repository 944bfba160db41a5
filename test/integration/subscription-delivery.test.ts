// Subscription.boxEvents over both transports against the emulator's realtime socket, both on
// port 0: what arrives, with which fields, and what never arrives.
import {
  DEMO_BOX_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  accessAdd,
  box,
  demoSeed,
  join,
  text,
  uuidFromName,
} from '../../emulator';
import { sseSubscribe, updates, wsClient, type WsClient } from '../helpers/realtime-clients';
import { catchUpReads, postText, waitForSockets } from '../helpers/gateway-checks';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60_000);

let t: TestGateway;
const clients: WsClient[] = [];

/** Bob's own identifier rule in a box of alice's: removing it kicks him (batch-events). */
const BOB_RULE = uuidFromName('kick-box bob rule');
const kickBox = box('Kick', DEMO_IDENTITY_IDS.alice, {
  events: [
    accessAdd('identifier', 'bob@example.com', BOB_RULE),
    join(DEMO_IDENTITY_IDS.bob),
    text(DEMO_IDENTITY_IDS.alice),
  ],
});

beforeAll(async () => {
  const seed = demoSeed();
  t = await startTestGateway({ emulator: { seed: { ...seed, boxes: [...seed.boxes, kickBox] } } });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await t.close();
});

const post = (token: string, boxId: string, text: string) => postText(t, token, boxId, text);

const bobOnWelcome = { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [DEMO_BOX_IDS.welcome] };

describe('over WebSocket (graphql-transport-ws on /graphql)', () => {
  it('delivers a message posted through the gateway, with its fields, and nothing of other boxes', async () => {
    const bob = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
    clients.push(bob);
    const received = bob.subscribe(bobOnWelcome);
    await waitForSockets(t, 1);

    await post(DEMO_TOKENS.alice, DEMO_BOX_IDS.archive, 'b3RoZXI');
    const posted = await post(DEMO_TOKENS.alice, DEMO_BOX_IDS.welcome, 'aGVsbG8');

    await received.until((r) => updates(r).length >= 1);
    expect(received.results).toHaveLength(1);
    expect(updates(received.results)[0]).toEqual({
      boxId: DEMO_BOX_IDS.welcome,
      resynced: false,
      message: null,
      event: {
        __typename: 'TextMessageEvent',
        id: posted.id,
        type: 'msg.text',
        boxId: DEMO_BOX_IDS.welcome,
        serverEventCreatedAt: posted.serverEventCreatedAt,
        sender: { id: DEMO_IDENTITY_IDS.alice, displayName: 'Alice Martin', identifierValue: null },
        encrypted: 'aGVsbG8',
        publicKey: 'pk',
      },
    });
  });
});

describe('over SSE (distinct connections on /graphql/stream)', () => {
  it('delivers a message posted through the gateway, and nothing of other boxes', async () => {
    const received = sseSubscribe(t.gateway.url, bobOnWelcome, { token: DEMO_TOKENS.bob });
    expect(await received.status).toBe(200);
    await waitForSockets(t, 1);

    await post(DEMO_TOKENS.alice, DEMO_BOX_IDS.archive, 'b3RoZXI');
    const posted = await post(DEMO_TOKENS.alice, DEMO_BOX_IDS.welcome, 'aGk');

    await received.until((r) => updates(r).length >= 1);
    received.stop();
    expect(updates(received.results)).toEqual([
      expect.objectContaining({
        boxId: DEMO_BOX_IDS.welcome,
        event: expect.objectContaining({ id: posted.id, encrypted: 'aGk' }),
      }),
    ]);
  });
});

describe('isolation', () => {
  it("3 callers on several boxes, posting concurrently: each update reaches only its subscribers, in the caller's view", async () => {
    const { welcome, archive, closed } = DEMO_BOX_IDS;
    const join = await t.gql(
      `mutation { joinBox(boxId: "${welcome}") { id } }`,
      {},
      { token: DEMO_TOKENS.eve },
    );
    expect(join.body.errors).toBeUndefined();
    const callers = {
      alice: { token: DEMO_TOKENS.alice, boxes: [closed, archive] as string[] },
      bob: { token: DEMO_TOKENS.bob, boxes: [welcome, archive] as string[] },
      eve: { token: DEMO_TOKENS.eve, boxes: [welcome] as string[] },
    };
    const catchUpsBefore = catchUpReads(t);
    const received = Object.fromEntries(
      Object.entries(callers).map(([name, caller]) => {
        const c = wsClient(t.gateway.url, { token: caller.token });
        clients.push(c);
        const identityId = DEMO_IDENTITY_IDS[name as keyof typeof callers];
        return [name, c.subscribe({ identityId, boxIds: caller.boxes })];
      }),
    );
    // Every subscription is attached once its socket is open and its catch-up read was made.
    await waitForSockets(t, 3);
    await waitFor('a catch-up read per box', () => catchUpReads(t) === catchUpsBefore + 5);

    const plan: Array<[keyof typeof callers, string]> = [
      ['alice', closed],
      ['alice', archive],
      ['bob', welcome],
      ['bob', archive],
      ['eve', welcome],
    ];
    const posted = await Promise.all(
      [0, 1, 2].flatMap((round) =>
        plan.map(async ([name, boxId]) => ({
          boxId,
          sender: name,
          id: (await post(callers[name].token, boxId, `cm91bmQ${round}`)).id,
        })),
      ),
    );
    // Posted after all the others, in every box but the closed one: an update that should not
    // have reached a subscriber would have come before these on its upstream socket.
    const last = [
      (await post(DEMO_TOKENS.alice, archive, 'bGFzdA')).id,
      (await post(DEMO_TOKENS.eve, welcome, 'bGFzdA')).id,
    ];
    for (const [name, caller] of Object.entries(callers)) {
      const expected = posted.filter((p) => caller.boxes.includes(p.boxId)).map((p) => p.id);
      const r = received[name];
      const lastHere = [caller.boxes.includes(archive), caller.boxes.includes(welcome)];
      const lastIds = last.filter((_, i) => lastHere[i]);
      await r.until((res) => lastIds.every((id) => updates(res).some((u) => u.event.id === id)));
      const got = updates(r.results).filter((u) => !last.includes(u.event.id));
      expect(got.map((u) => u.event.id).sort()).toEqual([...expected].sort());
      expect(got.every((u) => caller.boxes.includes(u.boxId))).toBe(true);
    }
    // The creator's socket carries the transparent view, everyone else's the opaque one.
    const bobPostInArchive = (u: { event: { sender: { id: string } }; boxId: string }) =>
      u.boxId === archive && u.event.sender.id === DEMO_IDENTITY_IDS.bob;
    expect(
      updates(received.alice.results).find(bobPostInArchive).event.sender.identifierValue,
    ).toBe('bob@example.com');
    expect(
      updates(received.bob.results).find(bobPostInArchive).event.sender.identifierValue,
    ).toBeNull();
  });
});

describe('kick', () => {
  it('the kicked member receives its kick, then the subscription completes', async () => {
    const bob = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
    clients.push(bob);
    const received = bob.subscribe({ identityId: DEMO_IDENTITY_IDS.bob, boxIds: [kickBox.id] });
    await waitForSockets(t, 1);
    const removed = await t.gql(
      `mutation { changeBoxAccesses(boxId: "${kickBox.id}", remove: ["${BOB_RULE}"]) { kicked { id sender { id } } } }`,
      {},
      { token: DEMO_TOKENS.alice },
    );
    const kick = removed.body.data.changeBoxAccesses.kicked.find(
      (k: { sender: { id: string } }) => k.sender.id === DEMO_IDENTITY_IDS.bob,
    );
    expect(kick).toBeDefined();
    await received.untilDone();
    expect(received.error).toBeUndefined();
    expect(updates(received.results).map((u) => [u.event.type, u.event.id])).toEqual([
      ['member.kick', kick.id],
    ]);
  });
});
