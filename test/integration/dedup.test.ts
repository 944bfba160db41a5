// Dedup within one operation (`boxes`, `box` and pages: docs/graphql-api.md), asserted
// by the exact requests the emulator received: the same upstream call is never made twice, and
// windows of one box's list merge into the fewest GETs — never across operations or callers.
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import {
  describeCalls,
  startTestGateway,
  type Data,
  type TestGateway,
} from '../helpers/start-test-gateway';

const { welcome: W, archive: A } = DEMO_BOX_IDS;
const token = DEMO_TOKENS.alice;
const events = (box: string, offset: number, limit: number) =>
  `GET /boxes/${box}/events?offset=${offset}&limit=${limit}`;
const files = (box: string, offset: number, limit: number) =>
  `GET /boxes/${box}/files?offset=${offset}&limit=${limit}`;
const countEvents = (box: string) => `HEAD /boxes/${box}/events`;
const countFiles = (box: string) => `HEAD /boxes/${box}/files`;

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.resetCalls());

async function run(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const res = await t.gql(query, variables, { token });
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}
/** Calls of one tick run in parallel: compared as a sorted list. */
const calls = () => describeCalls(t.upstreamCalls()).sort();
const ids = (list: Data[]) => list.map((e) => e.id);

it('aliases of the same field: one HEAD and one GET', async () => {
  const data = await run(`{ box(id: "${W}") {
    a: eventsCount b: eventsCount
    x: events(limit: 5) { id } y: events(limit: 5) { id type }
  } }`);
  expect(data.box.a).toBe(17);
  expect(data.box.b).toBe(17);
  expect(ids(data.box.x)).toEqual(ids(data.box.y));
  expect(calls()).toEqual([events(W, 0, 5), countEvents(W)].sort());
});

it('the same box reached through box, an alias and boxes shares its calls', async () => {
  const data = await run(`{
    one: box(id: "${W}") { eventsCount fileEventsCount }
    two: box(id: "${W.toUpperCase()}") { eventsCount fileEventsCount }
    boxes(ids: ["${W}"]) { eventsCount }
  }`);
  expect(data).toEqual({
    one: { eventsCount: 17, fileEventsCount: 1 },
    two: { eventsCount: 17, fileEventsCount: 1 },
    boxes: [{ eventsCount: 17 }],
  });
  expect(calls()).toEqual([countEvents(W), countFiles(W)]);
});

it('repeated ids in boxes (any case) are fetched once and served in the order asked', async () => {
  const data = await run(`{ boxes(ids: ["${W}", "${A}", "${W.toUpperCase()}", "${W}"]) {
    id eventsCount events(limit: 3) { id }
  } }`);
  expect(data.boxes.map((b: Data) => [b.id, b.eventsCount])).toEqual([
    [W, 17],
    [A, 1502],
    [W, 17],
    [W, 17],
  ]);
  expect(data.boxes[2]).toEqual(data.boxes[0]);
  expect(calls()).toEqual(
    [events(A, 0, 3), events(W, 0, 3), countEvents(A), countEvents(W)].sort(),
  );
});

it('events { box { eventsCount } } pointing back at their box reuse the box’s calls', async () => {
  const data = await run(`{ box(id: "${W}") {
    eventsCount
    events(limit: 10) { id box { id eventsCount events(limit: 3) { id } } }
  } }`);
  const outer = ids(data.box.events);
  for (const event of data.box.events) {
    expect(event.box).toEqual({
      id: W,
      eventsCount: 17,
      events: outer.slice(0, 3).map((id: string) => ({ id })),
    });
  }
  // The nested windows (0..3) lie inside the outer one (0..10): sliced, never fetched again.
  expect(calls()).toEqual([events(W, 0, 10), countEvents(W)].sort());
});

it('two windows of one list merge into one GET (latest 5 + a page of 50)', async () => {
  const data = await run(
    `{ box(id: "${A}") { latest: events(limit: 5) { id } page: events(limit: 50) { id } } }`,
  );
  expect(data.box.page).toHaveLength(50);
  expect(ids(data.box.latest)).toEqual(ids(data.box.page).slice(0, 5));
  expect(describeCalls(t.upstreamCalls())).toEqual([events(A, 0, 50)]);
});

it('adjacent windows merge; windows that would exceed 500 together do not', async () => {
  const data = await run(`{ box(id: "${A}") {
    a: events(offset: 0, limit: 10) { id } b: events(offset: 10, limit: 10) { id } c: events(offset: 5, limit: 10) { id }
    big: fileEvents(offset: 0, limit: 300) { id } far: fileEvents(offset: 250, limit: 251) { id }
  } }`);
  expect(ids(data.box.c)).toEqual([...ids(data.box.a), ...ids(data.box.b)].slice(5, 15));
  // 300 files: `far` holds the last 50, the same as the end of `big`.
  expect(ids(data.box.far)).toEqual(ids(data.box.big).slice(250));
  expect(calls()).toEqual([events(A, 0, 20), files(A, 0, 300), files(A, 250, 251)].sort());
});

it('a connection and a list of the same box share one GET; totalCount and eventsCount share one HEAD', async () => {
  const data = await run(`{ box(id: "${W}") {
    eventsCount
    events(limit: 5) { id }
    eventsConnection(first: 5) { totalCount nodes { id } pageInfo { hasNextPage } }
  } }`);
  expect(data.box.eventsConnection).toEqual({
    totalCount: 17,
    nodes: data.box.events,
    pageInfo: { hasNextPage: true },
  });
  expect(calls()).toEqual([events(W, 0, 6), countEvents(W)].sort());
});

it('events and files of one box are different lists: one call each', async () => {
  await run(
    `{ box(id: "${W}") { events(limit: 1) { id } fileEvents(limit: 1) { id } eventsCount fileEventsCount } }`,
  );
  expect(calls()).toEqual([events(W, 0, 1), files(W, 0, 1), countEvents(W), countFiles(W)].sort());
});

it('nothing is shared across operations: the same query twice makes its calls twice', async () => {
  const query = `{ box(id: "${W}") { eventsCount events(limit: 2) { id } } }`;
  await run(query);
  await run(query);
  expect(calls()).toEqual(
    [events(W, 0, 2), events(W, 0, 2), countEvents(W), countEvents(W)].sort(),
  );
});
