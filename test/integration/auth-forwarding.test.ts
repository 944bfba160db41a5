// Auth forwarding (docs/graphql-api.md#authentication), asserted from what the emulator received:
// exactly which cookies and headers, for a bearer caller and a browser (cookie) caller, on reads
// and writes; bearer over cookies; no credentials → no upstream call; nothing relayed back.
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import type { RecordedRequest } from '../../emulator';
import { describeCalls, startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const W = DEMO_BOX_IDS.welcome;
const READ = `{ box(id: "${W}") { eventsCount fileEventsCount events(limit: 1) { id } } }`;
const POST_TEXT = `mutation { postTextMessage(boxId: "${W}", encrypted: "aGk", publicKey: "k") { id } }`;

/** Headers and cookies of the client's request that must never travel upstream. */
const JUNK_HEADERS = {
  'user-agent': 'junk-agent/1.0',
  'x-forwarded-for': '203.0.113.7',
  'x-api-key': 'junk-api-key',
  'x-request-id': 'junk-request-id',
  origin: 'https://junk.example',
  referer: 'https://junk.example/page',
  'accept-language': 'fr-FR',
};
const JUNK_COOKIES = 'session=junk-session; theme=dark';

const READ_HEADERS = ['accept', 'connection', 'cookie', 'host'];
const POST_HEADERS = [
  'accept',
  'connection',
  'content-length',
  'content-type',
  'cookie',
  'host',
  'x-csrf-token',
];

const headerNames = (call: RecordedRequest) => Object.keys(call.headers).sort();

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.resetCalls());

