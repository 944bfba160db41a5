// Finding: subscriptions skipped the §6 argument checks and the upstream-call budget, and kept
// one set of DataLoaders for their whole life: `event { box { eventsCount } }` stayed at its
// first value while a query read the new one, and 26 aliased windows cost 26 GETs per delivered
// event, unbudgeted. Each update now runs in a fresh scope with the subscription's plan, and so
// do the reads an update needs (issue 15 item 2): an edit's `message` lookup and a myBoxes
// update's box view are planned, budgeted and made by the update's own loaders.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import {
  sseSubscribe,
  updates,
  wsClient,
  type Received,
  type WsClient,
} from '../helpers/realtime-clients';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor, waitForValue } from '../helpers/wait-for';
import { runOnce, type TransportName } from './transports';

jest.setTimeout(60_000);

const BOX = DEMO_BOX_IDS.welcome;
const vars = { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [BOX] };
const WINDOWS = Array.from(
  { length: 26 },
  (_, i) => `w${i}: events(offset: ${i}, limit: 1) { id }`,
).join(' ');
const COUNTED = `subscription Counted($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) { event { id box { eventsCount } } }
}`;
const PATCHED = `subscription Patched($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) {
    event { id type box { events(offset: 0, limit: 2) { id } } }
    message { id ... on TextMessageEvent { encrypted } }
  }
}`;
const ALIASED = `subscription Aliased($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) { event { id box { ${WINDOWS} } } }
}`;

let t: TestGateway;
const clients: WsClient[] = [];
beforeEach(async () => {
  t = await startTestGateway({ env: { MAX_UPSTREAM_CALLS: '3' } });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await t.close();
});

function subscribe(transport: TransportName, query: string): Received {
  if (transport === 'sse')
    return sseSubscribe(t.gateway.url, vars, { token: DEMO_TOKENS.bob, query });
  const client = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
  clients.push(client);
  return client.subscribe(vars, query);
}

