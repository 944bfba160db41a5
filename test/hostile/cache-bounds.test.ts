// Findings: Apollo's document cache sized an entry by its AST (not the source text the AST
// keeps) and the streaming transports' kept 1,000 documents of any size; the plan cache was
// keyed by the whole variables JSON with no bound on documents. Every cache now has a bound in
// bytes, and each is flooded here past it.
import { parse } from 'graphql';
import { DEMO_BOX_IDS } from '../../emulator';
import { createHash } from 'node:crypto';
import { createDocumentCache, documentBytes, queryHash } from '../../src/pipeline/document-cache';
import { createPlanCache } from '../../src/pipeline/plan';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { startTestGateway } from '../helpers/start-test-gateway';

jest.setTimeout(60_000);

/** `{ __typename }` inside `padding` spaces and a unique comment, as the attack sent it. */
const padded = (i: number, padding: number) => `{ __typename ${' '.repeat(padding)} } # ${i}`;

describe('the document cache (DOCUMENT_CACHE_BYTES)', () => {
  it('counts the source text an entry keeps, not only its AST', () => {
    const small = parse('{ __typename }');
    const big = parse(padded(1, 100_000));
    expect(documentBytes(big) - documentBytes(small)).toBeGreaterThanOrEqual(200_000);
  });

  it('stays under its bound when flooded with unique padded documents', () => {
    const max = 1024 * 1024;
    const cache = createDocumentCache(max);
    for (let i = 0; i < 500; i++) {
      const source = padded(i, 50_000);
      cache.set(queryHash(source), parse(source));
      expect(cache.bytes).toBeLessThanOrEqual(max);
    }
    // The newest are kept, the oldest were evicted; an entry over a quarter is never kept.
    expect(cache.get(queryHash(padded(499, 50_000)))).toBeDefined();
    expect(cache.get(queryHash(padded(0, 50_000)))).toBeUndefined();
    const huge = padded(-1, 300_000);
    cache.set(queryHash(huge), parse(huge));
    expect(cache.get(queryHash(huge))).toBeUndefined();
  });

  it("is Apollo's documentStore too, under the same keys", async () => {
    const cache = createDocumentCache(1024 * 1024);
    const source = '{ __typename }';
    const hash = createHash('sha256').update(source).digest('hex');
    await cache.apolloStore.set(`schemahash:${hash}`, parse(source));
    expect(cache.get(hash)).toBeDefined();
  });
});

describe('the plan cache (PLAN_CACHE_BYTES)', () => {
  it('stays under its bound when flooded with unique 1 MB variables', () => {
    const schema = buildGatewaySchema();
    const max = 4 * 1024 * 1024;
    const planFor = createPlanCache(max);
    const document = parse('query V($pad: String) { __typename }');
    const operation = document.definitions[0] as never;
    for (let i = 0; i < 40; i++) {
      planFor(schema, document, operation, { pad: `${i}${'x'.repeat(1024 * 1024)}` });
      expect(planFor.bytes).toBeLessThanOrEqual(max);
    }
    for (let i = 0; i < 5000; i++) {
      planFor(schema, document, operation, { pad: `${i}${'x'.repeat(1000)}` });
    }
    expect(planFor.bytes).toBeLessThanOrEqual(max);
  });
});

describe('the in-memory APQ store (APQ_CACHE_BYTES)', () => {
  it('forgets the least recently registered queries once full', async () => {
    const t = await startTestGateway({ env: { APQ_CACHE_BYTES: '8192' } });
    try {
      const register = (query: string) =>
        t.post({
          query,
          extensions: {
            persistedQuery: {
              version: 1,
              sha256Hash: createHash('sha256').update(query).digest('hex'),
            },
          },
        });
      const byHash = (query: string) =>
        t.post({
          extensions: {
            persistedQuery: {
              version: 1,
              sha256Hash: createHash('sha256').update(query).digest('hex'),
            },
          },
        });
      const first = `query First { box(id: "${DEMO_BOX_IDS.welcome}") { id } }`;
      expect((await register(first)).status).toBe(200);
      expect((await byHash(first)).json.errors).toBeUndefined();
      const flood = Array.from(
        { length: 40 },
        (_, i) => `{ __typename } # ${i} ${'p'.repeat(400)}`,
      );
      for (const query of flood) expect((await register(query)).status).toBe(200);
      expect((await byHash(first)).json.errors[0].extensions.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
      expect((await byHash(flood[39]!)).json).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await t.close();
    }
  });
});
