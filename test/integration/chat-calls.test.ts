// The chat surface (graphql-api.md §12) call by call: the exact upstream requests of `me`,
// `myBoxes` with its nodes' detail fields, `box { title members }` and each mutation, read from
// the emulator's request log; the plan's pre-execution estimate equals them; and refusals that
// make no upstream call at all.
import {
  DEMO_ACCOUNT_IDS,
  DEMO_ACR2_TOKENS,
  DEMO_BOX_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  DEMO_UNREAD,
} from '../../emulator';
import {
  describeCalls,
  startTestGateway,
  type Data,
  type TestGateway,
} from '../helpers/start-test-gateway';

const W = DEMO_BOX_IDS.welcome;
const A = DEMO_BOX_IDS.archive;
const C = DEMO_BOX_IDS.closed;
const ALICE = DEMO_IDENTITY_IDS.alice;
const PUBLIC_KEY = 'SXvalkvhuhcj2UiaS4d0Q3OeuHOhMVeQT7ZGfCH2YCw';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

/** Runs one operation as `token` and returns its data, the calls it made and its log line. */
async function run(
  query: string,
  variables: Record<string, unknown> = {},
  token: string = DEMO_TOKENS.alice,
) {
  t.resetCalls();
  const response = await t.gql(query, variables, { token });
  const line = t.logs
    .entries()
    .filter((entry) => entry.msg === 'graphql operation')
    .at(-1)!;
  return {
    response,
    data: response.body.data as Data,
    calls: describeCalls(t.upstreamCalls()),
    line,
  };
}

/** The calls made, and the plan's estimate equal to their number. */
function expectCalls(result: Awaited<ReturnType<typeof run>>, calls: string[], ordered = false) {
  expect(result.response.body.errors).toBeUndefined();
  if (ordered) expect(result.calls).toEqual(calls);
  else expect([...result.calls].sort()).toEqual([...calls].sort());
  expect(result.line.estimatedUpstreamCalls).toBe(calls.length);
}

describe('reads', () => {
  it('me: one GET /auth/userinfo', async () => {
    const result = await run('{ me { identityId accountId acr email } }');
    expectCalls(result, ['GET /auth/userinfo']);
    expect(result.data.me).toEqual({
      identityId: ALICE,
      accountId: DEMO_ACCOUNT_IDS.alice,
      acr: 2,
      email: expect.any(String),
    });
  });

  it("myBoxes with its nodes' detail fields: one list GET (and the HEAD for totalCount), no per-box GET", async () => {
    const result = await run(`{ myBoxes(first: 3) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage }
      edges { cursor }
      nodes {
        id title publicKey createdAt ownerOrgId accessMode unreadCount muted
        creator { id } lastEvent { id type box { id title } }
      }
    } }`);
    expectCalls(result, ['GET /boxes/joined?offset=0&limit=4', 'HEAD /boxes/joined']);
    const { myBoxes } = result.data;
    expect(myBoxes.totalCount).toBe(3);
    expect(myBoxes.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
    const unread = Object.fromEntries(
      myBoxes.nodes.map((node: Data) => [node.id, node.unreadCount]),
    );
    expect(unread).toEqual({
      [W]: DEMO_UNREAD.alice.welcome,
      [A]: DEMO_UNREAD.alice.archive,
      [C]: DEMO_UNREAD.alice.closed,
    });
    for (const node of myBoxes.nodes) {
      expect(node).toMatchObject({ accessMode: expect.any(String), muted: false });
      expect(node.title).toEqual(expect.any(String));
      expect(node.creator.id).toBe(ALICE);
      expect(node.lastEvent.box).toEqual({ id: node.id, title: node.title });
    }
  });

  it('myBoxes pages with cursors: the next window, explicit offset and limit', async () => {
    const first = await run(
      '{ myBoxes(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    expectCalls(first, ['GET /boxes/joined?offset=0&limit=2']);
    expect(first.data.myBoxes.pageInfo.hasNextPage).toBe(true);
    const after = first.data.myBoxes.pageInfo.endCursor;
    const second = await run(
      'query ($after: String) { myBoxes(first: 2, after: $after) { nodes { id title } pageInfo { hasPreviousPage hasNextPage } } }',
      { after },
    );
    expectCalls(second, ['GET /boxes/joined?offset=1&limit=3']);
    expect(second.data.myBoxes.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: false });
    expect(second.data.myBoxes.nodes.map((n: Data) => n.id)).not.toContain(
      first.data.myBoxes.edges[0].node.id,
    );
  });

  it('box { title members }: one GET of the box view and one of its members', async () => {
    const result = await run(
      `{ box(id: "${W}") { title unreadCount members { id displayName } } }`,
    );
    expectCalls(result, [`GET /boxes/${W}`, `GET /boxes/${W}/members`]);
    expect(result.data.box.title).toEqual(expect.any(String));
    expect(result.data.box.members[0].id).toBe(ALICE);
    expect(result.data.box.members.map((m: Data) => m.id)).toContain(DEMO_IDENTITY_IDS.bob);
  });

  it('the same box twice with detail fields: still one GET /boxes/:id', async () => {
    const result = await run(`{
      a: box(id: "${W}") { title muted }
      b: box(id: "${W.toUpperCase()}") { unreadCount lastEvent { id } accesses { id value } }
    }`);
    expectCalls(result, [`GET /boxes/${W}`, `GET /boxes/${W}/accesses`]);
  });

  it("an ACR-1 caller's myBoxes: STEP_UP_REQUIRED with requiredAcr 2", async () => {
    const result = await run('{ myBoxes { nodes { id } } }', {}, DEMO_TOKENS.bob);
    expect(result.response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'STEP_UP_REQUIRED',
      requiredAcr: 2,
    });
  });
});

