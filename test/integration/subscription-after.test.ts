// Subscription.boxEvents(after:) over real sockets against the emulator (graphql-api.md §10.1):
// a cursor from an earlier subscription resumes exactly after it, on both transports; a position
// the replay cannot reach says so (`recovered: false`); refusals cost no upstream call; and a
// cursor carries no right of its own.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { encodeCursor } from '../../src/resume/cursor';
import { sseSubscribe, updates, wsClient, type WsClient } from '../helpers/realtime-clients';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60_000);

const FOLLOW = `subscription Follow($identityId: UUID!, $boxIds: [UUID!]!, $after: [String!]) {
  boxEvents(identityId: $identityId, boxIds: $boxIds, after: $after) {
    boxId resynced recovered cursor event { id type }
  }
}`;
const POST = `mutation Post($boxId: UUID!, $text: String!) {
  postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id }
}`;
const { welcome, archive } = DEMO_BOX_IDS;
const bob = DEMO_IDENTITY_IDS.bob;

let t: TestGateway;
const clients: WsClient[] = [];

beforeAll(async () => {
  t = await startTestGateway();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  // The next test's "live" signal is its own upstream socket opening.
  await until(() => t.emulator.openSockets() === 0);
});
afterAll(async () => {
  await t.close();
});

function client(token: string) {
  const c = wsClient(t.gateway.url, { token });
  clients.push(c);
  return c;
}

async function post(boxId: string, text: string): Promise<string> {
  const response = await t.gql(POST, { boxId, text }, { token: DEMO_TOKENS.alice });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.postTextMessage.id as string;
}

/** Subscribes without a cursor, waits until it is live, and returns the cursor of one event. */
async function cursorAfterOnePost(boxId: string): Promise<{ cursor: string; eventId: string }> {
  const first = client(DEMO_TOKENS.bob).subscribe({ identityId: bob, boxIds: [boxId] }, FOLLOW);
  await until(() => t.emulator.openSockets() === 1);
  const eventId = await post(boxId, 'Zmlyc3Q');
  await first.until((r) => updates(r).length >= 1);
  first.stop();
  const [update] = updates(first.results);
  expect(update.event.id).toBe(eventId);
  expect(update.cursor.length).toBeLessThanOrEqual(128);
  return { cursor: update.cursor, eventId };
}

describe('after', () => {
  it('replays exactly the events since the cursor, oldest first, then the notice, then live (WebSocket)', async () => {
    const { cursor } = await cursorAfterOnePost(welcome);
    const missed = [await post(welcome, 'bWlzc2VkMQ'), await post(welcome, 'bWlzc2VkMg')];

    const resumed = client(DEMO_TOKENS.bob).subscribe(
      { identityId: bob, boxIds: [welcome, archive], after: [cursor] },
      FOLLOW,
    );
    await resumed.until((r) => updates(r).some((u) => u.resynced));
    const live = await post(welcome, 'bGl2ZQ');
    await resumed.until((r) => updates(r).some((u) => u.event?.id === live));

    const got = updates(resumed.results);
    expect(got.map((u) => [u.event?.id ?? null, u.resynced, u.recovered])).toEqual([
      [missed[0], false, null],
      [missed[1], false, null],
      [null, true, true],
      [live, false, null],
    ]);
    // The notice carries the position of the last replayed event; the box without a cursor
    // (archive) started at "now" with no notice.
    expect(got[2].cursor).toBe(got[1].cursor);
    expect(got.every((u) => u.boxId === welcome)).toBe(true);
  });

  it('the same over SSE', async () => {
    const { cursor } = await cursorAfterOnePost(welcome);
    const missed = await post(welcome, 'c3Nl');
    const stream = sseSubscribe(
      t.gateway.url,
      { identityId: bob, boxIds: [welcome], after: [cursor] },
      { token: DEMO_TOKENS.bob, query: FOLLOW },
    );
    await stream.until((r) => updates(r).some((u) => u.resynced));
    stream.stop();
    const got = updates(stream.results);
    expect(got.map((u) => [u.event?.id ?? null, u.recovered])).toEqual([
      [missed, null],
      [null, true],
    ]);
  });

  it('a position beyond the replay bound, or an event no longer listed, gives recovered: false, then live', async () => {
    // Archive holds 1,200 events: its oldest is further back than the replay reads.
    const oldest = await t.gql(
      `{ box(id: "${archive}") { events(offset: 1199, limit: 1) { id } } }`,
      {},
      {
        token: DEMO_TOKENS.bob,
      },
    );
    const farBack = encodeCursor({ boxId: archive, eventId: oldest.body.data.box.events[0].id });
    const gone = encodeCursor({ boxId: welcome, eventId: '00000000-0000-4000-8000-0000000000ff' });
    const resumed = client(DEMO_TOKENS.bob).subscribe(
      { identityId: bob, boxIds: [archive, welcome], after: [farBack, gone] },
      FOLLOW,
    );
    await resumed.until((r) => updates(r).filter((u) => u.resynced).length === 2);
    const live = await post(archive, 'YWZ0ZXI');
    await resumed.until((r) => updates(r).some((u) => u.event?.id === live));
    const got = updates(resumed.results);
    const notices = got.filter((u) => u.resynced);
    expect(notices.map((u) => [u.boxId, u.recovered]).sort()).toEqual(
      [
        [archive, false],
        [welcome, false],
      ].sort(),
    );
    // Nothing replayed when the position cannot be found: the client resets that timeline.
    expect(got.filter((u) => !u.resynced).map((u) => u.event.id)).toEqual([live]);
  });

  it.each([
    ['malformed', () => ['not-a-cursor']],
    ['for a box that is not subscribed', () => [encodeCursor({ boxId: archive, eventId: null })]],
    [
      'two for one box',
      () => [
        encodeCursor({ boxId: welcome, eventId: null }),
        encodeCursor({ boxId: welcome, eventId: null }),
      ],
    ],
  ])(
    'a cursor %s is refused with BAD_USER_INPUT naming after, before any upstream call',
    async (_name, after) => {
      t.resetCalls();
      const refused = client(DEMO_TOKENS.bob).subscribe(
        { identityId: bob, boxIds: [welcome], after: after() },
        FOLLOW,
      );
      await refused.untilDone();
      const errors = refused.results[0]?.errors ?? (refused.error as { extensions: object }[]);
      expect(errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'BAD_USER_INPUT',
            fields: { after: expect.any(String) },
          }),
        }),
      ]);
      const sse = sseSubscribe(
        t.gateway.url,
        { identityId: bob, boxIds: [welcome], after: after() },
        { token: DEMO_TOKENS.bob, query: FOLLOW },
      );
      await sse.untilDone();
      expect(JSON.stringify(sse.results)).toContain('BAD_USER_INPUT');
      expect(t.upstreamCalls()).toEqual([]);
    },
  );

  it("one caller's cursor gives another caller nothing: the box check still applies", async () => {
    const { cursor } = await cursorAfterOnePost(welcome);
    await post(welcome, 'c2VjcmV0');
    const eve = client(DEMO_TOKENS.eve).subscribe(
      { identityId: DEMO_IDENTITY_IDS.eve, boxIds: [welcome], after: [cursor] },
      FOLLOW,
    );
    await eve.untilDone();
    expect(updates(eve.results)).toEqual([]);
    const errors = eve.results[0]?.errors ?? (eve.error as { extensions: object }[]);
    expect(errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
  });
});

function until(check: () => boolean, timeoutMs = 20_000) {
  return waitFor('the condition', check, timeoutMs);
}
