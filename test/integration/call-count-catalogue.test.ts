// The call-count catalogue ("fewest upstream calls"): for each operation, the exact upstream
// requests it makes, read from the emulator's request log, never from the gateway's own counting.
// Each case also checks the gateway's pre-execution estimate (the `estimatedUpstreamCalls` of
// its "graphql operation" log line) against the real count: equal where the estimate is exact,
// an upper bound only where the case says why.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeCursor } from '../../src/schema/box/cursor';
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import { describeCalls, startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const W = DEMO_BOX_IDS.welcome;
const A = DEMO_BOX_IDS.archive;
const C = DEMO_BOX_IDS.closed;
const TOKEN = DEMO_TOKENS.alice;

const events = (box: string, offset: number, limit: number) =>
  `GET /boxes/${box}/events?offset=${offset}&limit=${limit}`;
const files = (box: string, offset: number, limit: number) =>
  `GET /boxes/${box}/files?offset=${offset}&limit=${limit}`;
const countEvents = (box: string) => `HEAD /boxes/${box}/events`;
const countFiles = (box: string) => `HEAD /boxes/${box}/files`;
const post = (box: string) => `POST /boxes/${box}/events`;

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The exact upstream requests, compared as a multiset (calls of one tick run in parallel). */
  calls: string[];
  /** Compare `calls` in arrival order too (mutations run in series). */
  ordered?: boolean;
  /**
   * The logged pre-execution estimate when it is not the real count (an upper bound).
   * Omitted: the estimate must equal the number of calls.
   */
  estimate?: number;
  /** Checks on the response beyond "no errors". */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case reads its own shape
  expectData?: (data: any) => void;
  /** Error codes the response must carry (in any order); omitted: no errors. */
  errorCodes?: string[];
  /** @default alice, who may read every demo box */
  token?: string;
}

const EVENT_FIELDS = 'id type';