describe('mutations', () => {
  let created: string;

  it('createBox: one POST /boxes, the new box read from its answer', async () => {
    const result = await run(
      `mutation ($title: String!) { createBox(title: $title, publicKey: "${PUBLIC_KEY}") {
        id title unreadCount muted creator { id } lastEvent { type box { title } } } }`,
      { title: 'Plans for Tuesday' },
    );
    expectCalls(result, ['POST /boxes']);
    created = result.data.createBox.id;
    expect(result.data.createBox).toMatchObject({
      title: 'Plans for Tuesday',
      unreadCount: 0,
      muted: false,
      creator: { id: ALICE },
      lastEvent: { type: 'create', box: { title: 'Plans for Tuesday' } },
    });
  });

  it('markBoxRead: userinfo, the ack, then the box read fresh (unreadCount 0)', async () => {
    const result = await run(`mutation { markBoxRead(boxId: "${W}") { id unreadCount } }`);
    expectCalls(
      result,
      ['GET /auth/userinfo', `PUT /boxes/${W}/new-events-count/ack`, `GET /boxes/${W}`],
      true,
    );
    expect(result.data.markBoxRead).toEqual({ id: W, unreadCount: 0 });
    expect(t.emulator.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      identity_id: ALICE,
    });
  });

  it('setBoxMuted: userinfo, the settings PUT, then the box read fresh', async () => {
    const result = await run(`mutation { setBoxMuted(boxId: "${A}", muted: true) { id muted } }`);
    expectCalls(
      result,
      ['GET /auth/userinfo', `PUT /box-users/${ALICE}/boxes/${A}/settings`, `GET /boxes/${A}`],
      true,
    );
    expect(result.data.setBoxMuted).toEqual({ id: A, muted: true });
    const unmute = await run(`mutation { setBoxMuted(boxId: "${A}", muted: false) { muted } }`);
    expect(unmute.data.setBoxMuted).toEqual({ muted: false });
  });

  it('two mutations needing the identity share one userinfo', async () => {
    const result = await run(`mutation {
      a: markBoxRead(boxId: "${C}") { id }
      b: setBoxMuted(boxId: "${C}", muted: false) { id }
    }`);
    expectCalls(
      result,
      [
        'GET /auth/userinfo',
        `PUT /boxes/${C}/new-events-count/ack`,
        `PUT /box-users/${ALICE}/boxes/${C}/settings`,
      ],
      true,
    );
  });

  it('deleteBox: one DELETE with the confirmation; the box is gone from myBoxes', async () => {
    const result = await run(`mutation { deleteBox(boxId: "${created}") }`);
    expectCalls(result, [`DELETE /boxes/${created}`]);
    expect(result.data.deleteBox).toBe(true);
    const del = t.emulator.requests.find((r) => r.method === 'DELETE');
    expect(del?.body).toEqual({ user_confirmation: 'delete' });
    const after = await run('{ myBoxes(first: 10) { nodes { id } } }');
    expect(after.data.myBoxes.nodes.map((n: Data) => n.id)).not.toContain(created);
  });

  it('deleteBox by a non-admin: FORBIDDEN, one call', async () => {
    const result = await run(`mutation { deleteBox(boxId: "${W}") }`, {}, DEMO_ACR2_TOKENS.bob);
    expect(result.calls).toEqual([`DELETE /boxes/${W}`]);
    expect(result.response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('refusals with zero upstream calls', () => {
  const refusals: Array<[string, string, Record<string, unknown>, string]> = [
    ['myBoxes(first: 0)', '{ myBoxes(first: 0) { nodes { id } } }', {}, 'first'],
    ['myBoxes(first: 51)', '{ myBoxes(first: 51) { nodes { id } } }', {}, 'first'],
    ['myBoxes with a foreign cursor', '{ myBoxes(after: "nope") { nodes { id } } }', {}, 'after'],
    [
      'a title over 50 bytes (26 characters of 2 bytes)',
      `mutation ($t: String!) { createBox(title: $t, publicKey: "${PUBLIC_KEY}") { id } }`,
      { t: 'é'.repeat(26) },
      'title',
    ],
    [
      'an empty title',
      `mutation { createBox(title: "", publicKey: "${PUBLIC_KEY}") { id } }`,
      {},
      'title',
    ],
    [
      'a public key that is not URL-safe base64',
      'mutation { createBox(title: "x", publicKey: "a b") { id } }',
      {},
      'publicKey',
    ],
    [
      'a second mutation with a bad title refuses the first too',
      `mutation { markBoxRead(boxId: "${W}") { id } createBox(title: "${'x'.repeat(51)}", publicKey: "${PUBLIC_KEY}") { id } }`,
      {},
      'title',
    ],
  ];

  it.each(refusals)('%s', async (_name, query, variables, field) => {
    const result = await run(query, variables);
    expect(result.response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { [field]: expect.any(String) },
    });
    expect(result.calls).toEqual([]);
  });

  it('a box id that is not a UUID: BAD_USER_INPUT before any call', async () => {
    const result = await run('mutation { markBoxRead(boxId: "not-a-box") { id } }');
    expect(result.response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.calls).toEqual([]);
  });

  it('no credentials: UNAUTHENTICATED, no call', async () => {
    t.resetCalls();
    const response = await t.gql('{ me { identityId } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(t.upstreamCalls()).toEqual([]);
  });
});
