// The timers that take a clock (src/clock.ts), driven by the manual one: a test moves the time
// past a bound instead of sleeping through it, and checks both sides of the bound exactly.
// The socket registry's linger and credential check against the emulator's real socket; the
// resumer's flush and retention; the drain delay and deadline.
import { Registry } from 'prom-client';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS, startEmulator } from '../../emulator';
import { readCredentials } from '../../src/auth/credentials';
import { createMetrics } from '../../src/observability/metrics';
import { drainOnSignal } from '../../src/process/drain-on-signal';
import { createSocketRegistry, type SocketListener } from '../../src/realtime/socket-registry';
import type { BoxEventsApi } from '../../src/upstream/upstream-types';
import { memoryPositionStore } from '../../src/resume/position-store';
import { resumeKey, type ResumeHandle } from '../../src/resume/resume-key';
import { createResumeMetrics } from '../../src/resume/resume-metrics';
import { createResumer, type Resumable } from '../../src/resume/resumer';
import { manualClock } from '../helpers/manual-clock';
import { memoryLogger } from '../helpers/memory-logger';
import { waitFor } from '../helpers/wait-for';

describe('manualClock', () => {
  it('fires due timeouts and intervals in time order within one advance, and not before', () => {
    const clock = manualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`t30@${clock.now()}`), 30);
    const every = clock.setInterval(() => fired.push(`i20@${clock.now()}`), 20);
    const cancelled = clock.setTimeout(() => fired.push('never'), 10);
    clock.clearTimeout(cancelled);
    clock.advance(19);
    expect(fired).toEqual([]);
    clock.advance(41);
    expect(fired).toEqual(['i20@1020', 't30@1030', 'i20@1040', 'i20@1060']);
    clock.clearTimeout(every);
    clock.advance(1000);
    expect([fired.length, clock.pending(), clock.now()]).toEqual([4, 0, 2060]);
  });
});

describe('socket registry timers', () => {
  const listener = (): SocketListener => ({
    wants: () => true,
    push: () => {},
    connected: () => {},
    fail: () => {},
    complete: () => {},
    someBox: () => DEMO_BOX_IDS.welcome,
  });

  it('checks the credential every credentialCheckMs, reconnects after its backoff, closes the socket exactly lingerMs after the last subscription left', async () => {
    const emulator = await startEmulator();
    const clock = manualClock();
    const logs = memoryLogger();
    const checks: string[] = [];
    const api = {
      countEvents: async (boxId: string) => {
        checks.push(boxId);
        return 0;
      },
    } as unknown as BoxEventsApi;
    const registry = createSocketRegistry({
      wsBase: emulator.url.replace(/^http/, 'ws'),
      maxSockets: 10,
      lingerMs: 30_000,
      reconnectBaseMs: 100,
      reconnectMaxMs: 1000,
      credentialCheckMs: 60_000,
      openTimeoutMs: 10_000,
      metrics: createMetrics(),
      logger: logs.logger,
      clock,
    });
    try {
      const credentials = readCredentials({ authorization: `Bearer ${DEMO_TOKENS.bob}` })!;
      const detach = await registry.attach(
        credentials,
        DEMO_IDENTITY_IDS.bob,
        () => api,
        listener(),
      );
      expect(emulator.openSockets()).toBe(1);

      clock.advance(59_999);
      expect(checks).toEqual([]);
      clock.advance(1);
      expect(checks).toEqual([DEMO_BOX_IDS.welcome]);

      // Dropped by the upstream: the reconnect waits for its backoff (under reconnectBaseMs at
      // the first attempt), on the clock.
      const drops = () =>
        logs.entries().filter((l) => l.msg?.toString().includes('dropped')).length;
      emulator.dropSockets();
      await waitFor('the drop', () => drops() === 1 && emulator.openSockets() === 0);
      // The credential check and the retry; the dropped socket's ping timer is gone.
      expect(clock.pending()).toBe(2);
      clock.advance(100);
      await waitFor('the reconnect', () => emulator.openSockets() === 1);

      detach();
      clock.advance(29_999);
      expect(registry.size()).toBe(1);
      clock.advance(1);
      expect(registry.size()).toBe(0);
      await waitFor('the upstream socket closed', () => emulator.openSockets() === 0);
      expect(clock.pending()).toBe(0);
    } finally {
      registry.closeAll();
      await emulator.close();
    }
  });
});

