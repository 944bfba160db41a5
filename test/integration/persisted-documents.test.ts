// Trusted documents over HTTP (docs/frontend.md#trusted-documents): the manifest's documents by
// documentId (POST and GET, hex or `sha256:<hex>`) and by Apollo's persistedQuery hash; with
// only-mode, every other document refused before parsing and with zero upstream calls; cache
// headers on GET.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_BOX_IDS } from '../../emulator';
import { startTestGateway, type Data, type TestGateway } from '../helpers/start-test-gateway';

const W = DEMO_BOX_IDS.welcome;
const COUNT = 'query BoxCount($id: UUID!) { box(id: $id) { eventsCount } }';
const TYPENAME = 'query Typename { __typename }';
const POST_TEXT =
  'mutation Post($boxId: UUID!) { postTextMessage(boxId: $boxId, encrypted: "aGVsbG8", publicKey: "pk") { __typename } }';
const NOT_IN_MANIFEST =
  'query Other { box(id: "b0000000-0000-4000-8000-000000000001") { eventsCount } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ALICE = { authorization: 'Bearer demo-alice' };
// Until the CSRF rule changes (another branch), Apollo wants this on every GET.
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

let dir: string;
let manifestPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persisted-'));
  manifestPath = join(dir, 'persisted-documents.json');
  const manifest = Object.fromEntries([COUNT, TYPENAME, POST_TEXT].map((d) => [sha256(d), d]));
  writeFileSync(manifestPath, JSON.stringify(manifest));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function get(gateway: TestGateway, params: Record<string, string>, headers = {}) {
  const url = `${gateway.gateway.url}?${new URLSearchParams(params)}`;
  const response = await fetch(url, { headers: { ...PREFLIGHT, ...headers } });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Data,
  };
}

