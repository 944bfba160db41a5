// Compiled execution (GRAPHQL_JIT, src/execution/executor-plugin.ts) must be invisible to
// clients: the same operations against two gateways, JIT on (compiling at first sight) and off,
// each over its own freshly seeded emulator, answer with byte-identical bodies and the same HTTP
// status. The executor that ran each one is witnessed from the operation's log line and the
// operations metric, so these comparisons cannot pass with nothing ever compiled.
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import { operationLines } from '../helpers/gateway-checks';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const { welcome: W, closed: C } = DEMO_BOX_IDS;

let on: TestGateway;
let off: TestGateway;
beforeAll(async () => {
  [on, off] = await Promise.all([
    startTestGateway({ env: { GRAPHQL_JIT: 'true', GRAPHQL_JIT_AFTER: '1' } }),
    startTestGateway({ env: { GRAPHQL_JIT: 'false' } }),
  ]);
});
afterAll(() => Promise.all([on.close(), off.close()]));

type Executor = 'jit' | 'graphql-js' | 'none';

/** The executor of the last operation the gateway logged. */
const lastExecutor = (t: TestGateway) => operationLines(t.logs).at(-1)?.executor;

const EVENTS = `query Events($box: UUID!, $limit: Int) {
  box(id: $box) {
    id eventsCount
    events(limit: $limit) {
      __typename id type boxId serverEventCreatedAt referrerId sender { displayName }
      ...Text
      ... on FileMessageEvent { encrypted encryptedFileId isSaved deletion { deletedBy { displayName } } }
      ... on MemberKickEvent { kicker { displayName } }
    }
  }
}
fragment Text on TextMessageEvent { encrypted lastEditedAt deletion { deletedBy { displayName } } }`;

// Every row has its four entries: jest would take a missing one as the `done` callback. The last
// is the executor that runs it with JIT on.
const CASES: Array<
  [name: string, body: Record<string, unknown>, token: string | null, executor: Executor]
> = [
  [
    'every event type through fragments',
    { query: EVENTS, variables: { box: W, limit: 20 } },
    DEMO_TOKENS.alice,
    'jit',
  ],
  [
    'partial failure: one box forbidden among others',
    { query: `{ boxes(ids: ["${W}", "${C}"]) { id eventsCount events(limit: 2) { type } } }` },
    DEMO_TOKENS.bob,
    'jit',
  ],
  [
    'nesting past the compile budget (graphql-js runs it)',
    {
      query: `{ box(id: "${W}") { events(limit: 1) { box { events(limit: 1) { box { events(limit: 1) { box { id } } } } } } } }`,
    },
    DEMO_TOKENS.alice,
    'graphql-js', // over the field budget
  ],
  ['no credentials', { query: `{ box(id: "${W}") { id eventsCount } }` }, null, 'jit'],
  [
    'a variable of the wrong type',
    { query: EVENTS, variables: { box: 'not-a-uuid' } },
    DEMO_TOKENS.alice,
    'graphql-js',
  ],
  [
    'a missing required variable',
    { query: EVENTS, variables: {} },
    DEMO_TOKENS.alice,
    'none' /* refused by the argument checks before execution */,
  ],
  [
    'an argument check (BAD_USER_INPUT before execution)',
    { query: EVENTS, variables: { box: W, limit: -1 } },
    DEMO_TOKENS.alice,
    'none',
  ],
  [
    'a mutation',
    {
      query: `mutation { postTextMessage(boxId: "${W}", encrypted: "aGk", publicKey: "k") { __typename type boxId } }`,
    },
    DEMO_TOKENS.bob,
    'graphql-js',
  ],
  [
    'a failing mutation',
    { query: `mutation { leaveBox(boxId: "${C}") { __typename } }` },
    DEMO_TOKENS.bob,
    'graphql-js',
  ],
];

it.each(CASES)(
  '%s: the same status and body with GRAPHQL_JIT on and off; the executor witnessed',
  async (_name, body, token, executor) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const [jit, plain] = await Promise.all([on.post(body, headers), off.post(body, headers)]);
    expect(jit.status).toBe(plain.status);
    expect(jit.text).toBe(plain.text);
    expect(jit.json).toBeDefined();
    expect(lastExecutor(on)).toBe(executor);
    expect(lastExecutor(off)).toBe(executor === 'jit' ? 'graphql-js' : executor);
  },
);

it('enum values are their GraphQL names on both executors (compiled leaves are served as resolved)', async () => {
  // AccessAddedEvent (restrictionType) is only ever a mutation's answer: graphql-js serves it.
  const events = `events(limit: 100) { type ... on AccessModeChangedEvent { accessMode } }`;
  const body = { query: `{ w: box(id: "${W}") { ${events} } c: box(id: "${C}") { ${events} } }` };
  const headers = { authorization: `Bearer ${DEMO_TOKENS.alice}` };
  const [jit, plain] = await Promise.all([on.post(body, headers), off.post(body, headers)]);
  expect(lastExecutor(on)).toBe('jit');
  expect(jit.text).toBe(plain.text);
  expect(jit.text).toContain('"accessMode":"PUBLIC"');
  expect(jit.text).not.toContain('"errors"');
});

it('the operation log line and metrics see the same outcome and error codes', async () => {
  const query = `{ boxes(ids: ["${W}", "${C}"]) { id eventsCount } }`;
  const headers = { authorization: `Bearer ${DEMO_TOKENS.bob}` };
  const logged = (t: TestGateway) => operationLines(t.logs).at(-1)?.errorCodes;
  await Promise.all([on.post({ query }, headers), off.post({ query }, headers)]);
  expect(logged(on)).toEqual(['FORBIDDEN']);
  expect(logged(off)).toEqual(logged(on));
});

describe('GRAPHQL_JIT_AFTER (default 2): a query is compiled only once it has been seen before', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('runs a query on graphql-js the first time and compiled from the second, same answer', async () => {
    const query = `query Seen { box(id: "${W}") { id eventsCount events(limit: 3) { type } } }`;
    const headers = { authorization: `Bearer ${DEMO_TOKENS.alice}` };
    const first = await t.post({ query }, headers);
    expect(lastExecutor(t)).toBe('graphql-js');
    const second = await t.post({ query }, headers);
    expect(lastExecutor(t)).toBe('jit');
    const third = await t.post({ query }, headers);
    expect(lastExecutor(t)).toBe('jit');
    expect(second.text).toBe(first.text);
    expect(third.text).toBe(first.text);
  });

  it('counts operations by executor in gateway_operations_total', async () => {
    const query = `query Counted { box(id: "${W}") { id } }`;
    const headers = { authorization: `Bearer ${DEMO_TOKENS.alice}` };
    for (let i = 0; i < 3; i++) await t.post({ query }, headers);
    const metrics = await (await fetch(new URL('/metrics', t.gateway.url))).text();
    const count = (executor: Executor) =>
      Number(
        new RegExp(
          `^gateway_operations_total\\{[^}]*operation="Counted"[^}]*executor="${executor}"[^}]*\\} (\\d+)$`,
          'm',
        ).exec(metrics)?.[1] ?? 0,
      );
    expect([count('graphql-js'), count('jit')]).toEqual([1, 2]);
  });
});
