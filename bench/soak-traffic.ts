// The soak's traffic: a weighted mix of the operations clients really send (reads of the three
// demo boxes by several callers, counts, a connection page, an occasional post) plus operations
// that are meant to fail (a caller outside the box, no token, a bad argument). Each operation
// names the error codes it is meant to produce, so the report can tell expected errors from
// unexpected ones.
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../emulator';

const { welcome: W, archive: A, closed: C } = DEMO_BOX_IDS;

export interface SoakOperation {
  name: string;
  /** Relative frequency. */
  weight: number;
  /** Sent as Authorization: Bearer; none = anonymous. */
  token?: string;
  /** Error codes this operation exists to produce; anything else is unexpected. */
  expected: readonly string[];
  body(): { query: string; variables?: Record<string, unknown> };
}

const fixed = (query: string) => () => ({ query });

const READ_BOX = (box: string) => /* GraphQL */ `{
  box(id: "${box}") {
    eventsCount
    events(limit: 20) { id type sender { displayName } }
    fileEvents(limit: 5) { id isSaved }
  }
}`;

const ARCHIVE_PAGE = /* GraphQL */ `query ArchivePage($offset: Int!) {
  box(id: "${A}") { events(offset: $offset, limit: 50) { id type serverEventCreatedAt } }
}`;

const archivePage = () => ({
  query: ARCHIVE_PAGE,
  variables: { offset: Math.floor(Math.random() * 1450) },
});

// Posts go to Closed, the box read least, so the emulator's growing lists slow the run the least.
let posted = 0;
const postText = () => ({
  query: /* GraphQL */ `mutation Post($text: String!) {
    postTextMessage(boxId: "${C}", encrypted: $text, publicKey: "soak") { id }
  }`,
  variables: { text: Buffer.from(`soak message ${++posted}`).toString('base64url') },
});

export const SOAK_OPERATIONS: readonly SoakOperation[] = [
  {
    name: 'read welcome (alice)',
    weight: 14,
    token: DEMO_TOKENS.alice,
    expected: [],
    body: fixed(READ_BOX(W)),
  },
  {
    name: 'read welcome (bob)',
    weight: 10,
    token: DEMO_TOKENS.bob,
    expected: [],
    body: fixed(READ_BOX(W)),
  },
  {
    name: 'read closed (alice)',
    weight: 6,
    token: DEMO_TOKENS.alice,
    expected: [],
    body: fixed(READ_BOX(C)),
  },
  {
    name: 'archive page (alice)',
    weight: 10,
    token: DEMO_TOKENS.alice,
    expected: [],
    body: archivePage,
  },
  {
    name: 'archive page (bob)',
    weight: 8,
    token: DEMO_TOKENS.bob,
    expected: [],
    body: archivePage,
  },
  {
    name: 'counts of three boxes (alice)',
    weight: 10,
    token: DEMO_TOKENS.alice,
    expected: [],
    body: fixed(`{ boxes(ids: ["${W}", "${A}", "${C}"]) { id eventsCount fileEventsCount } }`),
  },
  {
    name: 'connection page (bob)',
    weight: 8,
    token: DEMO_TOKENS.bob,
    expected: [],
    body: fixed(`{ box(id: "${A}") { eventsConnection(first: 25) {
      totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor }
    } } }`),
  },
  {
    name: 'post a text (alice)',
    weight: 1,
    token: DEMO_TOKENS.alice,
    expected: [],
    body: postText,
  },
  {
    name: 'read welcome (eve, not a member)',
    weight: 8,
    token: DEMO_TOKENS.eve,
    expected: ['FORBIDDEN'],
    body: fixed(READ_BOX(W)),
  },
  {
    name: 'read closed (bob, kicked)',
    weight: 5,
    token: DEMO_TOKENS.bob,
    expected: ['FORBIDDEN'],
    body: fixed(READ_BOX(C)),
  },
  {
    name: 'read welcome (no token)',
    weight: 3,
    expected: ['UNAUTHENTICATED'],
    body: fixed(READ_BOX(W)),
  },
  {
    name: 'page size 0 (alice)',
    weight: 3,
    token: DEMO_TOKENS.alice,
    expected: ['BAD_USER_INPUT'],
    body: fixed(`{ box(id: "${W}") { events(limit: 0) { id } } }`),
  },
];

const TOTAL_WEIGHT = SOAK_OPERATIONS.reduce((sum, op) => sum + op.weight, 0);

export function pickOperation(): SoakOperation {
  let roll = Math.random() * TOTAL_WEIGHT;
  for (const op of SOAK_OPERATIONS) {
    roll -= op.weight;
    if (roll < 0) return op;
  }
  return SOAK_OPERATIONS[SOAK_OPERATIONS.length - 1];
}

export interface Tally {
  operations: number;
  /** Operations that got everything they asked for, or exactly the errors they exist for. */
  asExpected: number;
  expectedErrors: Record<string, number>;
  /** Keyed by code; `HTTP_<status>` for a non-200 answer, `TRANSPORT_<code>` when none came. */
  unexpectedErrors: Record<string, number>;
  /** Operations that carried at least one unexpected error. */
  unexpectedOperations: number;
  latenciesMs: number[];
}

export function newTally(): Tally {
  return {
    operations: 0,
    asExpected: 0,
    expectedErrors: {},
    unexpectedErrors: {},
    unexpectedOperations: 0,
    latenciesMs: [],
  };
}

interface GraphQLBody {
  errors?: Array<{ extensions?: { code?: unknown } }>;
}

/** Folds one answer (or a transport failure) into the tally. */
export function record(
  tally: Tally,
  op: SoakOperation,
  outcome: { status: number; body: unknown } | { transportError: string },
  latencyMs: number,
): void {
  tally.operations += 1;
  tally.latenciesMs.push(latencyMs);
  const unexpected: string[] = [];
  if ('transportError' in outcome) {
    unexpected.push(`TRANSPORT_${outcome.transportError}`);
  } else {
    const codes = ((outcome.body as GraphQLBody)?.errors ?? []).map((e) =>
      String(e.extensions?.code ?? 'NO_CODE'),
    );
    if (outcome.status !== 200 && !codes.some((c) => op.expected.includes(c))) {
      unexpected.push(`HTTP_${outcome.status}`);
    }
    for (const code of codes) {
      if (op.expected.includes(code)) bump(tally.expectedErrors, code);
      else unexpected.push(code);
    }
    if (op.expected.length > 0 && codes.length === 0) unexpected.push('EXPECTED_ERROR_MISSING');
  }
  for (const code of unexpected) bump(tally.unexpectedErrors, code);
  if (unexpected.length > 0) tally.unexpectedOperations += 1;
  else tally.asExpected += 1;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
