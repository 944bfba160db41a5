// Subscription.boxEvents over both transports against the emulator's realtime socket, both on
// port 0: what arrives, with which fields, and what never arrives.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { sseSubscribe, updates, wsClient, type WsClient } from '../helpers/realtime-clients';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

jest.setTimeout(60_000);

const POST = `mutation Post($boxId: UUID!, $text: String!) {
  postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id serverEventCreatedAt }
}`;

let t: TestGateway;
const clients: WsClient[] = [];

beforeAll(async () => {
  t = await startTestGateway();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await t.close();
});

async function post(token: string, boxId: string, text: string) {
  const response = await t.gql(POST, { boxId, text }, { token });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.postTextMessage as { id: string; serverEventCreatedAt: string };
}

const bobOnWelcome = { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [DEMO_BOX_IDS.welcome] };

describe('over WebSocket (graphql-transport-ws on /graphql)', () => {
  it('delivers a message posted through the gateway, with its fields, and nothing of other boxes', async () => {
    const bob = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
    clients.push(bob);
    const received = bob.subscribe(bobOnWelcome);
    await waitForSockets(1);

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
    await waitForSockets(1);

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

/** The gateway's upstream socket is open once the emulator counts it. */
async function waitForSockets(count: number) {
  const deadline = Date.now() + 20_000;
  while (t.emulator.openSockets() !== count) {
    if (Date.now() > deadline)
      throw new Error(`expected ${count} upstream sockets, have ${t.emulator.openSockets()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
