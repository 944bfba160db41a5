// GraphQL over HTTP conformance (docs/graphql-api.md#endpoints): graphql-http's server audits
// against the running gateway, in its production configuration. Every MUST, SHOULD and MAY passes.
//
// Three audits (BF61, 28B9, 2EA1) query `__type`, so the audited gateway runs with
// INTROSPECTION=true: introspection is a schema policy, not part of the transport. Their
// introspection-free equivalents run against the plain production configuration below.
// The audits select nothing that needs credentials, so no auth header is injected.
import { serverAudits } from 'graphql-http';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const BOX = 'b0000000-0000-4000-8000-000000000001';

let audited: TestGateway;
let t: TestGateway;
beforeAll(async () => {
  audited = await startTestGateway({ env: { NODE_ENV: 'production', INTROSPECTION: 'true' } });
  t = await startTestGateway({ env: { NODE_ENV: 'production' } });
});
afterAll(async () => {
  await audited.close();
  await t.close();
});

const audits = serverAudits({ url: () => audited.gateway.url });
const musts = audits.filter((audit) => audit.name.startsWith('MUST'));
const others = audits.filter((audit) => !audit.name.startsWith('MUST'));

describe('graphql-http server audits', () => {
  it.each(musts)('$id $name', async (audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
  });

  it.each(others)('$id $name', async (audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
  });

  it('runs all 61 audits', () => {
    expect(audits).toHaveLength(61);
  });
});

describe('the HTTP surface beyond the audits (introspection off)', () => {
  beforeEach(() => t.resetCalls());

  it('accepts a utf-8 request and answers utf-8 (BF61 and 28B9 without __type)', async () => {
    const response = await fetch(t.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        authorization: 'Bearer demo-alice',
      },
      body: JSON.stringify({
        query: /* GraphQL */ `mutation ($key: String!) {
          postTextMessage(boxId: "${BOX}", encrypted: "aGk", publicKey: $key) { publicKey }
        }`,
        variables: { key: 'Run🏃Swim🏊' },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      data: { postTextMessage: { publicKey: 'Run🏃Swim🏊' } },
    });
  });

  it('serves a GET query when the request cannot be a simple cross-site one', async () => {
    const search = new URLSearchParams({ query: '{ __typename }' });
    const response = await fetch(`${t.gateway.url}?${search}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a GET mutation with 405 and Allow: POST, before any upstream call', async () => {
    const search = new URLSearchParams({
      query: 'mutation { joinBox(boxId: "b0000000-0000-4000-8000-000000000001") { id } }',
    });
    const response = await fetch(`${t.gateway.url}?${search}`, {
      headers: { 'apollo-require-preflight': 'true', authorization: 'Bearer demo-bob' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(t.upstreamCalls()).toEqual([]);
  });

  it.each([
    ['a parse error', '{ box(', 'GRAPHQL_PARSE_FAILED'],
    ['a validation error', '{ nope }', 'GRAPHQL_VALIDATION_FAILED'],
  ])(
    'answers %s with 200 to a client that accepts only application/json, 400 without Accept',
    async (_name, query, code) => {
      const send = (headers: Record<string, string>) =>
        fetch(t.gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query }),
        });
      const legacy = await send({ accept: 'application/json' });
      expect(legacy.status).toBe(200);
      expect(legacy.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await legacy.json()) as { errors: Array<{ extensions: unknown }> }).errors).toEqual([
        expect.objectContaining({ extensions: { code } }),
      ]);
      expect((await send({})).status).toBe(400);
    },
  );

  it('keeps 400 for its own limits whatever the Accept (not a document or variable error)', async () => {
    let selection = '__typename';
    for (let level = 0; level < 7; level++) selection = `events { box { ${selection} } }`;
    const deep = `{ box(id: "${BOX}") { ${selection} } }`; // 16 deep, over MAX_DEPTH 12
    const response = await fetch(t.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: deep }),
    });
    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!
        .extensions.code,
    ).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers application/graphql-response+json with 400 for a refused document', async () => {
    const response = await fetch(t.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('answers 406 to an Accept it cannot satisfy', async () => {
    const response = await fetch(t.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/csv' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(406);
  });

  it('answers other methods on /graphql with 405 and Allow', async () => {
    const response = await fetch(t.gateway.url, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(await response.json()).toEqual({
      errors: [
        { message: 'DELETE is not supported on /graphql', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
  });

  it('answers an unknown path with a GraphQL-shaped 404', async () => {
    const response = await fetch(new URL('/nope', t.gateway.url));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Not Found', extensions: { code: 'NOT_FOUND' } }],
    });
  });
});
