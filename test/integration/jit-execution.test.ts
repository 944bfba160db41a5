// Compiled execution (GRAPHQL_JIT, src/execution/jit-plugin.ts) must be invisible to clients:
// the same operations against two gateways, JIT on and off, each over its own freshly seeded
// emulator, answer with byte-identical bodies and the same HTTP status.
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const { welcome: W, closed: C } = DEMO_BOX_IDS;

let on: TestGateway;
let off: TestGateway;
beforeAll(async () => {
  [on, off] = await Promise.all([
    startTestGateway({ env: { GRAPHQL_JIT: 'true' } }),
    startTestGateway({ env: { GRAPHQL_JIT: 'false' } }),
  ]);
});
afterAll(() => Promise.all([on.close(), off.close()]));

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

// Every row has its three entries: jest would take a missing one as the `done` callback.
const CASES: Array<[name: string, body: Record<string, unknown>, token: string | null]> = [
  [
    'every event type through fragments',
    { query: EVENTS, variables: { box: W, limit: 20 } },
    DEMO_TOKENS.alice,
  ],
  [
    'partial failure: one box forbidden among others',
    { query: `{ boxes(ids: ["${W}", "${C}"]) { id eventsCount events(limit: 2) { type } } }` },
    DEMO_TOKENS.bob,
  ],
  [
    'nesting past the compile budget (graphql-js runs it)',
    {
      query: `{ box(id: "${W}") { events(limit: 1) { box { events(limit: 1) { box { events(limit: 1) { box { id } } } } } } } }`,
    },
    DEMO_TOKENS.alice,
  ],
  ['no credentials', { query: `{ box(id: "${W}") { id eventsCount } }` }, null],
  [
    'a variable of the wrong type',
    { query: EVENTS, variables: { box: 'not-a-uuid' } },
    DEMO_TOKENS.alice,
  ],
  ['a missing required variable', { query: EVENTS, variables: {} }, DEMO_TOKENS.alice],
  [
    'an argument check (BAD_USER_INPUT before execution)',
    { query: EVENTS, variables: { box: W, limit: -1 } },
    DEMO_TOKENS.alice,
  ],
  [
    'a mutation',
    {
      query: `mutation { postTextMessage(boxId: "${W}", encrypted: "aGk", publicKey: "k") { __typename type boxId } }`,
    },
    DEMO_TOKENS.bob,
  ],
  [
    'a failing mutation',
    { query: `mutation { leaveBox(boxId: "${C}") { __typename } }` },
    DEMO_TOKENS.bob,
  ],
];

it.each(CASES)(
  '%s: the same status and body with GRAPHQL_JIT on and off',
  async (_name, body, token) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const [jit, plain] = await Promise.all([on.post(body, headers), off.post(body, headers)]);
    expect(jit.status).toBe(plain.status);
    expect(jit.text).toBe(plain.text);
    expect(jit.json).toBeDefined();
  },
);

it('the operation log line and metrics see the same outcome and error codes', async () => {
  const query = `{ boxes(ids: ["${W}", "${C}"]) { id eventsCount } }`;
  const headers = { authorization: `Bearer ${DEMO_TOKENS.bob}` };
  const logged = (t: TestGateway) =>
    t.logs
      .entries()
      .filter((e) => e.msg === 'graphql operation')
      .map((e) => e.errorCodes)
      .at(-1);
  await Promise.all([on.post({ query }, headers), off.post({ query }, headers)]);
  expect(logged(on)).toEqual(['FORBIDDEN']);
  expect(logged(off)).toEqual(logged(on));
});
