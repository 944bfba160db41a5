// Hostile requests against the production configuration: each one is refused with its documented
// code and HTTP status (docs/graphql-api.md#errors) before a single upstream call. The limits are
// configurable, and legitimate operations right at them still pass.
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const BOX = 'b0000000-0000-4000-8000-000000000001';
const TOKEN = 'demo-alice';

/** `{ box { events { box { events … id } } } }`: `depth` fields deep, the root field at depth 1. */
function nested(depth: number): string {
  let inner = 'id';
  for (let level = depth - 1; level >= 2; level--) {
    inner = `${level % 2 === 0 ? 'events(limit: 1)' : 'box'} { ${inner} }`;
  }
  return /* GraphQL */ `{ box(id: "${BOX}") { ${inner} } }`;
}

/** `times` repetitions of the `fields` nesting around `leaf`. */
function chain(fields: string[], times: number, leaf: string): string {
  const levels = Array.from({ length: times }, () => fields).flat();
  return levels.reduceRight((inner, field) => `${field} { ${inner} }`, leaf);
}

function aliases(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `a${i}: id`).join(' ');
  return /* GraphQL */ `{ box(id: "${BOX}") { ${fields} } }`;
}

function directives(count: number): string {
  return /* GraphQL */ `{ box(id: "${BOX}") { ${'id @include(if: true) '.repeat(count)} } }`;
}

/** `{ box(id: "…") { id … } }` is 10 tokens plus one per `id`. */
function tokens(count: number): string {
  return /* GraphQL */ `{ box(id: "${BOX}") { ${'id '.repeat(count - 10)} } }`;
}

function boxIds(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `b0000000-0000-4000-8000-${String(i + 100).padStart(12, '0')}`,
  );
}

const connection = (args: string) =>
  /* GraphQL */ `{ box(id: "${BOX}") { eventsConnection(${args}) { totalCount } } }`;
const page = (args: string) => /* GraphQL */ `{ box(id: "${BOX}") { events(${args}) { id } } }`;

interface Reply {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: unknown } }> };
}

interface Hostile {
  name: string;
  send(t: TestGateway): Promise<Reply>;
  status: number;
  codes: string[];
  /** Matched against the first error's message. */
  message?: RegExp;
}

const gql =
  (query: string, variables?: Record<string, unknown>) =>
  (t: TestGateway): Promise<Reply> =>
    t.gql(query, variables, { token: TOKEN });

const http =
  (init: RequestInit & { search?: string }) =>
  async (t: TestGateway): Promise<Reply> => {
    const url = init.search ? `${t.gateway.url}?${init.search}` : t.gateway.url;
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      ...(init.headers as Record<string, string>),
    };
    const response = await fetch(url, { ...init, headers });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  };

