// Pagination (docs/graphql-api.md#pagination): argument bounds checked before any upstream call,
// explicit offset/limit on every GET, the archive box paged beyond the upstream's default 500, and
// the connections (first + 1 instead of a HEAD, totalCount only when selected, cursors).
import { ARCHIVE_FILES, ARCHIVE_TEXTS, DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import {
  describeCalls,
  startTestGateway,
  type Data,
  type TestGateway,
} from '../helpers/start-test-gateway';

const W = DEMO_BOX_IDS.welcome;
const A = DEMO_BOX_IDS.archive;
/** create + bob's join + every message of the archive. */
const ARCHIVE_EVENTS = 2 + ARCHIVE_TEXTS + ARCHIVE_FILES;
const token = DEMO_TOKENS.alice;

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.resetCalls());

const calls = () => describeCalls(t.upstreamCalls());

describe('argument bounds: BAD_USER_INPUT naming the argument, zero upstream calls', () => {
  const cases: Array<[string, string, Record<string, string>]> = [
    ['events offset -1', `events(offset: -1) { id }`, { offset: 'must be 0 or more' }],
    ['events offset null', `events(offset: null) { id }`, { offset: 'must be 0 or more' }],
    ['events limit 0', `events(limit: 0) { id }`, { limit: 'must be between 1 and 500' }],
    ['events limit -5', `events(limit: -5) { id }`, { limit: 'must be between 1 and 500' }],
    ['events limit 501', `events(limit: 501) { id }`, { limit: 'must be between 1 and 500' }],
    ['events limit null', `events(limit: null) { id }`, { limit: 'must be between 1 and 500' }],
    ['fileEvents offset -1', `fileEvents(offset: -1) { id }`, { offset: 'must be 0 or more' }],
    ['fileEvents limit 0', `fileEvents(limit: 0) { id }`, { limit: 'must be between 1 and 500' }],
    [
      'fileEvents limit 501',
      `fileEvents(limit: 501) { id }`,
      { limit: 'must be between 1 and 500' },
    ],
    [
      'eventsConnection first 0',
      `eventsConnection(first: 0) { totalCount }`,
      { first: 'must be between 1 and 500' },
    ],
    [
      'eventsConnection first 501',
      `eventsConnection(first: 501) { totalCount }`,
      { first: 'must be between 1 and 500' },
    ],
    [
      'fileEventsConnection first -1',
      `fileEventsConnection(first: -1) { totalCount }`,
      { first: 'must be between 1 and 500' },
    ],
    [
      'eventsConnection after a foreign cursor',
      `eventsConnection(after: "b2Zmc2V0Oi0x") { totalCount }`,
      { after: 'not a cursor returned by this API' },
    ],
    [
      'fileEventsConnection after garbage',
      `fileEventsConnection(after: "not a cursor") { totalCount }`,
      { after: 'not a cursor returned by this API' },
    ],
  ];

  it.each(cases)('%s', async (_name, selection, fields) => {
    // A valid sibling field proves the whole operation is refused, not just the bad field.
    const res = await t.gql(`{ box(id: "${W}") { eventsCount ${selection} } }`, undefined, {
      token,
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message: expect.any(String),
          extensions: { code: 'BAD_USER_INPUT', fields },
        },
      ],
    });
    expect(calls()).toEqual([]);
  });

  it('the same checks apply to values given as variables', async () => {
    const res = await t.gql(
      `query Page($offset: Int, $limit: Int) { box(id: "${W}") { eventsCount events(offset: $offset, limit: $limit) { id } } }`,
      { offset: 0, limit: 0 },
      { token },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        message: 'limit must be between 1 and 500, got 0',
        extensions: { code: 'BAD_USER_INPUT', fields: { limit: 'must be between 1 and 500' } },
      },
    ]);
    expect(calls()).toEqual([]);
  });

  it('boxes(ids) takes 1 to 50 ids', async () => {
    const tooMany = Array.from({ length: 51 }, () => W);
    for (const ids of [[], tooMany]) {
      const res = await t.gql(
        `query ($ids: [UUID!]!) { boxes(ids: $ids) { eventsCount } }`,
        { ids },
        { token },
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          message: `ids must hold 1 to 50 box ids, got ${ids.length}`,
          extensions: { code: 'BAD_USER_INPUT', fields: { ids: 'must hold 1 to 50 ids' } },
        },
      ]);
    }
    expect(calls()).toEqual([]);
  });
});

