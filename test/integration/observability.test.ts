// What an operator sees: the request id round trip, one log line per operation, upstream calls
// at debug level, and the Prometheus metrics (labels are route templates and codes, never ids).
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import { operationLines } from '../helpers/gateway-checks';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const WELCOME = DEMO_BOX_IDS.welcome;
const CLOSED = DEMO_BOX_IDS.closed;

describe('observability', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const metricsText = async () =>
    (await fetch(t.gateway.url.replace('/graphql', '/metrics'))).text();

  it('returns the client X-Request-Id and logs the operation under it', async () => {
    const response = await t.gql(
      /* GraphQL */ `query Dash { box(id: "${WELCOME}") { eventsCount } }`,
      {},
      { token: DEMO_TOKENS.bob, headers: { 'x-request-id': 'req-abc-123' }, operationName: 'Dash' },
    );
    expect(response.headers.get('x-request-id')).toBe('req-abc-123');
    expect(operationLines(t.logs).at(-1)).toMatchObject({
      requestId: 'req-abc-123',
      operation: 'Dash',
      upstreamCalls: 1,
      estimatedUpstreamCalls: 1,
      errorCodes: [],
      durationMs: expect.any(Number),
    });
  });

  it('generates a request id when the client sends none', async () => {
    const response = await t.gql(
      `{ box(id: "${WELCOME}") { id } }`,
      {},
      { token: DEMO_TOKENS.bob },
    );
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(operationLines(t.logs).at(-1)).toMatchObject({ requestId: id });
  });

  it('logs each upstream call at debug level by route template, without ids', async () => {
    t.logs.lines.length = 0;
    await t.gql(
      `{ box(id: "${WELCOME}") { events(limit: 2) { id } } }`,
      {},
      { token: DEMO_TOKENS.bob },
    );
    const calls = t.logs.entries().filter((entry) => entry.msg === 'upstream call');
    expect(calls).toEqual([
      expect.objectContaining({
        level: 20,
        upstream: expect.objectContaining({
          method: 'GET',
          route: '/boxes/:id/events',
          status: 200,
          outcome: 'ok',
        }),
      }),
    ]);
    expect(JSON.stringify(calls)).not.toContain(WELCOME);
  });

  it('counts operations by name and outcome, errors by code, upstream calls by route and status', async () => {
    await t.gql(
      `query Mixed { a: box(id: "${WELCOME}") { eventsCount } b: box(id: "${CLOSED}") { events(limit: 1) { id } } }`,
      {},
      { token: DEMO_TOKENS.bob, operationName: 'Mixed' },
    );
    const text = await metricsText();
    expect(text).toMatch(
      /gateway_operations_total\{operation="Mixed",outcome="error",executor="graphql-js"\} 1\n/,
    );
    expect(text).toMatch(/gateway_errors_total\{code="FORBIDDEN"\} [1-9]/);
    expect(text).toMatch(
      /gateway_upstream_requests_total\{method="HEAD",route="\/boxes\/:id\/events",status="204"\} [1-9]/,
    );
    expect(text).toMatch(
      /gateway_upstream_requests_total\{method="GET",route="\/boxes\/:id\/events",status="403"\} 1\n/,
    );
    expect(text).toMatch(
      /gateway_upstream_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/boxes\/:id\/events"\}/,
    );
    expect(text).toMatch(/gateway_upstream_circuit_open 0\n/);
    for (const id of Object.values(DEMO_BOX_IDS)) expect(text).not.toContain(id);
    for (const token of Object.values(DEMO_TOKENS)) expect(text).not.toContain(token);
  });

  it('counts rejections answered before Apollo runs the operation (token limit, body size)', async () => {
    const before = await metricsText();
    const count = (text: string) =>
      Number(/gateway_errors_total\{code="QUERY_TOO_COMPLEX"\} (\d+)/.exec(text)?.[1] ?? 0);
    const flood = `{ ${'__typename '.repeat(3001)}}`;
    expect((await t.post({ query: flood }, { 'content-type': 'application/json' })).status).toBe(
      400,
    );
    const huge = JSON.stringify({
      query: `{ __typename }`,
      variables: { pad: 'x'.repeat(1_100_000) },
    });
    const response = await fetch(t.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    await response.text();
    expect(count(await metricsText())).toBe(count(before) + 2);
    expect(operationLines(t.logs).at(-1)).toMatchObject({
      errorCodes: ['QUERY_TOO_COMPLEX'],
      upstreamCalls: 0,
    });
  });

  it('answers the probes', async () => {
    const base = t.gateway.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});
