// The real processes as an operator starts them (compiled, only PATH plus the settings named):
// production never serves the embedded emulator by accident, the explicit setting still starts
// it, `npm start`'s path prints the demo banner and serves the README's curl, and the emulator's
// one CLI serves the manual, bench and soak uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_BOX_IDS, DEMO_TOKENS, DASHBOARD_BOX_IDS } from '../../emulator';
import { freePort } from '../helpers/free-port';
import { buildMain, startProcess, until, type Running } from '../helpers/real-process';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The `-d '…'` body of the README's quick-start curl command. */
function readmeCurlBody(): string {
  const match = /## The demo in three pastes[\s\S]*?-d '(\{.*\})'/.exec(README);
  if (!match) throw new Error("README has no quick-start curl with -d '{...}'");
  return match[1]!;
}

const stdout = (running: Running) =>
  running.logs
    .map((l) => l.stdout)
    .filter((l) => typeof l === 'string')
    .join('\n');
const stderrLines = (running: Running) =>
  running.logs
    .map((l) => l.stderr)
    .filter((l): l is string => typeof l === 'string')
    .join('')
    .split('\n')
    .filter((l) => l !== '');

async function graphql(port: number, body: string, token: string): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe('starting the real processes', () => {
  let build: ReturnType<typeof buildMain>;
  let running: Running | undefined;

  beforeAll(() => {
    build = buildMain();
  }, 120_000);
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    running = undefined;
  });

  it('NODE_ENV=production without UPSTREAM_URL exits non-zero with one line naming the setting', async () => {
    const port = await freePort();
    running = startProcess(build.main, { NODE_ENV: 'production', PORT: String(port) });
    const { code } = await running.exited;
    expect(code).not.toBe(0);
    const lines = stderrLines(running);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/UPSTREAM_URL is not set/);
    expect(lines[0]).toMatch(/EMBEDDED_EMULATOR=true/);
    expect(stdout(running)).toBe('');
    // Nothing listened: the port is still free.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 30_000);

  it('NODE_ENV=production with EMBEDDED_EMULATOR=true starts and serves the demo data', async () => {
    const port = await freePort();
    running = startProcess(build.main, {
      NODE_ENV: 'production',
      EMBEDDED_EMULATOR: 'true',
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    const proc = running;
    await until('"gateway listening"', () => proc.logs.some((l) => l.msg === 'gateway listening'));
    const query = `{ box(id: "${DEMO_BOX_IDS.welcome}") { eventsCount } }`;
    const body = (await graphql(port, JSON.stringify({ query }), DEMO_TOKENS.alice)) as {
      data: { box: { eventsCount: number } };
    };
    expect(body.data.box.eventsCount).toBeGreaterThan(0);
  }, 30_000);

  it("npm start's path (no settings) prints the demo banner and serves the README's curl", async () => {
    const port = await freePort();
    running = startProcess(build.main, { HOST: '127.0.0.1', PORT: String(port) });
    const proc = running;
    await until('the demo banner', () => /Try:[\s\S]*curl -s /.test(stdout(proc)));
    const banner = stdout(running);
    expect(banner).toContain(`GraphQL: http://127.0.0.1:${port}/graphql`);
    for (const token of Object.values(DEMO_TOKENS)) expect(banner).toContain(token);
    for (const id of Object.values(DEMO_BOX_IDS)) expect(banner).toContain(id);

    const body = (await graphql(port, readmeCurlBody(), DEMO_TOKENS.alice)) as {
      data?: { box: { eventsCount: number; events: unknown[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data!.box.eventsCount).toBeGreaterThan(0);
    expect(body.data!.box.events).toHaveLength(5);
  }, 30_000);

  describe('the emulator CLI', () => {
    const restGet = (url: string, path: string) =>
      fetch(`${url}${path}`, {
        headers: { cookie: `accesstoken=${DEMO_TOKENS.alice}; tokentype=bearer` },
      });

    it('manual use: EMULATOR_PORT, the banner with tokens, box ids and a curl that works', async () => {
      const port = await freePort();
      running = startProcess(build.emulatorMain, { EMULATOR_PORT: String(port) });
      const proc = running;
      await until('the banner', () => /try:\n\s+curl/.test(stdout(proc)));
      const banner = stdout(running);
      const url = `http://127.0.0.1:${port}`;
      expect(banner).toContain(`listening on ${url}`);
      for (const token of Object.values(DEMO_TOKENS)) expect(banner).toContain(token);
      const path = /curl -i .* '(http[^']+)'/.exec(banner)![1]!.slice(url.length);
      const res = await restGet(url, path);
      expect(res.status).toBe(200);
      expect(await res.json()).toHaveLength(5);
    }, 30_000);

    it('bench use: --port 0 --seed bench --ready-line prints only `ready <url>` and serves the dashboard boxes', async () => {
      running = startProcess(build.emulatorMain, {}, [
        '--port',
        '0',
        '--seed',
        'bench',
        '--ready-line',
      ]);
      const proc = running;
      await until('the ready line', () => stdout(proc) !== '');
      const match = /^ready (http:\/\/127\.0\.0\.1:\d+)$/.exec(stdout(running));
      expect(match).not.toBeNull();
      const res = await restGet(
        match![1]!,
        `/boxes/${DASHBOARD_BOX_IDS[0]}/events?offset=0&limit=500`,
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toHaveLength(51); // create.box, 40 texts, 10 files
    }, 30_000);

    it('a bad option exits 1 with one line naming it', async () => {
      running = startProcess(build.emulatorMain, { EMULATOR_PORT: 'x' });
      expect((await running.exited).code).toBe(1);
      expect(stderrLines(running)).toEqual([
        'EMULATOR_PORT must be an integer from 0 to 65535, got "x"',
      ]);
      running = startProcess(build.emulatorMain, {}, ['--seed', 'nope']);
      expect((await running.exited).code).toBe(1);
      expect(stderrLines(running)).toEqual([
        '--seed must be one of demo, bench, realtime, got "nope"',
      ]);
    }, 30_000);
  });
});