async function post(text: string): Promise<string> {
  const response = await t.gql(
    'mutation Post($boxId: UUID!, $text: String!) { postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id } }',
    { boxId: BOX, text },
    { token: DEMO_TOKENS.alice },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data.postTextMessage.id;
}

async function edit(messageId: string, text: string): Promise<void> {
  const response = await t.gql(
    'mutation Edit($boxId: UUID!, $messageId: UUID!, $text: String!) { editTextMessage(boxId: $boxId, messageId: $messageId, newEncrypted: $text, newPublicKey: "pk") { id } }',
    { boxId: BOX, messageId, text },
    { token: DEMO_TOKENS.alice },
  );
  expect(response.body.errors).toBeUndefined();
}

async function refusedEstimate(
  transport: TransportName,
  query: string,
  variables: Record<string, unknown>,
) {
  t.resetCalls();
  const refused = await runOnce(t, transport, { query, variables, token: DEMO_TOKENS.bob });
  expect(refused.codes).toEqual(['QUERY_TOO_COMPLEX']);
  expect(t.upstreamCalls()).toEqual([]);
  expect(t.emulator.openSockets()).toBe(0);
  return refused.errors[0].extensions;
}

function subscribed() {
  return waitFor('an upstream socket', () => t.emulator.openSockets() >= 1, 20_000);
}

describe.each(['ws', 'sse'] as const)('over %s', (transport) => {
  it('each update reads the box as of that update (fresh loaders)', async () => {
    const stream = subscribe(transport, COUNTED);
    await subscribed();
    const before = (
      await t.gql(`{ box(id: "${BOX}") { eventsCount } }`, {}, { token: DEMO_TOKENS.bob })
    ).body.data.box.eventsCount;
    const first = await post('Zmlyc3Q');
    await stream.until((r) => updates(r).some((u) => u.event.id === first));
    const second = await post('c2Vjb25k');
    const results = await stream.until((r) => updates(r).some((u) => u.event.id === second));
    stream.stop();
    expect(updates(results).map((u) => u.event.box.eventsCount)).toEqual([before + 1, before + 2]);
  });

  it('26 aliased windows: one planned GET per delivered event, each reading the box as of its event', async () => {
    const stream = subscribe(transport, ALIASED);
    await subscribed();
    for (const text of ['YWxpYXNlZA', 'YWdhaW4']) {
      // The subscription's own catch-up read after its socket opened (limit 100) may land in
      // the first window; the update's reads are the planned windows: one merged call.
      t.resetCalls();
      const id = await post(text);
      const results = await stream.until((r) => updates(r).some((u) => u.event.id === id));
      const reads = t
        .upstreamCalls()
        .filter((c) => c.method === 'GET' && c.path === `/boxes/${BOX}/events`)
        .map((c) => c.query)
        .filter((query) => query.limit !== '100');
      expect(reads).toEqual([{ offset: '0', limit: '26' }]);
      const box = updates(results).find((u) => u.event.id === id).event.box;
      expect(Object.keys(box)).toHaveLength(26);
      // The newest listed event is the one this update is about, not the first update's.
      expect(box.w0).toEqual([{ id }]);
    }
    stream.stop();
  });

  it('a selection over the upstream budget per update is refused at subscribe time, before any upstream call', async () => {
    t.resetCalls();
    const query = `subscription Costly($identityId: UUID!, $boxIds: [UUID!]!) {
      boxEvents(identityId: $identityId, boxIds: $boxIds) {
        event { box { eventsCount fileEventsCount events(offset: 0, limit: 1) { id } fileEvents(offset: 0, limit: 1) { id } } }
      }
    }`;
    const refused = await runOnce(t, transport, {
      query,
      variables: vars,
      token: DEMO_TOKENS.bob,
    });
    expect(refused.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refused.errors[0].extensions).toMatchObject({ estimatedUpstreamCalls: 4, limit: 3 });
    expect(t.upstreamCalls()).toEqual([]);
    expect(t.emulator.openSockets()).toBe(0);
  });

  it("an edit's message is read by the update's loaders: one GET shared with the update's own window, counted for the subscription", async () => {
    const reads = () =>
      t
        .upstreamCalls()
        .filter((c) => c.method === 'GET' && c.path === `/boxes/${BOX}/events`)
        .map((c) => c.query);
    t.resetCalls();
    const stream = subscribe(transport, PATCHED);
    await subscribed();
    const id = await post('b3JpZ2luYWw');
    await stream.until((r) => updates(r).some((u) => u.event.id === id));
    const readsBefore = reads().length;
    t.resetCalls();
    await edit(id, 'ZWRpdGVk');
    const results = await stream.until((r) => updates(r).some((u) => u.event.type === 'msg.edit'));
    stream.stop();
    const update = updates(results).find((u) => u.event.type === 'msg.edit');
    expect(update.message).toEqual({ id, encrypted: 'ZWRpdGVk' });
    expect(update.event.box.events).toHaveLength(2);
    // The plan merged the lookup's window with the update's: one call, made in the update's
    // scope (no separate lookup by the socket).
    expect(reads()).toEqual([{ offset: '0', limit: '500' }]);
    // Every read made for the subscription (box check, catch-up, each update's) is in its line.
    const ended = await waitForValue('the subscription ended line', () =>
      t.logs.entries().find((e) => e.msg === 'subscription ended'),
    );
    expect(ended.upstreamCalls).toBe(readsBefore + 1);
  });

  it("the update's reads count in the budget: an edit's message lookup, a myBoxes update's box", async () => {
    const patched = `subscription Costly($identityId: UUID!, $boxIds: [UUID!]!) {
      boxEvents(identityId: $identityId, boxIds: $boxIds) {
        message { id }
        event { box { eventsCount fileEventsCount fileEvents(offset: 0, limit: 1) { id } } }
      }
    }`;
    expect(await refusedEstimate(transport, patched, vars)).toMatchObject({
      estimatedUpstreamCalls: 4,
      limit: 3,
    });
    const listed = `subscription Mine($identityId: UUID!) {
      myBoxes(identityId: $identityId) {
        box { title members { id } accesses { id } events(offset: 0, limit: 1) { id } }
      }
    }`;
    expect(
      await refusedEstimate(transport, listed, { identityId: DEMO_IDENTITY_IDS.bob }),
    ).toMatchObject({ estimatedUpstreamCalls: 4, limit: 3 });
  });
});