const CATALOGUE: Case[] = [
  {
    name: 'aliases of the same fields: one HEAD, one GET',
    query: `{ box(id: "${W}") {
      a: eventsCount b: eventsCount
      x: events(limit: 5) { id } y: events(limit: 5) { id type }
    } }`,
    calls: [countEvents(W), events(W, 0, 5)],
  },
  {
    name: 'the issue example: latest 5 and a page of 50 share one GET',
    query: `{ box(id: "${A}") { latest: events(limit: 5) { id } page: events(limit: 50) { id } } }`,
    calls: [events(A, 0, 50)],
    expectData: (data) => {
      expect(data.box.latest).toHaveLength(5);
      expect(data.box.page).toHaveLength(50);
      expect(data.box.latest).toEqual(data.box.page.slice(0, 5));
    },
  },
  {
    name: 'the same box at two root aliases, in two id spellings',
    query: `{
      a: box(id: "${W}") { eventsCount events(offset: 0, limit: 3) { id } }
      b: box(id: "${W.toUpperCase()}") { eventsCount events(offset: 3, limit: 3) { id } }
    }`,
    calls: [countEvents(W), events(W, 0, 6)],
    expectData: (data) => expect(data.a.eventsCount).toBe(data.b.eventsCount),
  },
  {
    name: 'boxes with repeated ids: each box fetched once',
    query: `{ boxes(ids: ["${W}", "${A}", "${W}", "${A.toUpperCase()}", "${W}"]) {
      id eventsCount fileEventsCount
    } }`,
    calls: [countEvents(W), countFiles(W), countEvents(A), countFiles(A)],
    expectData: (data) => {
      expect(data.boxes.map((b: { id: string }) => b.id)).toEqual([W, A, W, A, W]);
      expect(data.boxes[0]).toEqual(data.boxes[2]);
      expect(data.boxes[1]).toEqual(data.boxes[3]);
    },
  },
  {
    name: 'overlapping windows merge into their union',
    query: `{ box(id: "${A}") {
      p: events(offset: 0, limit: 10) { id } q: events(offset: 5, limit: 20) { id }
    } }`,
    calls: [events(A, 0, 25)],
    expectData: (data) => expect(data.box.p.slice(5)).toEqual(data.box.q.slice(0, 5)),
  },
  {
    name: 'touching windows merge',
    query: `{ box(id: "${A}") {
      p: events(offset: 0, limit: 10) { id } q: events(offset: 10, limit: 10) { id }
      r: events(offset: 20, limit: 30) { id }
    } }`,
    calls: [events(A, 0, 50)],
  },
  {
    name: 'disjoint windows stay separate GETs',
    query: `{ box(id: "${A}") {
      p: events(offset: 0, limit: 10) { id } q: events(offset: 100, limit: 10) { id }
    } }`,
    calls: [events(A, 0, 10), events(A, 100, 10)],
  },
  {
    name: 'overlapping windows whose union would pass 500: two GETs',
    query: `{ box(id: "${A}") {
      p: events(offset: 0, limit: 300) { id } q: events(offset: 250, limit: 300) { id }
      r: events(offset: 260, limit: 10) { id }
    } }`,
    calls: [events(A, 0, 300), events(A, 250, 300)],
    expectData: (data) => {
      expect(data.box.p).toHaveLength(300);
      expect(data.box.q.slice(0, 50)).toEqual(data.box.p.slice(250));
      expect(data.box.r).toEqual(data.box.q.slice(10, 20));
    },
  },
  {
    name: 'events and fileEvents of one box are two lists: two GETs',
    query: `{ box(id: "${A}") { events(limit: 5) { id } fileEvents(limit: 5) { id } } }`,
    calls: [events(A, 0, 5), files(A, 0, 5)],
  },
  {
    name: 'a connection without totalCount: first + 1, no HEAD',
    query: `{ box(id: "${A}") { eventsConnection(first: 10) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor }
    } } }`,
    calls: [events(A, 0, 11)],
    expectData: (data) => {
      expect(data.box.eventsConnection.edges).toHaveLength(10);
      expect(data.box.eventsConnection.pageInfo).toMatchObject({
        hasNextPage: true,
        hasPreviousPage: false,
        endCursor: encodeCursor(9),
      });
    },
  },
  {
    name: 'a connection with totalCount: the page and one HEAD',
    query: `{ box(id: "${W}") { eventsConnection(first: 3) { totalCount nodes { id } } } }`,
    calls: [events(W, 0, 4), countEvents(W)],
  },
  {
    name: 'a connection after a cursor, and its next page, in one GET',
    query: `{ box(id: "${A}") {
      p1: eventsConnection(first: 10) { pageInfo { endCursor } }
      p2: eventsConnection(first: 10, after: "${encodeCursor(9)}") { edges { cursor } pageInfo { hasPreviousPage } }
    } }`,
    calls: [events(A, 0, 21)],
    expectData: (data) => {
      expect(data.box.p2.edges[0].cursor).toBe(encodeCursor(10));
      expect(data.box.p2.pageInfo.hasPreviousPage).toBe(true);
    },
  },
  {
    name: 'a connection and plain events share one merged GET',
    query: `{ box(id: "${A}") {
      events(limit: 5) { id }
      eventsConnection(first: 20) { nodes { id } pageInfo { hasNextPage } }
    } }`,
    calls: [events(A, 0, 21)],
    expectData: (data) =>
      expect(data.box.eventsConnection.nodes.slice(0, 5)).toEqual(data.box.events),
  },
  {
    name: 'eventsCount and a connection totalCount share one HEAD',
    query: `{ box(id: "${W}") {
      eventsCount
      eventsConnection(first: 5) { totalCount }
      later: eventsConnection(first: 2, after: "${encodeCursor(4)}") { totalCount }
    } }`,
    calls: [events(W, 0, 8), countEvents(W)],
    expectData: (data) => {
      expect(data.box.eventsConnection.totalCount).toBe(data.box.eventsCount);
      expect(data.box.later.totalCount).toBe(data.box.eventsCount);
    },
  },
  {
    name: 'events pointing back at their box reuse its count',
    query: `{ box(id: "${W}") { eventsCount events(limit: 3) { id box { id eventsCount } } } }`,
    calls: [countEvents(W), events(W, 0, 3)],
  },
  {
    name: "a later, nested page of the same list is served by the operation's one GET",
    query: `{ box(id: "${A}") { events(limit: 2) { id box { events(offset: 1, limit: 40) { id } } } } }`,
    calls: [events(A, 0, 41)],
    expectData: (data) => {
      expect(data.box.events[1].id).toBe(data.box.events[0].box.events[0].id);
      expect(data.box.events[0].box.events).toHaveLength(40);
    },
  },
  {
    name: 'fragments and inline fragments are planned and served like plain fields',
    query: `query { box(id: "${W}") { ...Counts events(limit: 4) { ... on TextMessageEvent { id } ...Ev } } }
      fragment Counts on Box { eventsCount c2: eventsCount fileEventsCount }
      fragment Ev on BoxEvent { type box { ...Counts events(offset: 2, limit: 2) { id } } }`,
    calls: [countEvents(W), countFiles(W), events(W, 0, 4)],
  },
  {
    name: 'two boxes, files and file counts through every field',
    query: `{ boxes(ids: ["${W}", "${A}"]) {
      fileEventsCount
      fileEvents(limit: 5) { id }
      fileEventsConnection(first: 2) { totalCount edges { cursor } pageInfo { hasNextPage } }
    } }`,
    calls: [files(W, 0, 5), countFiles(W), files(A, 0, 5), countFiles(A)],
    expectData: (data) => {
      const [welcome, archive] = data.boxes;
      expect(archive.fileEventsConnection.totalCount).toBe(archive.fileEventsCount);
      expect(archive.fileEventsConnection.pageInfo.hasNextPage).toBe(true);
      expect(welcome.fileEventsConnection.totalCount).toBe(welcome.fileEventsCount);
    },
  },
  {
    name: 'a dashboard of three boxes: latest events and both counts each',
    query: `{ boxes(ids: ["${W}", "${A}", "${C}"]) {
      eventsCount fileEventsCount events(limit: 5) { ${EVENT_FIELDS} }
    } }`,
    calls: [W, A, C].flatMap((box) => [countEvents(box), countFiles(box), events(box, 0, 5)]),
  },
  {
    name: '@skip and @include: what is left out is neither called nor counted',
    query: `query($skip: Boolean!, $withCount: Boolean!) { box(id: "${W}") {
      eventsCount @skip(if: $skip)
      all: events(limit: 500) @skip(if: $skip) { id }
      eventsConnection(first: 3) { totalCount @include(if: $withCount) nodes { id } }
      ... @include(if: $withCount) { fileEventsCount }
    } }`,
    variables: { skip: true, withCount: false },
    calls: [events(W, 0, 4)],
  },
  {
    name: 'an empty list: the reads below it never happen (the estimate is an upper bound)',
    // The closed box holds one file, so a page past it is empty: nothing below fileEvents
    // runs, but the plan cannot know.
    query: `{ box(id: "${C}") { fileEvents(offset: 1, limit: 5) { id box { eventsCount } } } }`,
    calls: [files(C, 1, 5)],
    estimate: 2,
    expectData: (data) => expect(data.box.fileEvents).toEqual([]),
  },
  {
    name: 'a failing field: no retry, no reads below it (the estimate is an upper bound)',
    // Eve is no member of the closed box: the GET answers 403 once, the nested count never runs.
    query: `{ box(id: "${C}") { events(limit: 3) { id box { eventsCount } } } }`,
    token: DEMO_TOKENS.eve,
    calls: [events(C, 0, 3)],
    estimate: 2,
    errorCodes: ['FORBIDDEN'],
  },
  {
    name: 'a type condition matching no event: its reads never happen (the estimate is an upper bound)',
    // The 3 latest welcome events are texts and a kick: no file message, so no files call.
    query: `{ box(id: "${W}") { events(limit: 3) {
      id ... on FileMessageEvent { box { fileEventsCount } }
    } } }`,
    calls: [events(W, 0, 3)],
    estimate: 2,
  },
  {
    name: 'a mutation, then reads of the same box: the POST first, then a fresh HEAD and GET',
    query: `mutation { postTextMessage(boxId: "${W}", encrypted: "aGVsbG8", publicKey: "pk") {
      id box { eventsCount events(limit: 1) { id } }
    } }`,
    calls: [post(W), countEvents(W), events(W, 0, 1)],
    expectData: (data) => {
      const created = data.postTextMessage;
      expect(created.box.events[0].id).toBe(created.id);
    },
  },
  {
    name: "two mutations on one box: each one's reads come after it, never from the cache",
    query: `mutation {
      first: postTextMessage(boxId: "${W}", encrypted: "b25l", publicKey: "pk") { box { eventsCount } }
      second: postTextMessage(boxId: "${W}", encrypted: "dHdv", publicKey: "pk") { box { eventsCount } }
    }`,
    calls: [post(W), countEvents(W), post(W), countEvents(W)],
    ordered: true,
    expectData: (data) => expect(data.second.box.eventsCount).toBe(data.first.box.eventsCount + 1),
  },
  {
    name: 'a mutation, then a later, nested page of the same box: one GET after the POST',
    query: `mutation { postTextMessage(boxId: "${W}", encrypted: "dGhyZWU", publicKey: "pk") {
      box { events(limit: 2) { box { events(offset: 1, limit: 10) { id } } } }
    } }`,
    calls: [post(W), events(W, 0, 11)],
    ordered: true,
  },
  {
    name: 'over the upstream-call budget: QUERY_TOO_COMPLEX and no call at all',
    // 50 distinct boxes × (two disjoint event windows + a files window + two counts) = 250 > 200.
    query: `{ boxes(ids: [${Array.from({ length: 50 }, (_, i) => `"${boxId(i)}"`).join(', ')}]) {
      eventsCount fileEventsCount
      events(offset: 0, limit: 1) { id } later: events(offset: 100, limit: 1) { id }
      fileEvents(limit: 1) { id }
    } }`,
    calls: [],
    estimate: 250,
    errorCodes: ['QUERY_TOO_COMPLEX'],
  },
];

