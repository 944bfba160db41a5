// WORKERS=2 on the real process (docs/operations.md "Scale"): both workers answer on one port
// (told apart by the pid on each operation's log line, matched by request id), they serve one
// demo store (the primary's single emulator), /metrics sums them, a killed worker is replaced,
// and SIGTERM lets every worker drain, in-flight operations included, before the primary
// exits 0.
import { createServer, type AddressInfo } from 'node:net';
import { DEMO_BOX_IDS, DEMO_TOKENS, startEmulator, type Emulator } from '../../emulator';
import { freePort } from '../helpers/free-port';
import {
  buildMain,
  type Build,
  freshGql,
  freshRequest,
  startProcess,
  until,
  type Running,
} from '../helpers/real-process';

const W = DEMO_BOX_IDS.welcome;
const COUNT = `{ box(id: "${W}") { eventsCount } }`;
const POST = `mutation { postTextMessage(boxId: "${W}", encrypted: "aGk", publicKey: "k") { id } }`;
const alice = { authorization: `Bearer ${DEMO_TOKENS.alice}` };

describe('WORKERS=2', () => {
  let build: Build;
  let running: Running | undefined;
  let emulator: Emulator | undefined;

  beforeAll(() => {
    build = buildMain();
  }, 120_000);
  afterEach(async () => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
    await running?.exited;
    running = undefined;
    await emulator?.close();
    emulator = undefined;
  });

  async function start(env: Record<string, string>) {
    const port = await freePort();
    running = startProcess(build.main, {
      WORKERS: '2',
      PORT: String(port),
      HOST: '127.0.0.1',
      SHUTDOWN_GRACE_MS: '8000',
      ...env,
    });
    const { logs } = running;
    await until(
      '"gateway listening"',
      () => logs.some((l) => l.msg === 'gateway listening'),
      60_000,
    );
    return { port, ...running };
  }

  /** The pid of the process that logged the operation of this request id. */
  function servedBy(logs: Array<Record<string, unknown>>, requestId: string): number {
    const line = logs.find((l) => l.msg === 'graphql operation' && l.requestId === requestId);
    if (!line) throw new Error(`no operation log line for request ${requestId}`);
    return line.pid as number;
  }

  /** Error lines and stderr: empty on a clean run, and what a failure shows. */
  function errors(logs: Array<Record<string, unknown>>) {
    return logs.filter((l) => Number(l.level) >= 50 || l.stderr !== undefined);
  }

  function workerPids(logs: Array<Record<string, unknown>>): number[] {
    return logs.filter((l) => l.msg === 'worker started').map((l) => l.workerPid as number);
  }

  it('answers from both workers over one emulator, sums /metrics, replaces a killed worker, drains on SIGTERM', async () => {
    const { port, logs, child, exited } = await start({});
    const [first, second] = workerPids(logs);
    expect(new Set([first, second, child.pid]).size).toBe(3);
    expect(
      logs.filter(
        (l) => l.msg === 'no UPSTREAM_URL set: serving the embedded emulator with its demo data',
      ),
    ).toHaveLength(1);

    // One write through whichever worker, then reads until both workers have answered: every
    // read sees the write, so the workers share the primary's one emulator.
    const before = await freshGql(port, { query: COUNT }, alice);
    const posted = await freshGql(port, { query: POST }, alice);
    expect(posted.status).toBe(200);
    const expected =
      (before.json as { data: { box: { eventsCount: number } } }).data.box.eventsCount + 1;
    const answeredBy = new Set<number>();
    let operations = 2;
    for (let i = 0; i < 20 && answeredBy.size < 2; i++) {
      const read = await freshGql(port, { query: COUNT }, alice);
      operations += 1;
      expect(read.json).toEqual({ data: { box: { eventsCount: expected } } });
      await until('the operation log line', () => logs.some((l) => l.requestId === read.requestId));
      answeredBy.add(servedBy(logs, read.requestId));
    }
    expect([...answeredBy].sort()).toEqual([first, second].sort());

    // Whichever worker answers the scrape, it reports the operations of both.
    for (let i = 0; i < 2; i++) {
      const { status, text } = await freshRequest(port, { path: '/metrics' });
      expect(status).toBe(200);
      const total = text
        .split('\n')
        .filter((l) => l.startsWith('gateway_operations_total{'))
        .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
      expect(total).toBe(operations);
    }

    process.kill(first, 'SIGKILL');
    await until('a replacement worker', () => workerPids(logs).length === 3);
    const replacement = workerPids(logs)[2];
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'worker exited unexpectedly: starting a replacement',
        workerPid: first,
        signal: 'SIGKILL',
      }),
    );
    const servedAfter = new Set<number>();
    for (let i = 0; i < 20 && servedAfter.size < 2; i++) {
      const read = await freshGql(port, { query: COUNT }, alice);
      expect(read.status).toBe(200);
      await until('the operation log line', () => logs.some((l) => l.requestId === read.requestId));
      servedAfter.add(servedBy(logs, read.requestId));
    }
    expect([...servedAfter].sort()).toEqual([second, replacement].sort());

    child.kill('SIGTERM');
    const exit = await exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    const drained = logs.filter(
      (l) => l.msg === 'drained: operations finished, upstream pool closed',
    );
    expect(drained.map((l) => l.pid).sort()).toEqual([second, replacement].sort());
    expect(logs.at(-1)).toMatchObject({ msg: 'all workers drained', pid: child.pid });
  });

  it('on SIGTERM finishes the operation in flight on a worker before the primary exits 0', async () => {
    emulator = await startEmulator();
    const { port, logs, child, exited } = await start({ UPSTREAM_URL: emulator.url });
    emulator.failNext({ method: 'HEAD', path: /\/events$/, fault: { kind: 'delay', ms: 1500 } });
    const inFlight = freshGql(port, { query: COUNT }, alice);
    await until('the slow upstream call', () =>
      emulator!.requests.some((r) => r.method === 'HEAD'),
    );
    child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, json: { data: { box: { eventsCount: 17 } } } });
    const exit = await exited;
    expect({ code: exit.code, signal: exit.signal, errors: errors(logs) }).toEqual({
      code: 0,
      signal: null,
      errors: [],
    });
    expect(
      logs.filter((l) => l.msg === 'drained: operations finished, upstream pool closed'),
    ).toHaveLength(2);
  });

  it('stops with exit 1, without a fork loop, when the workers cannot listen', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    emulator = await startEmulator();
    try {
      running = startProcess(build.main, {
        WORKERS: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        UPSTREAM_URL: emulator.url,
      });
      const exit = await running.exited;
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 1, signal: null });
      expect(running.logs).toContainEqual(
        expect.objectContaining({ msg: 'worker failed to start: stopping' }),
      );
      expect(running.logs.filter((l) => l.msg === 'worker started')).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