describe('Authorization: Bearer', () => {
  it('reads: cookies accesstoken + tokentype=bearer only; no Authorization, no client header or cookie', async () => {
    const res = await t.gql(READ, undefined, {
      token: DEMO_TOKENS.alice,
      headers: { ...JUNK_HEADERS, cookie: JUNK_COOKIES, 'x-csrf-token': 'client-csrf' },
    });
    expect(res.body.errors).toBeUndefined();
    const calls = t.upstreamCalls();
    expect(describeCalls(calls).sort()).toEqual([
      `GET /boxes/${W}/events?offset=0&limit=1`,
      `HEAD /boxes/${W}/events`,
      `HEAD /boxes/${W}/files`,
    ]);
    for (const call of calls) {
      expect(call.cookies).toEqual({ accesstoken: DEMO_TOKENS.alice, tokentype: 'bearer' });
      expect(headerNames(call)).toEqual(READ_HEADERS);
      expect(call.headers.accept).toBe('application/json');
    }
  });

  it('POSTs: also a fresh random _csrf cookie equal to X-CSRF-Token, new for every POST; the upstream CSRF check passes', async () => {
    const res = await t.gql(
      `mutation {
        a: postTextMessage(boxId: "${W}", encrypted: "b25l", publicKey: "k") { id box { eventsCount } }
        b: postTextMessage(boxId: "${W}", encrypted: "dHdv", publicKey: "k") { id }
      }`,
      undefined,
      {
        token: DEMO_TOKENS.bob,
        headers: {
          ...JUNK_HEADERS,
          cookie: `${JUNK_COOKIES}; _csrf=client-csrf`,
          'x-csrf-token': 'client-csrf',
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
    const calls = t.upstreamCalls();
    expect(calls.map((c) => c.method)).toEqual(['POST', 'HEAD', 'POST']);
    const postCalls = calls.filter((c) => c.method === 'POST');
    for (const call of postCalls) {
      expect(headerNames(call)).toEqual(POST_HEADERS);
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.cookies).toEqual({
        accesstoken: DEMO_TOKENS.bob,
        tokentype: 'bearer',
        _csrf: call.headers['x-csrf-token'],
      });
      expect(call.headers['x-csrf-token']).toMatch(/^[\w-]{43}$/);
    }
    expect(postCalls[0].headers['x-csrf-token']).not.toBe(postCalls[1].headers['x-csrf-token']);
    // The read between the two POSTs carries no CSRF pair.
    expect(calls[1].cookies).toEqual({ accesstoken: DEMO_TOKENS.bob, tokentype: 'bearer' });
    expect(headerNames(calls[1])).toEqual(READ_HEADERS);
  });

  it('bearer + cookies: the bearer token wins and the client cookies are not forwarded', async () => {
    const res = await t.gql(READ, undefined, {
      token: DEMO_TOKENS.eve,
      headers: { cookie: `accesstoken=${DEMO_TOKENS.alice}; tokentype=bearer; _csrf=c` },
    });
    // Eve is a member of nothing: the upstream saw eve, not alice (errors in completion order).
    expect(res.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['box.events', 'FORBIDDEN'],
      ['box.eventsCount', 'FORBIDDEN'],
      ['box.fileEventsCount', 'FORBIDDEN'],
    ]);
    for (const call of t.upstreamCalls()) {
      expect(call.cookies).toEqual({ accesstoken: DEMO_TOKENS.eve, tokentype: 'bearer' });
    }
    expect(t.upstreamCalls()).toHaveLength(3);
  });

  it('an empty bearer token → UNAUTHENTICATED on every field, no upstream call', async () => {
    const res = await t.post(
      { query: READ },
      { authorization: 'Bearer ', cookie: `accesstoken=${DEMO_TOKENS.alice}; tokentype=bearer` },
    );
    expect(res.json.data).toEqual({
      box: { eventsCount: null, fileEventsCount: null, events: null },
    });
    expect(res.json.errors.map((e: { extensions: unknown }) => e.extensions)).toEqual([
      { code: 'UNAUTHENTICATED' },
      { code: 'UNAUTHENTICATED' },
      { code: 'UNAUTHENTICATED' },
    ]);
    expect(res.json.errors[0].message).toBe(
      'Authentication failed: the Authorization: Bearer header does not carry a usable token',
    );
    expect(t.upstreamCalls()).toEqual([]);
  });
});

describe('browser cookies (accesstoken, tokentype, _csrf) and X-CSRF-Token', () => {
  const cookies = (csrf?: string) =>
    [
      `accesstoken=${DEMO_TOKENS.bob}`,
      'tokentype=bearer',
      ...(csrf ? [`_csrf=${csrf}`] : []),
      JUNK_COOKIES,
    ].join('; ');

  it('reads: the three cookies and the header, verbatim; nothing else', async () => {
    const res = await t.post(
      { query: READ },
      { ...JUNK_HEADERS, cookie: cookies('browser-csrf-1'), 'x-csrf-token': 'browser-csrf-1' },
    );
    expect(res.json.errors).toBeUndefined();
    expect(t.upstreamCalls()).toHaveLength(3);
    for (const call of t.upstreamCalls()) {
      expect(call.cookies).toEqual({
        accesstoken: DEMO_TOKENS.bob,
        tokentype: 'bearer',
        _csrf: 'browser-csrf-1',
      });
      expect(headerNames(call)).toEqual([...READ_HEADERS, 'x-csrf-token']);
      expect(call.headers['x-csrf-token']).toBe('browser-csrf-1');
    }
  });

  it('a POST with the matching header and cookie passes the upstream CSRF check, forwarded verbatim', async () => {
    const res = await t.post(
      { query: POST_TEXT },
      { ...JUNK_HEADERS, cookie: cookies('browser-csrf-2'), 'x-csrf-token': 'browser-csrf-2' },
    );
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.postTextMessage.id).toEqual(expect.any(String));
    const [call] = t.upstreamCalls();
    expect(t.upstreamCalls()).toHaveLength(1);
    expect(call.cookies).toEqual({
      accesstoken: DEMO_TOKENS.bob,
      tokentype: 'bearer',
      _csrf: 'browser-csrf-2',
    });
    expect(headerNames(call)).toEqual(POST_HEADERS);
    expect(call.headers['x-csrf-token']).toBe('browser-csrf-2');
  });

  const CSRF_REFUSED = {
    code: 'FORBIDDEN',
    upstream: {
      status: 403,
      code: 'forbidden',
      origin: 'not_defined',
      details: { csrf_token: 'invalid' },
    },
  };

  it.each<[string, Record<string, string>]>([
    ['no X-CSRF-Token header', { cookie: cookies('browser-csrf-3') }],
    ['no _csrf cookie', { cookie: cookies(), 'x-csrf-token': 'browser-csrf-3' }],
    [
      'a header that does not match the cookie',
      { cookie: cookies('browser-csrf-3'), 'x-csrf-token': 'other' },
    ],
    // Authorization is never forwarded, so a junk one cannot switch the upstream's check off.
    [
      'no header, a junk non-bearer Authorization',
      { cookie: cookies('browser-csrf-3'), authorization: 'Basic anVuazpqdW5r' },
    ],
  ])(
    'a POST with %s is refused by the upstream: FORBIDDEN (csrf_token invalid)',
    async (_name, headers) => {
      const res = await t.post({ query: POST_TEXT }, headers);
      expect(res.status).toBe(200);
      expect(res.json.data).toBeNull();
      expect(
        res.json.errors.map((e: { path: unknown; extensions: unknown }) => [e.path, e.extensions]),
      ).toEqual([[['postTextMessage'], CSRF_REFUSED]]);
      const calls = t.upstreamCalls();
      expect(calls).toHaveLength(1);
      expect(calls[0].headers.authorization).toBeUndefined();
    },
  );

  it('no Set-Cookie (nor any other upstream header) is relayed back to the client', async () => {
    // The upstream does set the _csrf cookie on these requests…
    const direct = await fetch(`${t.emulator.url}/boxes/${W}/events?offset=0&limit=1`, {
      headers: { cookie: cookies('browser-csrf-4') },
    });
    await direct.arrayBuffer();
    expect(direct.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^_csrf=browser-csrf-4;/),
    ]);
    expect(direct.headers.get('vary')).toBe('Cookie');
    // …but the gateway's answers, to a read and to a POST, carry none of it.
    const read = await t.post(
      { query: READ },
      { cookie: cookies('browser-csrf-4'), 'x-csrf-token': 'browser-csrf-4' },
    );
    const write = await t.gql(POST_TEXT, undefined, { token: DEMO_TOKENS.bob });
    expect(read.json.errors).toBeUndefined();
    expect(write.body.errors).toBeUndefined();
    for (const headers of [read.headers, write.headers]) {
      expect(headers.getSetCookie()).toEqual([]);
      // Nothing the upstream answered with: no cookie, no count header, no Vary: Cookie.
      expect(headers.get('x-total-count')).toBeNull();
      expect(headers.get('vary') ?? '').not.toMatch(/cookie/i);
    }
  });
});

