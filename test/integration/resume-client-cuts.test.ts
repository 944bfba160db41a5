// Client cuts (graphql-api.md §10.1, issue 16's first "done when"): a TCP proxy between the
// subscribers and the gateway cuts every client connection 10 times while messages are posted.
// WebSocket and SSE subscribers of two callers on two boxes come back by themselves (graphql-ws
// retrying with its operation id, SSE with Last-Event-ID) and each receives every posted event
// once, in order, and a notice per box after each cut.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import {
  resumingSse,
  resumingWs,
  untilMarkersArrive,
  type Resuming,
} from '../helpers/resuming-clients';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor as until } from '../helpers/wait-for';

jest.setTimeout(180_000);

const FOLLOW = `subscription Follow($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) { boxId resynced recovered cursor event { id } }
}`;
const POST = `mutation Post($boxId: UUID!, $text: String!) {
  postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id }
}`;
const BOXES = [DEMO_BOX_IDS.welcome, DEMO_BOX_IDS.archive];
const CUTS = 10;

let t: TestGateway;
let proxy: TcpProxy;
const subscribers: Resuming[] = [];

beforeAll(async () => {
  t = await startTestGateway({ env: { RESUME_FLUSH_MS: '50' } });
  const port = Number(new URL(t.gateway.url).port);
  proxy = await startTcpProxy({ host: '127.0.0.1', port });
});
afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  await proxy?.close();
  await t?.close();
});

/** Ids of the marker posts, left out of what subscribers are checked to have received. */
const markerIds = new Set<string>();
const markers = () =>
  untilMarkersArrive(
    subscribers,
    BOXES,
    async (boxId) => {
      const response = await t.gql(POST, { boxId, text: 'bWFya2Vy' }, { token: DEMO_TOKENS.alice });
      return response.body.data.postTextMessage.id as string;
    },
    markerIds,
  );

const events = (s: Resuming, boxId: string) =>
  s.updates
    .filter((u) => u.boxId === boxId && u.event && !markerIds.has(u.event.id as string))
    .map((u) => u.event.id as string);
const notices = (s: Resuming, boxId: string) =>
  s.updates.filter((u) => u.boxId === boxId && u.resynced);

it('every subscriber receives every event once, in order, and a notice per box after each of 10 cuts', async () => {
  const proxied = `${proxy.origin}/graphql`;
  const callers = [
    { token: DEMO_TOKENS.alice, identityId: DEMO_IDENTITY_IDS.alice },
    { token: DEMO_TOKENS.bob, identityId: DEMO_IDENTITY_IDS.bob },
  ];
  for (const caller of callers) {
    const payload = { query: FOLLOW, variables: { identityId: caller.identityId, boxIds: BOXES } };
    subscribers.push(resumingWs(proxied, caller.token, payload));
    subscribers.push(resumingSse(proxied, caller.token, payload));
  }
  // Live once each has an upstream socket (one per caller) and every stream is connected.
  await until('subscribers connected', () => subscribers.every((s) => s.connections === 1));
  await until('upstream sockets', () => t.emulator.openSockets() === 2);
  await markers();

  const posted = new Map<string, string[]>(BOXES.map((box) => [box, []]));
  let n = 0;
  const post = async () => {
    const boxId = BOXES[n % 2];
    const response = await t.gql(
      POST,
      { boxId, text: `bWVzc2FnZQ${n++}` },
      { token: DEMO_TOKENS.alice },
    );
    expect(response.body.errors).toBeUndefined();
    posted.get(boxId)!.push(response.body.data.postTextMessage.id);
  };

  for (let cut = 1; cut <= CUTS; cut++) {
    // Posted while connected, then while cut (before the clients are back), then after.
    await post();
    await post();
    const posting = (async () => {
      for (let i = 0; i < 3; i++) {
        await post();
      }
    })();
    expect(proxy.cutAll()).toBeGreaterThanOrEqual(subscribers.length);
    await posting;
    await until(`notices after cut ${cut}`, () =>
      subscribers.every((s) => BOXES.every((box) => notices(s, box).length >= cut)),
    );
  }
  await post();
  await post();
  await until('every event everywhere', () =>
    subscribers.every((s) =>
      BOXES.every((box) => events(s, box).length >= posted.get(box)!.length),
    ),
  );
  await markers();

  for (const s of subscribers) {
    expect(s.problems).toEqual([]);
    expect(s.connections).toBe(CUTS + 1);
    for (const box of BOXES) {
      // Every event once, in the order it was posted; one complete notice per cut.
      expect(events(s, box)).toEqual(posted.get(box));
      expect(notices(s, box).map((u) => u.recovered)).toEqual(Array(CUTS).fill(true));
    }
  }
  const metrics = await (await fetch(t.gateway.url.replace('/graphql', '/metrics'))).text();
  expect(metrics).toMatch(
    /gateway_subscription_resumes_total\{outcome="resumed",transport="ws"\} [1-9]/,
  );
  expect(metrics).toMatch(
    /gateway_subscription_resumes_total\{outcome="resumed",transport="sse"\} [1-9]/,
  );
});