/** Distinct valid UUID v4s that no box has (never called: the budget refuses first). */
function boxId(i: number): string {
  return `c0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/** The one "graphql operation" line logged for the last operation. */
function lastOperationLine(t: TestGateway): Record<string, unknown> {
  const lines = t.logs.entries().filter((entry) => entry.msg === 'graphql operation');
  expect(lines.length).toBeGreaterThan(0);
  return lines[lines.length - 1];
}

describe('call-count catalogue: the exact upstream requests of each operation', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('holds at least 15 operations', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(15);
  });

  it('one operation asked again with other variables: planned for its own variables each time', async () => {
    // Plans are cached per parsed operation and variables; each run must still be exact.
    const query = `query($limit: Int!, $after: String) { box(id: "${A}") {
      events(limit: $limit) { id } eventsConnection(first: 2, after: $after) { totalCount @include(if: false) }
    } }`;
    const runs: Array<[Record<string, unknown>, string[]]> = [
      [{ limit: 5 }, [events(A, 0, 5)]],
      [{ limit: 50, after: encodeCursor(99) }, [events(A, 0, 50), events(A, 100, 3)]],
      [{ limit: 5 }, [events(A, 0, 5)]],
      [{ limit: 5, after: encodeCursor(3) }, [events(A, 0, 7)]],
    ];
    for (const [variables, calls] of runs) {
      t.resetCalls();
      const response = await t.gql(query, variables, { token: TOKEN });
      expect(response.body.errors).toBeUndefined();
      expect([...describeCalls(t.upstreamCalls())].sort()).toEqual([...calls].sort());
      expect(lastOperationLine(t)).toMatchObject({
        upstreamCalls: calls.length,
        estimatedUpstreamCalls: calls.length,
      });
    }
  });

  it.each(CATALOGUE.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    t.resetCalls();
    const response = await t.gql(c.query, c.variables, { token: c.token ?? TOKEN });

    const codes = (response.body.errors ?? []).map((e) => e.extensions?.code);
    expect(codes.sort()).toEqual([...(c.errorCodes ?? [])].sort());
    if (!c.errorCodes) c.expectData?.(response.body.data);

    const made = describeCalls(t.upstreamCalls());
    if (c.ordered) expect(made).toEqual(c.calls);
    else expect([...made].sort()).toEqual([...c.calls].sort());

    const line = lastOperationLine(t);
    expect(line.upstreamCalls).toBe(c.calls.length);
    expect(line.estimatedUpstreamCalls).toBe(c.estimate ?? c.calls.length);
    if (c.estimate !== undefined) expect(c.estimate).toBeGreaterThanOrEqual(c.calls.length);
  });
});

/**
 * A pass-through HTTP proxy in front of the emulator that counts the upstream calls in flight at
 * once: the concurrency cap is observed from outside the gateway, on the wire.
 */
async function startCountingProxy() {
  let target: URL | undefined;
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => {
          inFlight -= 1;
        });
      },
    );
    upstream.on('error', () => {
      inFlight -= 1;
      res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setTarget(url: string) {
      target = new URL(url);
    },
    maxInFlight: () => maxInFlight,
    reset() {
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('call-count catalogue: the per-operation concurrency cap', () => {
  const DASHBOARD = `{ boxes(ids: ["${W}", "${A}", "${C}"]) { eventsCount fileEventsCount } }`;
  const DASHBOARD_CALLS = [W, A, C].flatMap((box) => [countEvents(box), countFiles(box)]);

  async function run(concurrency: string) {
    const proxy = await startCountingProxy();
    // Every call waits 40 ms upstream, so calls sent together are certainly in flight together.
    const t = await startTestGateway({
      emulator: { latencyMs: 40 },
      env: { UPSTREAM_URL: proxy.url, UPSTREAM_CONCURRENCY: concurrency },
    });
    try {
      proxy.setTarget(t.emulator.url);
      const response = await t.gql(DASHBOARD, undefined, { token: TOKEN });
      expect(response.body.errors).toBeUndefined();
      expect([...describeCalls(t.upstreamCalls())].sort()).toEqual([...DASHBOARD_CALLS].sort());
      expect(lastOperationLine(t)).toMatchObject({ upstreamCalls: 6, estimatedUpstreamCalls: 6 });
      return proxy.maxInFlight();
    } finally {
      await t.close();
      await proxy.close();
    }
  }

  it('UPSTREAM_CONCURRENCY=2: six calls, never more than two in flight', async () => {
    expect(await run('2')).toBe(2);
  });

  it('the default cap (16) lets the same six calls run all at once', async () => {
    expect(await run('16')).toBe(6);
  });
});