describe('no credentials', () => {
  it('every field that needs the upstream → UNAUTHENTICATED, zero upstream calls (junk cookies ignored)', async () => {
    const res = await t.post(
      { query: READ },
      { ...JUNK_HEADERS, cookie: JUNK_COOKIES, 'x-csrf-token': 'x' },
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      data: { box: { eventsCount: null, fileEventsCount: null, events: null } },
      errors: ['eventsCount', 'fileEventsCount', 'events'].map((field) => ({
        message:
          'Authentication required: send Authorization: Bearer <token> or the session cookies',
        locations: [expect.any(Object)],
        path: ['box', field],
        extensions: { code: 'UNAUTHENTICATED' },
      })),
    });
    const mutation = await t.post({ query: POST_TEXT });
    expect(mutation.json.data).toBeNull();
    expect(mutation.json.errors.map((e: { extensions: unknown }) => e.extensions)).toEqual([
      { code: 'UNAUTHENTICATED' },
    ]);
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('introspection and fields that need no upstream still work', async () => {
    const res = await t.post({
      query: `{ __schema { queryType { name } mutationType { name } } __type(name: "Box") { name } box(id: "${W.toUpperCase()}") { id } }`,
    });
    expect(res.json).toEqual({
      data: {
        __schema: { queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } },
        __type: { name: 'Box' },
        box: { id: W },
      },
    });
    expect(t.upstreamCalls()).toEqual([]);
  });
});

describe('CSRF prevention, for requests that carry cookies', () => {
  const get = (headers: Record<string, string>) =>
    fetch(`${t.gateway.url}?query=${encodeURIComponent(READ)}`, { headers });
  const cookie = `accesstoken=${DEMO_TOKENS.bob}; tokentype=bearer`;

  it('a simple GET carrying cookies (what a cross-site page can send) is refused before any upstream call', async () => {
    const res = await get({ cookie });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [{ message: expect.stringMatching(/CSRF/), extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(t.upstreamCalls()).toEqual([]);
  });

  it.each([
    ['apollo-require-preflight', { 'apollo-require-preflight': 'true' }],
    ['x-apollo-operation-name', { 'x-apollo-operation-name': 'Read' }],
    ['a non-simple content type', { 'content-type': 'application/json' }],
  ])('the same GET with cookies and %s runs', async (_name, extra) => {
    const res = await get({ cookie, ...extra });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  it('a simple GET without cookies cannot be forged, so it runs (bearer token)', async () => {
    const res = await get({ authorization: `Bearer ${DEMO_TOKENS.bob}` });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(t.upstreamCalls().length).toBeGreaterThan(0);
  });
});
