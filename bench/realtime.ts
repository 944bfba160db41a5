// npm run bench:realtime — 1,000 WebSocket subscribers (100 callers × 10 connections) on one
// process, measured twice in one run with the same client (bench/realtime-client.ts) and a fresh
// emulator of the `realtime` seed each: the floor (bench/realtime-floor.ts, the cheapest bridge a
// person could write for this scenario), then the gateway; printed side by side with the ratio
// gateway ÷ floor. The floor must answer the gateway's frames byte for byte (compared per message
// on the first subscriber), or the run refuses to report. For each side:
// - RSS and heap per idle subscriber: resident memory and V8 heap in use with 1,000 idle
//   subscriptions (100 upstream sockets) minus before any, divided by 1,000, each read right after
//   a full GC (both run with --expose-gc and bench/gc-on-signal.ts; SIGUSR2);
// - latency from the upstream's publish to each client's receipt, p50/p99, paced well below the
//   fan-out capacity (BENCH_LATENCY_RATE messages/s, default 4, i.e. 4,000 deliveries/s), so it
//   measures a delivery, not a queue. Each message carries its send time; the emulator publishes
//   before it answers the POST (upstream-api.md §9.8 #13), so the figure includes the emulator's
//   own POST handling;
// - the fan-out capacity: messages posted back to back; deliveries per second until the last one
//   (its latencies are queueing by construction and reported as such);
// - CPU per delivery in both phases: the process's user + system CPU (/proc) over the phase
//   divided by its deliveries, the figure least moved by the other processes on the machine.
// The publisher posts straight to the emulator, so the server's CPU goes to fan-out alone.
// BENCH_GATEWAY_FLAGS adds node flags after npm start's to the gateway (e.g.
// --max-semi-space-size=1 to see how much of the idle RSS is the young generation npm start lets
// grow). BENCH_CPU_PROF=<dir> runs the gateway under --cpu-prof and the floor too (as
// floor.cpuprofile); written when they exit, the burst dominates them: summarise with
// bench/cpu-profile-top.ts.
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REALTIME_CALLERS } from '../emulator';
import {
  cpuSeconds,
  memoryAfterGc,
  scrapeMetrics,
  spawnEmulator,
  spawnGateway,
  spawnRealtimeFloor,
  type Child,
} from './processes';
import { RealtimeClients } from './realtime-client';

const CONNECTIONS_PER_CALLER = 10;
const LATENCY_MESSAGES = Number(process.env.BENCH_LATENCY_MESSAGES ?? 80);
const LATENCY_RATE_PER_S = Number(process.env.BENCH_LATENCY_RATE ?? 4);
const WARM_UP_MESSAGES = 20;
// Below SUBSCRIBER_BUFFER (256): a burst longer than that queues more per subscriber than the
// gateway keeps, and it then ends lagging subscriptions with SLOW_CONSUMER, as documented.
const BURST_MESSAGES = Number(process.env.BENCH_BURST_MESSAGES ?? 200);
const SUBSCRIBERS = REALTIME_CALLERS * CONNECTIONS_PER_CALLER;
const GC_PRELOAD = ['--expose-gc', '--require', join(__dirname, 'gc-on-signal.js')];

type Side = 'floor' | 'gateway';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

const perSubscriberKB = (after: number, before: number) =>
  +((after - before) / SUBSCRIBERS / 1024).toFixed(2);

function spawnSide(side: Side, emulatorUrl: string): Promise<Child> {
  if (side === 'floor') {
    const dir = process.env.BENCH_CPU_PROF;
    const profile = dir
      ? ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', 'floor.cpuprofile']
      : [];
    return spawnRealtimeFloor(emulatorUrl, [...GC_PRELOAD, ...profile]);
  }
  const extraFlags = (process.env.BENCH_GATEWAY_FLAGS ?? '').split(/\s+/).filter(Boolean);
  return spawnGateway(emulatorUrl, {}, process.env.BENCH_CPU_PROF, {
    nodeFlags: [...GC_PRELOAD, ...extraFlags],
  });
}