describe('resumer timers', () => {
  const handle: ResumeHandle = { transport: 'ws', id: 'op-1', connectionClosed: () => true };
  const subscription: Resumable = {
    snapshot: () => ({ boxes: new Map([[DEMO_BOX_IDS.welcome, 'e1']]), sequence: 1, recent: [] }),
    complete: () => {},
  };
  const begin = (resumer: ReturnType<typeof createResumer>) =>
    resumer.begin({
      caller: 'caller-1',
      identityId: DEMO_IDENTITY_IDS.bob,
      boxes: [DEMO_BOX_IDS.welcome],
      handle,
      requestId: 'r1',
    });

  it('writes positions at the flush interval, and resumes within the window but not past it', async () => {
    const clock = manualClock();
    const store = memoryPositionStore({
      maxEntries: 10,
      maxPerCaller: 10,
      maxEntryBytes: 4096,
      ttlMs: 3_600_000,
    });
    const resumer = createResumer({
      store,
      windowMs: 120_000,
      flushMs: 1000,
      metrics: createResumeMetrics(new Registry()),
      logger: memoryLogger().logger,
      clock,
    });
    const key = resumeKey('caller-1', DEMO_IDENTITY_IDS.bob, handle);
    try {
      const first = await begin(resumer);
      expect(first.outcome).toBe('not_found');
      first.attach(subscription);
      clock.advance(999);
      expect(await store.get(key)).toBeUndefined();
      clock.advance(1);
      await waitFor('the first flush', async () => (await store.get(key)) !== undefined);

      first.end(true);
      clock.advance(1000);
      await waitFor('the ended record', async () => (await store.get(key))?.ended === true);
      const writtenAt = (await store.get(key))!.at;
      expect(writtenAt).toBe(clock.now());

      // Exactly the window after the write: still resumed.
      clock.advance(120_000);
      const within = await begin(resumer);
      expect([within.outcome, within.positions?.get(DEMO_BOX_IDS.welcome)]).toEqual([
        'resumed',
        'e1',
      ]);
      // (Not attached: the record is as written.) One ms more: expired.
      clock.advance(1);
      expect((await begin(resumer)).outcome).toBe('expired');
    } finally {
      resumer.close();
    }
    expect(clock.pending()).toBe(0);
  });
});

describe('drain on signal', () => {
  type Listeners = NodeJS.SignalsListener[];
  let before: { SIGTERM: Listeners; SIGINT: Listeners };
  beforeEach(() => {
    before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
  });
  afterEach(() => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      for (const listener of process.listeners(signal)) {
        if (!before[signal].includes(listener)) process.off(signal, listener as () => void);
      }
    }
  });

  it('closes exactly drainDelayMs after the signal, and exits 1 at the deadline if closing outlasts it', async () => {
    const clock = manualClock();
    const steps: string[] = [];
    drainOnSignal({
      logger: memoryLogger().logger,
      drainDelayMs: 5000,
      timeoutMs: 2000,
      drain: () => steps.push('drain'),
      close: () => {
        steps.push('close');
        return new Promise(() => {}); // an operation that never finishes
      },
      clock,
      exit: (code) => steps.push(`exit ${code}`),
    });
    process.emit('SIGTERM');
    expect(steps).toEqual(['drain']);
    clock.advance(4999);
    await Promise.resolve();
    expect(steps).toEqual(['drain']);
    clock.advance(1);
    await waitFor('close', () => steps.includes('close'));
    clock.advance(1999);
    expect(steps).toEqual(['drain', 'close']);
    clock.advance(1);
    expect(steps).toEqual(['drain', 'close', 'exit 1']);
  });

  it('exits 0 once closed, reporting the drain in the clock’s time', async () => {
    const clock = manualClock();
    const logger = memoryLogger();
    let finish = () => {};
    const exits: number[] = [];
    drainOnSignal({
      logger: logger.logger,
      drainDelayMs: 0,
      timeoutMs: 10_000,
      close: () => new Promise<void>((resolve) => (finish = resolve)),
      clock,
      exit: (code) => exits.push(code),
    });
    process.emit('SIGTERM');
    await waitFor('closing', () => clock.pending() === 1);
    clock.advance(700);
    finish();
    await waitFor('the exit', () => exits.length > 0);
    expect(exits).toEqual([0]);
    expect(logger.lines.some((l) => JSON.parse(l).drainMs === 700)).toBe(true);
  });
});
