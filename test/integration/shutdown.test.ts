// SIGTERM on the real process (main.ts, compiled as `npm start` runs it): it stops accepting
// connections, lets the operation in flight finish with its data, closes the upstream pool
// and exits 0 within SHUTDOWN_GRACE_MS, saying so in its log.
import { request } from 'node:http';
import { startEmulator, type Emulator } from '../../emulator';
import WebSocket from 'ws';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { buildMain, startProcess, until, type Build, type Running } from '../helpers/real-process';
import { freePort } from '../helpers/free-port';

const GRACE_MS = 5000;
const SLOW_MS = 1500;
const W = DEMO_BOX_IDS.welcome;

/** One request on a fresh connection: the status, or the connection error's code. */
function freshConnection(port: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

describe('SIGTERM on the real process', () => {
  let build: Build;
  let emulator: Emulator;
  let running: Running | undefined;

  beforeAll(() => {
    build = buildMain();
  }, 120_000);

  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
    running = undefined;
    await emulator?.close();
  });

  it('stops accepting, finishes the operation in flight, closes and exits 0 within the grace time', async () => {
    const port = await freePort();
    running = startProcess(build.main, {
      UPSTREAM_URL: emulator.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    const { child, logs, exited } = running;
    await until('"gateway listening"', () => logs.some((l) => l.msg === 'gateway listening'));

    emulator.failNext({ method: 'GET', path: /\/events$/, fault: { kind: 'delay', ms: SLOW_MS } });
    let settled = false;
    const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.alice}` },
      body: JSON.stringify({ query: `{ box(id: "${W}") { events(limit: 3) { id } } }` }),
    }).then(async (res) => {
      settled = true;
      return { status: res.status, body: (await res.json()) as unknown };
    });
    await until('the slow upstream call', () => emulator.requests.some((r) => r.method === 'GET'));

    const signalledAt = Date.now();
    child.kill('SIGTERM');

    // New connections are refused (or answered 503) while the slow operation is still running.
    // Ordering, not a time bound: the refusal is seen while the slow operation is unsettled.
    await until('a refused connection', async () => {
      const answer = await freshConnection(port);
      return answer === 'ECONNREFUSED' || answer === 503;
    });
    expect(settled).toBe(false);

    const response = await inFlight;
    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          box: {
            events: [
              { id: expect.any(String) },
              { id: expect.any(String) },
              { id: expect.any(String) },
            ],
          },
        },
      },
    });

    const exit = await exited;
    // Exit 0 is within the grace: at its deadline the process exits 1 (the test after this one).
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(SLOW_MS - 200);

    // The operation's line and the drained line are written within a few ms of each other; their
    // relative order in the piped stdout is not what this test is about (drainMs is).
    const messages = logs.map((l) => l.msg ?? l.stderr);
    expect(messages.slice(0, 2)).toEqual(['gateway listening', 'draining in-flight operations']);
    expect([...messages.slice(2)].sort()).toEqual([
      'drained: operations finished, upstream pool closed',
      'graphql operation',
    ]);
    const drained = logs.find(
      (l) => l.msg === 'drained: operations finished, upstream pool closed',
    );
    expect(drained?.drainMs).toBeGreaterThanOrEqual(SLOW_MS - 200);
  });

  it('exits 1 at the grace deadline when an operation outlasts it, saying so', async () => {
    const port = await freePort();
    const graceMs = 800;
    running = startProcess(build.main, {
      UPSTREAM_URL: emulator.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(graceMs),
      UPSTREAM_TIMEOUT_MS: '30000',
    });
    const { child, logs, exited } = running;
    await until('"gateway listening"', () => logs.some((l) => l.msg === 'gateway listening'));
    emulator.failNext({ method: 'HEAD', path: /\/events$/, fault: { kind: 'delay', ms: 20_000 } });
    const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.alice}` },
      body: JSON.stringify({ query: `{ box(id: "${W}") { eventsCount } }` }),
    }).catch((error: unknown) => error);
    await until('the slow upstream call', () => emulator.requests.some((r) => r.method === 'HEAD'));

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const exit = await exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 1, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(graceMs - 50);
    // At the deadline, not when the operation ends: its upstream answer is 20 s away.
    expect(exit.at - signalledAt).toBeLessThan(15_000);
    expect(logs.map((l) => l.msg)).toContain(
      'drain deadline passed: exiting with operations still in flight',
    );
    await inFlight; // the client sees its connection drop, whatever form that takes
  });

  it('ends subscriptions first: WebSocket clients get close 1001, SSE streams end without complete (so clients reconnect), upstream sockets close, exit 0', async () => {
    const port = await freePort();
    running = startProcess(build.main, {
      UPSTREAM_URL: emulator.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    const { child, logs, exited } = running;
    await until('"gateway listening"', () => logs.some((l) => l.msg === 'gateway listening'));
    const query = `subscription { boxEvents(identityId: "${DEMO_IDENTITY_IDS.bob}", boxIds: ["${W}"]) { boxId } }`;

    const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'connection_init',
          payload: { authorization: `Bearer ${DEMO_TOKENS.bob}` },
        }),
      ),
    );
    ws.on('message', (data: Buffer) => {
      if (JSON.parse(data.toString()).type === 'connection_ack') {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
      }
    });
    const sse = await fetch(`http://127.0.0.1:${port}/graphql/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${DEMO_TOKENS.alice}`,
      },
      body: JSON.stringify({
        query: query.replace(DEMO_IDENTITY_IDS.bob, DEMO_IDENTITY_IDS.alice),
      }),
    });
    expect(sse.status).toBe(200);
    const sseText = sse.text().catch((error: unknown) => `ended: ${String(error)}`);
    await until('two upstream sockets', () => emulator.openSockets() === 2);

    child.kill('SIGTERM');
    expect(await closed).toBe(1001);
    // Ended, with no `complete`: a client takes the stream as cut and reconnects (Last-Event-ID).
    expect(await sseText).not.toMatch(/event: complete/);
    const exit = await exited;
    // Exit 0 is within the grace: at its deadline the process exits 1.
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    await until('upstream sockets closed', () => emulator.openSockets() === 0);
  });

  it('drains first: /readyz answers 503 at SIGTERM while queries are still served for DRAIN_DELAY_MS, then it closes and exits 0', async () => {
    const port = await freePort();
    const drainDelayMs = 1500;
    running = startProcess(build.main, {
      UPSTREAM_URL: emulator.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DRAIN_DELAY_MS: String(drainDelayMs),
      SHUTDOWN_TIMEOUT_MS: String(GRACE_MS),
    });
    const { child, logs, exited } = running;
    await until('"gateway listening"', () => logs.some((l) => l.msg === 'gateway listening'));
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    await until('/readyz 503', async () => (await fetch(`${base}/readyz`)).status === 503);
    // Not ready, still serving: a query on a new connection during the delay succeeds.
    const query = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.alice}` },
      body: JSON.stringify({ query: `{ box(id: "${W}") { eventsCount } }` }),
    });
    // Answered, so before the delay's end: from then on the process accepts no new request.
    expect(query.status).toBe(200);
    expect(logs.some((l) => l.msg === 'drained: operations finished, upstream pool closed')).toBe(
      false,
    );

    const exit = await exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(drainDelayMs);
  });
});
