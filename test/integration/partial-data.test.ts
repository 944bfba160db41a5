// Partial data (docs/graphql-api.md#errors, last paragraph): nullability keeps failures local. One
// box of `boxes` failing leaves the others whole; a failing `events` leaves the counts of the same
// box; every error's `path` points at the field that failed.
import { ARCHIVE_FILES, ARCHIVE_TEXTS, DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import {
  startTestGateway,
  type GqlResponse,
  type TestGateway,
} from '../helpers/start-test-gateway';

const { welcome: W, archive: A, closed: C } = DEMO_BOX_IDS;
const BOX_FIELDS =
  'id eventsCount fileEventsCount events(limit: 2) { type } fileEvents(limit: 1) { type }';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ env: { CIRCUIT_FAILURES: '1000' } });
});
afterAll(() => t.close());
beforeEach(() => {
  t.emulator.clearFaults();
  t.resetCalls();
});

/** Errors as [path, code], sorted: fields of one tick fail in completion order. */
const errorsOf = (res: GqlResponse) =>
  (res.body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]).sort();

const welcome = {
  id: W,
  eventsCount: 17,
  fileEventsCount: 1,
  events: [{ type: 'msg.text' }, { type: 'member.kick' }],
  fileEvents: [{ type: 'msg.file' }],
};
const archive = {
  id: A,
  eventsCount: 2 + ARCHIVE_TEXTS + ARCHIVE_FILES,
  fileEventsCount: ARCHIVE_FILES,
  events: [{ type: 'msg.file' }, { type: 'msg.text' }],
  fileEvents: [{ type: 'msg.file' }],
};

it('boxes: the box bob was kicked from fails field by field; the boxes around it are whole', async () => {
  const res = await t.gql(`{ boxes(ids: ["${W}", "${C}", "${A}"]) { ${BOX_FIELDS} } }`, undefined, {
    token: DEMO_TOKENS.bob,
  });
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({
    boxes: [
      welcome,
      { id: C, eventsCount: null, fileEventsCount: null, events: null, fileEvents: null },
      archive,
    ],
  });
  expect(errorsOf(res)).toEqual([
    ['boxes.1.events', 'FORBIDDEN'],
    ['boxes.1.eventsCount', 'FORBIDDEN'],
    ['boxes.1.fileEvents', 'FORBIDDEN'],
    ['boxes.1.fileEventsCount', 'FORBIDDEN'],
  ]);
});

it('boxes: an upstream fault on one box path fails only that box’s field', async () => {
  t.emulator.failNext({
    method: 'GET',
    path: `/boxes/${A}/events`,
    fault: { kind: 'status', status: 500 },
  });
  const res = await t.gql(`{ boxes(ids: ["${W}", "${A}"]) { ${BOX_FIELDS} } }`, undefined, {
    token: DEMO_TOKENS.alice,
  });
  expect(res.body.data).toEqual({ boxes: [welcome, { ...archive, events: null }] });
  expect(errorsOf(res)).toEqual([['boxes.1.events', 'UPSTREAM_ERROR']]);
});

it('box: a failing events leaves eventsCount (and everything else) of the same box intact', async () => {
  t.emulator.failNext({
    method: 'GET',
    path: `/boxes/${W}/events`,
    fault: { kind: 'reset' },
    times: 3,
  });
  const res = await t.gql(`{ box(id: "${W}") { ${BOX_FIELDS} } }`, undefined, {
    token: DEMO_TOKENS.alice,
  });
  expect(res.body.data).toEqual({ box: { ...welcome, events: null } });
  expect(errorsOf(res)).toEqual([['box.events', 'UPSTREAM_UNAVAILABLE']]);
});

it('box: a failing count leaves the list it counts intact', async () => {
  t.emulator.failNext({
    method: 'HEAD',
    path: `/boxes/${W}/files`,
    fault: { kind: 'status', status: 500 },
  });
  const res = await t.gql(`{ box(id: "${W}") { ${BOX_FIELDS} } }`, undefined, {
    token: DEMO_TOKENS.alice,
  });
  expect(res.body.data).toEqual({ box: { ...welcome, fileEventsCount: null } });
  expect(errorsOf(res)).toEqual([['box.fileEventsCount', 'UPSTREAM_ERROR']]);
});

it('aliases of one box: the failing one is null, its siblings are served', async () => {
  const res = await t.gql(
    `{ mine: box(id: "${W}") { eventsCount } notMine: box(id: "${C}") { eventsCount } }`,
    undefined,
    { token: DEMO_TOKENS.bob },
  );
  expect(res.body.data).toEqual({ mine: { eventsCount: 17 }, notMine: { eventsCount: null } });
  expect(errorsOf(res)).toEqual([['notMine.eventsCount', 'FORBIDDEN']]);
});

it('a connection failing leaves the box and its other fields', async () => {
  t.emulator.failNext({ method: 'GET', path: `/boxes/${W}/files`, fault: { kind: 'garbage' } });
  const res = await t.gql(
    `{ box(id: "${W}") { eventsCount fileEventsConnection(first: 1) { totalCount nodes { id } } eventsConnection(first: 1) { totalCount } } }`,
    undefined,
    { token: DEMO_TOKENS.alice },
  );
  expect(res.body.data).toEqual({
    box: { eventsCount: 17, fileEventsConnection: null, eventsConnection: { totalCount: 17 } },
  });
  expect(errorsOf(res)).toEqual([['box.fileEventsConnection', 'UPSTREAM_ERROR']]);
});