describe('with PERSISTED_DOCUMENTS_ONLY=true', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      env: { PERSISTED_DOCUMENTS: manifestPath, PERSISTED_DOCUMENTS_ONLY: 'true' },
    });
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  const countData = { data: { box: { eventsCount: 17 } } };

  it('runs a manifest document by documentId, POST, as hex and as sha256:<hex>', async () => {
    for (const documentId of [sha256(COUNT), `sha256:${sha256(COUNT)}`]) {
      const answer = await gateway.post({ documentId, variables: { id: W } }, ALICE);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual(countData);
    }
    expect(gateway.upstreamCalls().map((c) => `${c.method} ${c.path}`)).toEqual([
      `HEAD /boxes/${W}/events`,
      `HEAD /boxes/${W}/events`,
    ]);
  });

  it('runs a manifest document by GET, private for a caller with credentials', async () => {
    const answer = await get(
      gateway,
      { documentId: `sha256:${sha256(COUNT)}`, variables: JSON.stringify({ id: W }) },
      ALICE,
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(countData);
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    const cookie = await get(gateway, { documentId: sha256(TYPENAME) }, { cookie: 'x=1' });
    expect(cookie.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers a GET without credentials with headers a CDN can use; errors are not cached', async () => {
    const answer = await get(gateway, { documentId: sha256(TYPENAME) });
    expect(answer.json).toEqual({ data: { __typename: 'Query' } });
    expect(answer.headers.get('cache-control')).toBe('public, max-age=60');
    expect(answer.headers.get('vary')).toMatch(/authorization, cookie/);
    const failed = await get(gateway, {
      documentId: sha256(COUNT),
      variables: JSON.stringify({ id: W }),
    });
    expect(failed.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(failed.headers.get('cache-control')).toBe('no-store');
    // A POST is never given cache headers.
    const post = await gateway.post({ documentId: sha256(TYPENAME) });
    expect(post.headers.get('cache-control')).toBeNull();
  });

  it("runs a manifest document by Apollo's persistedQuery hash, POST and GET", async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(COUNT) } };
    const post = await gateway.post({ extensions, variables: { id: W } }, ALICE);
    expect(post.json).toEqual(countData);
    const answer = await get(
      gateway,
      { extensions: JSON.stringify(extensions), variables: JSON.stringify({ id: W }) },
      ALICE,
    );
    expect(answer.json).toEqual(countData);
    expect(gateway.upstreamCalls()).toHaveLength(2);
  });

  it('refuses any other document before parsing, with zero upstream calls', async () => {
    for (const query of [NOT_IN_MANIFEST, '{ this is not graphql']) {
      const answer = await gateway.post({ query }, ALICE);
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toHaveLength(1);
      expect(answer.json.errors[0].extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_ALLOWED' });
    }
    // A manifest document sent as a document is not trusted either: it is not named.
    const asText = await gateway.post({ query: COUNT, variables: { id: W } }, ALICE);
    expect(asText.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    const byGet = await get(gateway, { query: NOT_IN_MANIFEST }, ALICE);
    expect(byGet.status).toBe(400);
    expect(byGet.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(gateway.upstreamCalls()).toEqual([]);
  });

  it("refuses an APQ registration and keeps Apollo's answer for an unknown hash", async () => {
    const persistedQuery = { version: 1, sha256Hash: sha256(NOT_IN_MANIFEST) };
    const register = await gateway.post(
      { query: NOT_IN_MANIFEST, extensions: { persistedQuery } },
      ALICE,
    );
    expect(register.status).toBe(400);
    expect(register.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    const lookup = await gateway.post({ extensions: { persistedQuery } }, ALICE);
    expect(lookup.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(lookup.json.errors[0].message).toBe('PersistedQueryNotFound');
    expect(gateway.upstreamCalls()).toEqual([]);
  });

  it('answers an unknown documentId with PERSISTED_QUERY_NOT_FOUND (400)', async () => {
    for (const documentId of ['sha256:' + '0'.repeat(64), 'nope']) {
      const answer = await gateway.post({ documentId }, ALICE);
      expect(answer.status).toBe(400);
      expect(answer.json.errors[0].extensions).toEqual({
        code: 'PERSISTED_QUERY_NOT_FOUND',
        documentId,
      });
    }
    expect(gateway.upstreamCalls()).toEqual([]);
  });

  it('refuses a documentId sent with a document, or that is not a string', async () => {
    const both = await gateway.post({ documentId: sha256(COUNT), query: COUNT }, ALICE);
    expect(both.status).toBe(400);
    expect(both.json.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { documentId: 'send either documentId or query, not both' },
    });
    const number = await gateway.post({ documentId: 42 }, ALICE);
    expect(number.status).toBe(400);
    expect(number.json.errors[0].extensions.fields).toEqual({
      documentId: 'documentId must be a non-empty string',
    });
    expect(gateway.upstreamCalls()).toEqual([]);
  });

  it('runs a manifest mutation by POST and refuses it by GET (405)', async () => {
    const byGet = await get(
      gateway,
      { documentId: sha256(POST_TEXT), variables: JSON.stringify({ boxId: W }) },
      ALICE,
    );
    expect(byGet.status).toBe(405);
    expect(gateway.upstreamCalls()).toEqual([]);
    const byPost = await gateway.post(
      { documentId: sha256(POST_TEXT), variables: { boxId: W } },
      ALICE,
    );
    expect(byPost.json).toEqual({ data: { postTextMessage: { __typename: 'TextMessageEvent' } } });
  });
});

describe('with PERSISTED_DOCUMENTS alone', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ env: { PERSISTED_DOCUMENTS: manifestPath } });
  });
  afterAll(() => gateway.close());

  it('runs manifest ids, other documents and APQ alike', async () => {
    const byId = await gateway.post({ documentId: sha256(COUNT), variables: { id: W } }, ALICE);
    expect(byId.json).toEqual({ data: { box: { eventsCount: 17 } } });
    const other = await gateway.post({ query: NOT_IN_MANIFEST }, ALICE);
    expect(other.json).toEqual({ data: { box: { eventsCount: 17 } } });
    const persistedQuery = { version: 1, sha256Hash: sha256(NOT_IN_MANIFEST) };
    await gateway.post({ query: NOT_IN_MANIFEST, extensions: { persistedQuery } }, ALICE);
    const hit = await gateway.post({ extensions: { persistedQuery } }, ALICE);
    expect(hit.json).toEqual({ data: { box: { eventsCount: 17 } } });
    const unknown = await gateway.post({ documentId: 'nope' }, ALICE);
    expect(unknown.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe("a manifest keyed `sha256:<hex>` (the client preset's default)", () => {
  it('finds its documents by either id form and by the APQ hash', async () => {
    const prefixed = join(dir, 'prefixed.json');
    writeFileSync(prefixed, JSON.stringify({ [`sha256:${sha256(TYPENAME)}`]: TYPENAME }));
    const gateway = await startTestGateway({
      env: { PERSISTED_DOCUMENTS: prefixed, PERSISTED_DOCUMENTS_ONLY: 'true' },
    });
    try {
      const expected = { data: { __typename: 'Query' } };
      for (const documentId of [sha256(TYPENAME), `sha256:${sha256(TYPENAME)}`]) {
        expect((await gateway.post({ documentId })).json).toEqual(expected);
      }
      const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(TYPENAME) } };
      expect((await gateway.post({ extensions })).json).toEqual(expected);
    } finally {
      await gateway.close();
    }
  });
});