describe('explicit windows upstream', () => {
  it('defaults send offset=0&limit=500 explicitly on both lists (never a bare GET, never limit=0)', async () => {
    const res = await t.gql(`{ box(id: "${W}") { events { id } fileEvents { id } } }`, undefined, {
      token,
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.box.events).toHaveLength(17);
    expect(calls().sort()).toEqual([
      `GET /boxes/${W}/events?offset=0&limit=500`,
      `GET /boxes/${W}/files?offset=0&limit=500`,
    ]);
  });

  it('limit 1 and offset past the end are sent as asked', async () => {
    const res = await t.gql(
      `{ box(id: "${W}") { events(offset: 17, limit: 1) { id } fileEvents(offset: 0, limit: 1) { id } } }`,
      undefined,
      { token },
    );
    expect(res.body.data.box.events).toEqual([]);
    expect(res.body.data.box.fileEvents).toHaveLength(1);
    expect(calls().sort()).toEqual([
      `GET /boxes/${W}/events?offset=17&limit=1`,
      `GET /boxes/${W}/files?offset=0&limit=1`,
    ]);
  });

  it('pages the archive box beyond 500: four windows, 1,502 distinct events, the create event last', async () => {
    const res = await t.gql(
      `{ box(id: "${A}") {
        p0: events(offset: 0, limit: 500) { id }
        p1: events(offset: 500, limit: 500) { id }
        p2: events(offset: 1000, limit: 500) { id }
        p3: events(offset: 1500, limit: 500) { id type }
      } }`,
      undefined,
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    const box = res.body.data.box;
    expect([box.p0, box.p1, box.p2, box.p3].map((page: Data[]) => page.length)).toEqual([
      500, 500, 500, 2,
    ]);
    const ids = [...box.p0, ...box.p1, ...box.p2, ...box.p3].map((e: Data) => e.id);
    expect(new Set(ids).size).toBe(ARCHIVE_EVENTS);
    expect(box.p3.map((e: Data) => e.type)).toEqual(['member.join', 'create']);
    expect(calls().sort()).toEqual(
      [0, 1000, 1500, 500].map((offset) => `GET /boxes/${A}/events?offset=${offset}&limit=500`),
    );
  });

  it('a window beyond 500 equals the same slice of a direct upstream read', async () => {
    const res = await t.gql(
      `{ box(id: "${A}") { events(offset: 740, limit: 3) { id } } }`,
      undefined,
      {
        token,
      },
    );
    const direct = await fetch(`${t.emulator.url}/boxes/${A}/events?offset=740&limit=3`, {
      headers: { cookie: `accesstoken=${token}; tokentype=bearer` },
    });
    const upstream = (await direct.json()) as Array<{ id: string }>;
    expect(res.body.data.box.events).toEqual(upstream.map(({ id }) => ({ id })));
  });

  it('files of the archive: the last partial page', async () => {
    const res = await t.gql(
      `{ box(id: "${A}") { fileEvents(offset: 200, limit: 500) { type } } }`,
      undefined,
      {
        token,
      },
    );
    expect(res.body.data.box.fileEvents).toHaveLength(ARCHIVE_FILES - 200);
    expect(calls()).toEqual([`GET /boxes/${A}/files?offset=200&limit=500`]);
  });
});

describe('connections', () => {
  const PAGE = `edges { cursor node { id } } nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

  it('walks the Welcome box 5 at a time with after cursors: first+1 fetched, no HEAD, same order as events', async () => {
    const all = await t.gql(`{ box(id: "${W}") { events(limit: 17) { id } } }`, undefined, {
      token,
    });
    const allIds = all.body.data.box.events.map((e: Data) => e.id);
    t.resetCalls();

    const seen: string[] = [];
    const pages: Data[] = [];
    let after: string | null = null;
    do {
      const res: Data = await t.gql(
        `query ($after: String) { box(id: "${W}") { eventsConnection(first: 5, after: $after) { ${PAGE} } } }`,
        { after },
        { token },
      );
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data.box.eventsConnection;
      pages.push(page);
      expect(page.nodes).toEqual(page.edges.map((edge: Data) => edge.node));
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      seen.push(...page.nodes.map((n: Data) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null && pages.length < 10);

    expect(seen).toEqual(allIds);
    expect(
      pages.map((p) => [p.edges.length, p.pageInfo.hasNextPage, p.pageInfo.hasPreviousPage]),
    ).toEqual([
      [5, true, false],
      [5, true, true],
      [5, true, true],
      [2, false, true],
    ]);
    expect(calls()).toEqual([
      `GET /boxes/${W}/events?offset=0&limit=6`,
      `GET /boxes/${W}/events?offset=5&limit=6`,
      `GET /boxes/${W}/events?offset=10&limit=6`,
      `GET /boxes/${W}/events?offset=15&limit=6`,
    ]);
  });

  it('an edge cursor in the middle of a page resumes right after that edge', async () => {
    const first = await t.gql(
      `{ box(id: "${W}") { eventsConnection(first: 4) { edges { cursor node { id } } } } }`,
      undefined,
      {
        token,
      },
    );
    const edges = first.body.data.box.eventsConnection.edges;
    const res = await t.gql(
      `query ($after: String) { box(id: "${W}") { eventsConnection(first: 2, after: $after) { nodes { id } pageInfo { hasPreviousPage } } } }`,
      { after: edges[1].cursor },
      { token },
    );
    expect(res.body.data.box.eventsConnection).toEqual({
      nodes: edges.slice(2, 4).map((edge: Data) => edge.node),
      pageInfo: { hasPreviousPage: true },
    });
  });

  it('exactly first items is the end: hasNextPage false (17 events, first 17)', async () => {
    const res = await t.gql(
      `{ box(id: "${W}") { eventsConnection(first: 17) { pageInfo { hasNextPage hasPreviousPage } } } }`,
      undefined,
      { token },
    );
    expect(res.body.data.box.eventsConnection.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
    });
    expect(calls()).toEqual([`GET /boxes/${W}/events?offset=0&limit=18`]);
  });

  it('totalCount costs one HEAD, only when selected', async () => {
    await t.gql(`{ box(id: "${A}") { eventsConnection(first: 2) { nodes { id } } } }`, undefined, {
      token,
    });
    expect(calls()).toEqual([`GET /boxes/${A}/events?offset=0&limit=3`]);
    t.resetCalls();

    const res = await t.gql(
      `{ box(id: "${A}") {
        eventsConnection(first: 2) { totalCount nodes { id } }
        fileEventsConnection(first: 2) { totalCount pageInfo { hasNextPage } }
      } }`,
      undefined,
      { token },
    );
    expect(res.body.data.box.eventsConnection.totalCount).toBe(ARCHIVE_EVENTS);
    expect(res.body.data.box.fileEventsConnection).toEqual({
      totalCount: ARCHIVE_FILES,
      pageInfo: { hasNextPage: true },
    });
    expect(calls().sort()).toEqual([
      `GET /boxes/${A}/events?offset=0&limit=3`,
      `GET /boxes/${A}/files?offset=0&limit=3`,
      `HEAD /boxes/${A}/events`,
      `HEAD /boxes/${A}/files`,
    ]);
  });

  it('an empty page past the end: no edges, null cursors, hasPreviousPage true', async () => {
    const first = await t.gql(
      `{ box(id: "${W}") { fileEventsConnection(first: 1) { ${PAGE} } } }`,
      undefined,
      {
        token,
      },
    );
    const connection = first.body.data.box.fileEventsConnection;
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const res = await t.gql(
      `query ($after: String) { box(id: "${W}") { fileEventsConnection(first: 1, after: $after) { ${PAGE} } } }`,
      { after: connection.pageInfo.endCursor },
      { token },
    );
    expect(res.body.data.box.fileEventsConnection).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });
});
