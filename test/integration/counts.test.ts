// eventsCount / fileEventsCount (graphql-api.md §1): the X-Total-Count of the HEADs, equal to
// what the emulator itself answers, before and after writes (a deleted message still counts as
// an event; a deleted file leaves the files count).
import type { Emulator } from '../../emulator';
import {
  ARCHIVE_FILES,
  ARCHIVE_TEXTS,
  DEMO_BOX_IDS,
  DEMO_EVENT_IDS,
  DEMO_TOKENS,
} from '../../emulator';
import { describeCalls, startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const { welcome: W, archive: A, closed: C } = DEMO_BOX_IDS;
const COUNTS = `eventsCount fileEventsCount`;

/** The emulator's own answer to HEAD /boxes/:id/{events,files}, asked directly with cookies. */
async function upstreamCount(
  emulator: Emulator,
  token: string,
  box: string,
  list: 'events' | 'files',
) {
  const res = await fetch(`${emulator.url}/boxes/${box}/${list}`, {
    method: 'HEAD',
    headers: { cookie: `accesstoken=${token}; tokentype=bearer` },
  });
  expect(res.status).toBe(204);
  return Number(res.headers.get('x-total-count'));
}

async function upstreamCounts(emulator: Emulator, token: string, box: string) {
  return {
    eventsCount: await upstreamCount(emulator, token, box, 'events'),
    fileEventsCount: await upstreamCount(emulator, token, box, 'files'),
  };
}

describe('counts of the demo boxes', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it.each([
    ['Welcome', W, 17, 1],
    ['Archive', A, 2 + ARCHIVE_TEXTS + ARCHIVE_FILES, ARCHIVE_FILES],
    ['Closed circle', C, 6, 1],
  ])('%s: the HEAD counts, one HEAD each', async (_name, box, events, files) => {
    t.resetCalls();
    const res = await t.gql(`{ box(id: "${box}") { ${COUNTS} } }`, undefined, {
      token: DEMO_TOKENS.alice,
    });
    expect(res.body).toEqual({ data: { box: { eventsCount: events, fileEventsCount: files } } });
    expect(describeCalls(t.upstreamCalls()).sort()).toEqual([
      `HEAD /boxes/${box}/events`,
      `HEAD /boxes/${box}/files`,
    ]);
    expect(res.body.data.box).toEqual(await upstreamCounts(t.emulator, DEMO_TOKENS.alice, box));
  });

  it('a count equals the length of the full list (member bob, same numbers as the admin)', async () => {
    const res = await t.gql(
      `{ box(id: "${W}") { ${COUNTS} events { id } fileEvents { id } } }`,
      undefined,
      { token: DEMO_TOKENS.bob },
    );
    const box = res.body.data.box;
    expect([box.eventsCount, box.fileEventsCount]).toEqual([17, 1]);
    expect([box.events.length, box.fileEvents.length]).toEqual([17, 1]);
  });
});

describe('counts after writes (fresh gateway and emulator)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const counts = async (token: string) =>
    (await t.gql(`{ box(id: "${W}") { ${COUNTS} } }`, undefined, { token })).body;

  const mutate = async (token: string, mutation: string) => {
    const res = await t.gql(`mutation { ${mutation} { id } }`, undefined, { token });
    expect(res.body.errors).toBeUndefined();
  };

  it('follow the emulator through a post, an edit, two deletes and a leave', async () => {
    const steps: Array<[string, string, string, { eventsCount: number; fileEventsCount: number }]> =
      [
        [
          'post a text (+1 event)',
          DEMO_TOKENS.bob,
          `postTextMessage(boxId: "${W}", encrypted: "aGVsbG8", publicKey: "k")`,
          { eventsCount: 18, fileEventsCount: 1 },
        ],
        [
          'edit a text (no change: edits are never counted)',
          DEMO_TOKENS.bob,
          `editTextMessage(boxId: "${W}", messageId: "${DEMO_EVENT_IDS.editedText}", newEncrypted: "YWdhaW4", newPublicKey: "k2")`,
          { eventsCount: 18, fileEventsCount: 1 },
        ],
        [
          'delete a text (no change: still listed, as deleted)',
          DEMO_TOKENS.alice,
          `deleteMessage(boxId: "${W}", messageId: "${DEMO_EVENT_IDS.welcomeText}")`,
          { eventsCount: 18, fileEventsCount: 1 },
        ],
        [
          'delete the last file (files count drops, events count does not)',
          DEMO_TOKENS.alice,
          `deleteMessage(boxId: "${W}", messageId: "${DEMO_EVENT_IDS.savedFile}")`,
          { eventsCount: 18, fileEventsCount: 0 },
        ],
        [
          'bob leaves (+1 event: member.leave is visible)',
          DEMO_TOKENS.bob,
          `leaveBox(boxId: "${W}")`,
          { eventsCount: 19, fileEventsCount: 0 },
        ],
      ];
    const seen = [];
    for (const [name, token, mutation] of steps) {
      await mutate(token, mutation);
      const body = await counts(DEMO_TOKENS.alice);
      seen.push([name, body.data.box, await upstreamCounts(t.emulator, DEMO_TOKENS.alice, W)]);
    }
    expect(seen).toEqual(steps.map(([name, , , expected]) => [name, expected, expected]));
  });
});
