// The IDE page over HTTP: when it is served (on by default, off under NODE_ENV=production unless
// IDE=true), its headers, and that everything it references is served by the gateway itself.
// test/browser/ide.test.ts runs it in chromium.
import { get, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { version } from '@graphql-yoga/render-graphiql/package.json';
import { demoIdeTab } from '../../src/http/ide/demo-tab';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

jest.setTimeout(120_000);

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function page(gateway: TestGateway) {
  const response = await fetch(gateway.gateway.url, { headers: { accept: BROWSER_ACCEPT } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('the IDE page in embedded-emulator mode', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ ideTab: demoIdeTab() });
  });
  afterAll(() => gateway.close());

  it('is served to browsers with a strict CSP and no inline script', async () => {
    const { status, headers, text } = await page(gateway);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('cache-control')).toBe('no-store');
    const scripts = text.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBe(3);
    for (const tag of scripts)
      expect(tag).toMatch(/ src="\/graphql\/ide\/|type="application\/json"/);
    expect(text).toContain('Bearer demo-alice');
    expect(text).toContain('query WelcomeBox');
    expect(text).toContain(
      '"subscriptionsProtocol":"GRAPHQL_SSE","subscriptionsEndpoint":"/graphql/stream"',
    );
    expect(text).not.toMatch(/https?:\/\//);
    expect(gateway.upstreamCalls()).toEqual([]);
  });

  it('serves every file the page references, cacheable, gzipped when asked', async () => {
    const { text } = await page(gateway);
    const paths = [...text.matchAll(/(?:src|href)="(\/graphql\/ide\/[^"]+)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(4);
    const origin = new URL(gateway.gateway.url).origin;
    const boot = await (await fetch(origin + paths.find((p) => p.endsWith('boot.js'))!)).text();
    const workers = [...boot.matchAll(/"([a-z]+\.worker\.js)"/g)].map((m) => m[1]);
    expect(workers).toHaveLength(3);
    const base = paths[0].slice(0, paths[0].lastIndexOf('/'));
    for (const path of [...paths, ...workers.map((w) => `${base}/${w}`)]) {
      const response = await fetch(origin + path, { headers: { 'accept-encoding': 'identity' } });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    const script = paths.find((p) => p.endsWith('graphiql.js'))!;
    const plain = Buffer.from(await (await fetch(origin + script)).arrayBuffer());
    const zipped = await new Promise<Buffer>((resolve, reject) => {
      // fetch would decode the body itself: read the raw bytes.
      get(origin + script, { headers: { 'accept-encoding': 'gzip' } }, (res: IncomingMessage) => {
        expect(res.headers['content-encoding']).toBe('gzip');
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject);
    });
    expect(zipped.length).toBeLessThan(plain.length / 2);
    expect(gunzipSync(zipped).equals(plain)).toBe(true);
    const missing = await fetch(`${origin}${base}/nope.js`);
    expect(missing.status).toBe(404);
  });

  it('leaves GraphQL over GET to clients that ask for JSON', async () => {
    const response = await fetch(
      `${gateway.gateway.url}?query=${encodeURIComponent('{ __typename }')}`,
      {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(response.headers.get('content-security-policy')).toBeNull();
  });
});

describe('the IDE under NODE_ENV=production', () => {
  it('is off by default: no page, no files', async () => {
    const gateway = await startTestGateway({ env: { NODE_ENV: 'production' } });
    try {
      const { status, headers, text } = await page(gateway);
      expect(status).toBe(400);
      expect(headers.get('content-type')).toMatch(/^application\/json/);
      expect(text).not.toContain('<html');
      const origin = new URL(gateway.gateway.url).origin;
      expect((await fetch(`${origin}/graphql/ide/${version}/boot.js`)).status).toBe(404);
    } finally {
      await gateway.close();
    }
  });

  it('is on with IDE=true, without a demo tab when the upstream is not the emulator', async () => {
    const gateway = await startTestGateway({ env: { NODE_ENV: 'production', IDE: 'true' } });
    try {
      const { status, headers, text } = await page(gateway);
      expect(status).toBe(200);
      expect(headers.get('content-security-policy')).toMatch(
        /^default-src 'none'; script-src 'self';/,
      );
      expect(text).not.toContain('demo-alice');
    } finally {
      await gateway.close();
    }
  });
});