const json = (body: unknown) =>
  http({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const getQuery = (query: string, headers: Record<string, string> = {}) =>
  http({ method: 'GET', search: new URLSearchParams({ query }).toString(), headers });

const TOO_COMPLEX = 'QUERY_TOO_COMPLEX';
const BAD_INPUT = 'BAD_USER_INPUT';
const INVALID = 'GRAPHQL_VALIDATION_FAILED';
const BAD_REQUEST = 'BAD_REQUEST';

const HOSTILE: Hostile[] = [
  // Operation shape (graphql-armor, token counting, body size)
  {
    name: 'nesting 13 deep',
    send: gql(nested(13)),
    status: 400,
    codes: [TOO_COMPLEX],
    message: /13 levels deep; at most 12/,
  },
  {
    name: 'nesting 13 deep hidden in fragments',
    send: gql(/* GraphQL */ `
      { box(id: "${BOX}") { ...L2 } }
      fragment L2 on Box { events(limit: 1) { ...L3 } }
      fragment L3 on BoxEvent { ${chain(['box', 'events(limit: 1)'], 4, 'box { events(limit: 1) { id } }')} }`),
    status: 400,
    codes: [TOO_COMPLEX],
    message: /13 levels deep/,
  },
  {
    name: 'alias bomb (31 aliases)',
    send: gql(aliases(31)),
    status: 400,
    codes: [TOO_COMPLEX],
    message: /31 aliases; at most 30/,
  },
  {
    name: 'alias bomb spread through a fragment twice',
    send: gql(/* GraphQL */ `
      { box(id: "${BOX}") { ...A } other: box(id: "${BOX}") { ...A } }
      fragment A on Box { ${Array.from({ length: 15 }, (_, i) => `a${i}: id`).join(' ')} }`),
    status: 400,
    codes: [TOO_COMPLEX],
    message: /31 aliases/,
  },
  {
    name: 'token flood (3001 tokens)',
    send: gql(tokens(3001)),
    status: 400,
    codes: [TOO_COMPLEX],
    message: /more than 3000 tokens/,
  },
  {
    name: 'token flood that is not even valid GraphQL',
    send: gql(`{ ${'!'.repeat(5000)} }`),
    status: 400,
    codes: [TOO_COMPLEX],
  },
  {
    name: 'directive flood (51 directives)',
    send: gql(directives(51)),
    status: 400,
    codes: [TOO_COMPLEX],
    message: /51 directives; at most 50/,
  },
  {
    name: 'duplicate-field flood (graphql-js aborts validation)',
    send: gql(tokens(1500)),
    status: 400,
    codes: [INVALID],
    message: /^Validation aborted\.$/,
  },
  {
    name: 'request body over 1 MiB',
    send: json({ query: '{ __typename }', variables: { pad: 'x'.repeat(1 << 20) } }),
    status: 413,
    codes: [TOO_COMPLEX],
    message: /over 1048576 bytes/,
  },
  {
    name: 'upstream-call budget: 50 boxes × 5 fields',
    send: gql(
      /* GraphQL */ `
        query ($ids: [UUID!]!) {
          boxes(ids: $ids) {
            events(limit: 1) {
              id
            }
            older: events(offset: 900, limit: 1) {
              id
            }
            fileEvents(limit: 1) {
              id
            }
            eventsCount
            fileEventsCount
          }
        }
      `,
      { ids: boxIds(50) },
    ),
    status: 400,
    codes: [TOO_COMPLEX],
    message: /about 250 upstream calls; at most 200/,
  },
  {
    name: '11 mutation fields',
    send: gql(
      `mutation { ${Array.from({ length: 11 }, (_, i) => `m${i}: joinBox(boxId: "${BOX}") { id }`).join(' ')} }`,
    ),
    status: 400,
    codes: [TOO_COMPLEX],
    message: /11 mutation fields; at most 10/,
  },

  // Argument checks (BAD_USER_INPUT) and schema validation
  {
    name: 'boxes with 51 ids',
    send: gql('query ($ids: [UUID!]!) { boxes(ids: $ids) { id } }', { ids: boxIds(51) }),
    status: 400,
    codes: [BAD_INPUT],
  },
  {
    name: 'boxes with no id',
    send: gql('{ boxes(ids: []) { id } }'),
    status: 400,
    codes: [BAD_INPUT],
  },
  {
    name: 'invalid UUID literal',
    send: gql('{ box(id: "not-a-uuid") { id } }'),
    status: 400,
    codes: [BAD_INPUT],
  },
  {
    name: 'invalid UUID variable',
    send: gql('query ($id: UUID!) { box(id: $id) { id } }', { id: "1' OR '1'='1" }),
    status: 400,
    codes: [BAD_INPUT],
  },
  {
    name: 'negative offset',
    send: gql(page('offset: -1, limit: 5')),
    status: 400,
    codes: [BAD_INPUT],
    message: /offset/,
  },
  {
    name: 'negative limit',
    send: gql(page('limit: -5')),
    status: 400,
    codes: [BAD_INPUT],
    message: /limit/,
  },
  {
    name: 'huge limit',
    send: gql(page('limit: 1000000')),
    status: 400,
    codes: [BAD_INPUT],
    message: /limit must be between 1 and 500/,
  },
  {
    name: 'offset beyond Int',
    send: gql(page('offset: 99999999999')),
    status: 400,
    codes: [INVALID],
  },
  {
    name: 'limit beyond Int, as a variable',
    send: gql('query ($l: Int) { box(id: "' + BOX + '") { events(limit: $l) { id } } }', {
      l: 2 ** 40,
    }),
    status: 400,
    codes: [BAD_INPUT],
  },
  {
    name: 'first: 0',
    send: gql(connection('first: 0')),
    status: 400,
    codes: [BAD_INPUT],
    message: /first/,
  },
  {
    name: 'first: 501',
    send: gql(connection('first: 501')),
    status: 400,
    codes: [BAD_INPUT],
    message: /first/,
  },
  {
    name: 'forged cursor',
    send: gql(connection(`after: "${Buffer.from('offset:-1').toString('base64url')}"`)),
    status: 400,
    codes: [BAD_INPUT],
    message: /after/,
  },
  { name: 'wrong argument type', send: gql(page('limit: "ten"')), status: 400, codes: [INVALID] },
  {
    name: 'invalid base64 in encrypted',
    send: gql(
      `mutation { postTextMessage(boxId: "${BOX}", encrypted: "aGk=", publicKey: "k") { id } }`,
    ),
    status: 400,
    codes: [BAD_INPUT],
    message: /encrypted must be unpadded URL-safe base64/,
  },
  {
    name: 'empty changeBoxAccesses',
    send: gql(`mutation { changeBoxAccesses(boxId: "${BOX}") { added { id } } }`),
    status: 400,
    codes: [BAD_INPUT],
  },
  {
    name: 'unknown field, no suggestion',
    send: gql(`{ box(id: "${BOX}") { evnts { id } } }`),
    status: 400,
    codes: [INVALID],
    message: /^Cannot query field "evnts" on type "Box"\.$/,
  },
  {
    name: 'misspelt enum in a variable, no suggestion',
    send: gql(
      'mutation ($m: AccessMode!) { setBoxAccessMode(boxId: "' + BOX + '", mode: $m) { id } }',
      { m: 'PUBLC' },
    ),
    status: 400,
    codes: [BAD_INPUT],
    message:
      /^Variable "\$m" got invalid value "PUBLC"; Value "PUBLC" does not exist in "AccessMode" enum\.$/,
  },
  {
    name: 'introspection (__schema)',
    send: gql('{ __schema { types { name } } }'),
    status: 400,
    codes: [INVALID],
    message: /introspection is not allowed/,
  },
  {
    name: 'introspection (__type)',
    send: gql('{ __type(name: "Box") { fields { name } } }'),
    status: 400,
    codes: [INVALID],
  },
  {
    name: 'fragment cycle',
    send: gql(
      `{ box(id: "${BOX}") { ...A } } fragment A on Box { id ...B } fragment B on Box { ...A }`,
    ),
    status: 400,
    codes: [INVALID],
  },
  { name: 'syntax error', send: gql('{ box(id: '), status: 400, codes: ['GRAPHQL_PARSE_FAILED'] },

  // HTTP surface
  {
    name: 'batched array body',
    send: json([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    status: 400,
    codes: [BAD_REQUEST],
    message: /batching disabled/,
  },
  { name: 'empty batch', send: json([]), status: 400, codes: [BAD_REQUEST] },
  { name: 'no query', send: json({ variables: {} }), status: 400, codes: [BAD_REQUEST] },
  {
    name: 'GET mutation',
    send: getQuery(`mutation { joinBox(boxId: "${BOX}") { id } }`, {
      'apollo-require-preflight': 'true',
    }),
    status: 405,
    codes: [BAD_REQUEST],
  },
  {
    name: 'GET carrying cookies without a preflight header (CSRF)',
    send: getQuery(nested(2), { cookie: 'accesstoken=x; tokentype=bearer' }),
    status: 400,
    codes: [BAD_REQUEST],
    message: /Cross-Site Request Forgery/,
  },
  {
    name: 'text/plain POST carrying cookies (CSRF)',
    send: http({
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: 'accesstoken=x; tokentype=bearer' },
      body: JSON.stringify({ query: nested(2) }),
    }),
    status: 400,
    codes: [BAD_REQUEST],
    message: /Cross-Site Request Forgery/,
  },
  {
    name: 'form POST',
    send: http({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(nested(2))}`,
    }),
    status: 415,
    codes: [BAD_REQUEST],
  },
  {
    // Uploads (graphql-api.md §12.2) need Apollo's preflight header, credentials or not.
    name: 'multipart POST without a preflight header',
    send: http({
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\n\r\n--x--',
    }),
    status: 400,
    codes: [BAD_REQUEST],
    message: /Cross-Site Request Forgery/,
  },
  {
    name: 'multipart POST that is no GraphQL multipart request',
    send: http({
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'apollo-require-preflight': 'true',
      },
      body: '--x\r\n\r\n--x--',
    }),
    status: 400,
    codes: [BAD_REQUEST],
    message: /not a GraphQL multipart request/,
  },
  {
    name: 'malformed JSON',
    send: http({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ __typename }"',
    }),
    status: 400,
    codes: [BAD_REQUEST],
    message: /^request body is not valid JSON$/,
  },
  {
    name: 'PUT',
    send: http({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }),
    status: 405,
    codes: [BAD_REQUEST],
  },
];

describe('abuse catalogue (NODE_ENV=production)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetCalls());

  it.each(HOSTILE)('$name → $status $codes', async ({ send, status, codes, message }) => {
    const { status: actual, body } = await send(t);
    expect({ status: actual, codes: body.errors?.map((e) => e.extensions?.code) }).toEqual({
      status,
      codes,
    });
    expect(body.data ?? undefined).toBeUndefined();
    if (message) expect(body.errors?.[0]?.message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/Did you mean|FST_ERR|stacktrace|node_modules/);
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('lists at least 20 hostile requests', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(20);
  });
});

describe('legitimate operations right at the default limits pass', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t.close());

  it.each([
    ['nesting 12 deep', nested(12)],
    ['30 aliases', aliases(30)],
    ['50 directives', directives(50)],
    [
      'a 500-event connection page (armor’s default cost limit would refuse it)',
      connection('first: 500'),
    ],
  ])('%s', async (_name, query) => {
    const { status, body } = await t.gql(query, {}, { token: TOKEN });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  it('50 box ids', async () => {
    const { status, body } = await t.gql(
      'query ($ids: [UUID!]!) { boxes(ids: $ids) { id } }',
      { ids: boxIds(50) },
      { token: TOKEN },
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

describe('the limits are configurable', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      env: {
        NODE_ENV: 'production',
        MAX_DEPTH: '6',
        MAX_ALIASES: '2',
        MAX_TOKENS: '60',
        MAX_BODY_BYTES: '4096',
      },
    });
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetCalls());

  it.each([
    ['MAX_DEPTH=6 refuses depth 7', nested(7), /7 levels deep; at most 6/],
    ['MAX_ALIASES=2 refuses 3 aliases', aliases(3), /3 aliases; at most 2/],
    ['MAX_TOKENS=60 refuses 61 tokens', tokens(61), /more than 60 tokens; at most 60/],
  ])('%s', async (_name, query, message) => {
    const { status, body } = await t.gql(query, {}, { token: TOKEN });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: expect.objectContaining({ code: TOO_COMPLEX }),
      }),
    ]);
    expect(t.upstreamCalls()).toEqual([]);
  });

  it.each([
    ['depth 6', nested(6)],
    ['2 aliases', aliases(2)],
    ['exactly 60 tokens', tokens(60)],
  ])('still allows %s', async (_name, query) => {
    const { status, body } = await t.gql(query, {}, { token: TOKEN });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  it('MAX_BODY_BYTES=4096 refuses a 5 KB body with 413', async () => {
    const { status, body } = await json({
      query: '{ __typename }',
      variables: { pad: 'x'.repeat(5000) },
    })(t);
    expect(status).toBe(413);
    expect(body.errors).toEqual([
      {
        message: 'request body is over 4096 bytes; at most 4096 are allowed',
        extensions: { code: TOO_COMPLEX, limit: 4096 },
      },
    ]);
  });
});
