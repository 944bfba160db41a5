// The same operations sent over HTTP, WebSocket and SSE, each transport to its own gateway and
// emulator (same seed, same settings, same token): the same answers and refusals with the same
// codes and statuses, the same `graphql operation` log lines, the same operation metrics and the
// same upstream calls (the emulator's request log). "Operation" means one thing on all three.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { startTestGateway, type Data, type TestGateway } from '../helpers/start-test-gateway';
import {
  operationLines,
  runOnce,
  TRANSPORTS,
  type Operation,
  type TransportName,
} from './transports';

jest.setTimeout(120_000);

const BOX = DEMO_BOX_IDS.welcome;
const token = DEMO_TOKENS.alice;
const ENV = {
  NODE_ENV: 'production',
  MAX_DEPTH: '5',
  MAX_TOKENS: '200',
  MAX_UPSTREAM_CALLS: '3',
  MAX_VARIABLES_DEPTH: '16',
  RATE_LIMIT_PER_MINUTE: '3',
};

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Name → operation; over WebSocket and SSE, subscriptions too. */
const QUERIES: Array<[string, Operation]> = [
  ['a plain query', { query: `query Count { box(id: "${BOX}") { eventsCount } }` }],
  ['introspection (production)', { query: '{ __schema { types { name } } }' }],
  [
    'too deep',
    { query: `query Deep { box(id: "${BOX}") { events { box { events { box { id } } } } } }` },
  ],
  ['too many tokens', { query: `{ ${'__typename '.repeat(250)}}` }],
  ['a bad argument', { query: 'query Bad { boxes(ids: []) { id } }' }],
  [
    'over the upstream budget',
    {
      query: `query Budget { box(id: "${BOX}") { eventsCount fileEventsCount events(offset: 0, limit: 1) { id } fileEvents(offset: 0, limit: 1) { id } } }`,
    },
  ],
  [
    'variables nested too deeply',
    { query: 'query V($v: [[Int]]) { __typename }', variables: { v: nested(40) } },
  ],
  ['not parsable', { query: '{ box(' }],
  ['the same query again', { query: `query Count { box(id: "${BOX}") { eventsCount } }` }],
  ['one more (counted third)', { query: `query Count { box(id: "${BOX}") { eventsCount } }` }],
  ['over the rate limit', { query: `query Count { box(id: "${BOX}") { eventsCount } }` }],
];

const SUBSCRIPTIONS: Array<[string, Operation]> = [
  [
    'a subscription with no box',
    {
      query: `subscription S { boxEvents(identityId: "${DEMO_IDENTITY_IDS.alice}", boxIds: []) { boxId } }`,
    },
  ],
  [
    'a subscription with a bad argument in its selection',
    {
      query: `subscription S { boxEvents(identityId: "${DEMO_IDENTITY_IDS.alice}", boxIds: ["${BOX}"]) { event { box { events(offset: 0, limit: 100000) { id } } } } }`,
    },
  ],
];

interface Seen {
  answers: Array<{ name: string; status?: number; codes: string[]; data?: Data }>;
  calls: number[];
  lines: Data[];
  metrics: string[];
}

/** The operation and error counters, executor label left out (graphql-jit serves only HTTP). */
async function operationMetrics(t: TestGateway): Promise<string[]> {
  const text = await (await fetch(t.gateway.url.replace(/\/graphql$/, '/metrics'))).text();
  const totals = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!/^gateway_(?:operations|errors)_total\{/.test(line)) continue;
    const [series, value] = line.split(' ');
    const key = series!.replace(/,?executor="[^"]*"/, '');
    totals.set(key, (totals.get(key) ?? 0) + Number(value));
  }
  return [...totals].map(([key, value]) => `${key} ${value}`).sort();
}

async function sendAll(transport: TransportName, operations: Array<[string, Operation]>) {
  const t = await startTestGateway({ env: ENV });
  try {
    const seen: Seen = { answers: [], calls: [], lines: [], metrics: [] };
    for (const [name, operation] of operations) {
      t.resetCalls();
      const { status, codes, data } = await runOnce(t, transport, { ...operation, token });
      seen.answers.push({ name, ...(transport === 'ws' ? {} : { status }), codes, data });
      seen.calls.push(t.upstreamCalls().length);
    }
    seen.lines = operationLines(t);
    seen.metrics = await operationMetrics(t);
    return seen;
  } finally {
    await t.close();
  }
}

it('queries: the same answers, refusals, codes, log lines, metrics and upstream calls', async () => {
  const seen: Partial<Record<TransportName, Seen>> = {};
  for (const transport of TRANSPORTS) seen[transport] = await sendAll(transport, QUERIES);
  const http = seen.http!;
  expect(http.answers.map(({ name, status, codes }) => [name, status, codes])).toEqual([
    ['a plain query', 200, []],
    ['introspection (production)', 400, ['GRAPHQL_VALIDATION_FAILED']],
    ['too deep', 400, ['QUERY_TOO_COMPLEX']],
    ['too many tokens', 400, ['QUERY_TOO_COMPLEX']],
    ['a bad argument', 400, ['BAD_USER_INPUT']],
    ['over the upstream budget', 400, ['QUERY_TOO_COMPLEX']],
    ['variables nested too deeply', 400, ['QUERY_TOO_COMPLEX']],
    ['not parsable', 400, ['GRAPHQL_PARSE_FAILED']],
    ['the same query again', 200, []],
    ['one more (counted third)', 200, []],
    ['over the rate limit', 429, ['RATE_LIMITED']],
  ]);
  expect(http.calls).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
  for (const transport of ['ws', 'sse'] as const) {
    const other = seen[transport]!;
    const expected = http.answers.map((answer) => {
      if (transport === 'sse') return answer;
      const { status: _status, ...rest } = answer;
      return rest;
    });
    expect({ transport, answers: other.answers }).toEqual({ transport, answers: expected });
    expect({ transport, calls: other.calls }).toEqual({ transport, calls: http.calls });
    expect({ transport, lines: other.lines }).toEqual({ transport, lines: http.lines });
    expect({ transport, metrics: other.metrics }).toEqual({ transport, metrics: http.metrics });
  }
  expect(http.lines).toHaveLength(QUERIES.length);
  expect(http.lines[10]).toEqual({
    operation: 'Count',
    upstreamCalls: 0,
    estimatedUpstreamCalls: 1,
    errorCodes: ['RATE_LIMITED'],
  });
});

it('subscriptions: the same refusals over WebSocket and SSE, before any upstream call', async () => {
  const ws = await sendAll('ws', SUBSCRIPTIONS);
  const sse = await sendAll('sse', SUBSCRIPTIONS);
  expect(ws.answers.map(({ name, codes }) => [name, codes])).toEqual([
    ['a subscription with no box', ['BAD_USER_INPUT']],
    ['a subscription with a bad argument in its selection', ['BAD_USER_INPUT']],
  ]);
  expect(sse.answers.map(({ name, codes }) => [name, codes])).toEqual(
    ws.answers.map(({ name, codes }) => [name, codes]),
  );
  expect(sse.answers.map((a) => a.status)).toEqual([400, 400]);
  expect(ws.calls).toEqual([0, 0]);
  expect(sse.calls).toEqual([0, 0]);
  expect(sse.lines).toEqual(ws.lines);
  expect(sse.metrics).toEqual(ws.metrics);
});