async function measure(side: Side) {
  const emulator = await spawnEmulator(0, 'realtime');
  const server = await spawnSide(side, emulator.url);
  const clients = new RealtimeClients(server.url, emulator.url);
  try {
    // The gateway's first operation loads what it loads lazily; the floor answers it with a 404.
    await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await sleep(2000);
    const before = await memoryAfterGc(server);
    for (let caller = 0; caller < REALTIME_CALLERS; caller++) {
      await Promise.all(
        Array.from({ length: CONNECTIONS_PER_CALLER }, () => clients.subscribe(caller)),
      );
    }
    await waitFor('1,000 subscriptions on 100 upstream sockets', async () => {
      const m = await scrapeMetrics(server.url);
      return (
        m.get('gateway_subscriptions_active') === SUBSCRIBERS &&
        m.get('gateway_upstream_sockets') === REALTIME_CALLERS
      );
    });
    await sleep(5000);
    const idle = await memoryAfterGc(server);

    // Latency well below the fan-out capacity (after the warm-up messages).
    let n = 0;
    for (; n < WARM_UP_MESSAGES; n++) await clients.post(n);
    await waitFor('warm-up deliveries', () => clients.deliveries >= n * SUBSCRIBERS);
    clients.reset();
    const pacedCpu = cpuSeconds(server.pid);
    for (let i = 0; i < LATENCY_MESSAGES; i++, n++) {
      const started = performance.now();
      await clients.post(n);
      await sleep(Math.max(0, 1000 / LATENCY_RATE_PER_S - (performance.now() - started)));
    }
    const asked = LATENCY_MESSAGES * SUBSCRIBERS;
    await waitFor('latency deliveries', () => clients.deliveries >= asked, 60_000).catch(() => {});
    const pacedDelivered = clients.deliveries;
    const pacedCpuUs = ((cpuSeconds(server.pid) - pacedCpu) * 1e6) / pacedDelivered;
    const paced = [...clients.latencies];

    // Fan-out: back-to-back posts, 4 at a time.
    clients.reset();
    const burstCpu = cpuSeconds(server.pid);
    const burstStart = performance.now();
    const first = n;
    let next = first;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < first + BURST_MESSAGES) await clients.post(next++);
      }),
    );
    const postedIn = performance.now() - burstStart;
    const burstAsked = BURST_MESSAGES * SUBSCRIBERS;
    await waitFor('burst deliveries', () => clients.deliveries >= burstAsked).catch(() => {});
    const burstSeconds = (clients.lastDeliveryAt - burstStart) / 1000;
    const burstCpuUs = ((cpuSeconds(server.pid) - burstCpu) * 1e6) / clients.deliveries;

    return {
      frames: clients.framesOfFirst,
      result: {
        afterGc: {
          rssBeforeMB: +(before.rss / 1e6).toFixed(1),
          rssIdleMB: +(idle.rss / 1e6).toFixed(1),
          heapBeforeMB: +(before.heap / 1e6).toFixed(1),
          heapIdleMB: +(idle.heap / 1e6).toFixed(1),
          heapCommittedBeforeMB: +(before.heapCommitted / 1e6).toFixed(1),
          heapCommittedIdleMB: +(idle.heapCommitted / 1e6).toFixed(1),
        },
        rssPerIdleSubscriberKB: perSubscriberKB(idle.rss, before.rss),
        heapPerIdleSubscriberKB: perSubscriberKB(idle.heap, before.heap),
        paced: {
          delivered: `${pacedDelivered}/${asked}`,
          p50ms: +percentile(paced, 50).toFixed(2),
          p99ms: +percentile(paced, 99).toFixed(2),
          cpuUsPerDelivery: +pacedCpuUs.toFixed(1),
        },
        burst: {
          postedInS: +(postedIn / 1000).toFixed(2),
          delivered: `${clients.deliveries}/${burstAsked}`,
          deliveriesPerS: Math.round(clients.deliveries / burstSeconds),
          p50ms: +percentile(clients.latencies, 50).toFixed(1),
          p99ms: +percentile(clients.latencies, 99).toFixed(1),
          cpuUsPerDelivery: +burstCpuUs.toFixed(1),
        },
        subscriptionsEndedWithError: Object.fromEntries(clients.ended),
      },
    };
  } finally {
    clients.close();
    await server.stop();
    await emulator.stop();
  }
}

/**
 * Every message posted one at a time (warm-up and paced: the same event ids on both fresh
 * emulators; the burst's four concurrent posters commit in no set order) that both first
 * subscribers got must read the same, byte for byte.
 */
function checkSameFrames(floor: Map<number, string>, gateway: Map<number, string>): number {
  let compared = 0;
  for (const [n, frame] of gateway) {
    const other = floor.get(n);
    if (other === undefined || n >= WARM_UP_MESSAGES + LATENCY_MESSAGES) continue;
    if (other !== frame) {
      throw new Error(`message ${n}: the floor sent ${other}, the gateway ${frame}`);
    }
    compared++;
  }
  if (compared === 0) throw new Error('no message reached both first subscribers');
  return compared;
}

const ratio = (gateway: number, floor: number) => +(gateway / floor).toFixed(2);

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0];
  const floor = await measure('floor');
  const gateway = await measure('gateway');
  const framesCompared = checkSameFrames(floor.frames, gateway.frames);
  const f = floor.result;
  const g = gateway.result;
  const report = {
    date: new Date().toISOString(),
    loadAverage1m: { before: +loadBefore.toFixed(2), after: +os.loadavg()[0].toFixed(2) },
    subscribers: SUBSCRIBERS,
    upstreamSockets: REALTIME_CALLERS,
    pacedMessages: LATENCY_MESSAGES,
    pacedRatePerS: LATENCY_RATE_PER_S,
    burstMessages: BURST_MESSAGES,
    framesCompared,
    floor: f,
    gateway: g,
    gatewayOverFloor: {
      pacedP50: ratio(g.paced.p50ms, f.paced.p50ms),
      pacedP99: ratio(g.paced.p99ms, f.paced.p99ms),
      burstDeliveriesPerS: ratio(g.burst.deliveriesPerS, f.burst.deliveriesPerS),
      pacedCpuPerDelivery: ratio(g.paced.cpuUsPerDelivery, f.paced.cpuUsPerDelivery),
      burstCpuPerDelivery: ratio(g.burst.cpuUsPerDelivery, f.burst.cpuUsPerDelivery),
      rssPerIdleSubscriber: ratio(g.rssPerIdleSubscriberKB, f.rssPerIdleSubscriberKB),
      heapPerIdleSubscriber: ratio(g.heapPerIdleSubscriberKB, f.heapPerIdleSubscriberKB),
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `realtime bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
