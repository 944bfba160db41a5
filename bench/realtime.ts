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
//   before it answers the POST (docs/upstream.md#decisions), so the figure includes the emulator's
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
// bench/cpu-profile-top.ts. BENCH_BEFORE_DIST=<another tree's dist> measures that tree's gateway
// too, last, as an A/B baseline (its figures, and this gateway ÷ it).
import os from 'node:os';
import { join } from 'node:path';
import { REALTIME_CALLERS } from '../emulator';
import { spawnGateway, spawnRealtimeFloor, type Child } from './processes';
import {
  BURST_MESSAGES,
  LATENCY_MESSAGES,
  LATENCY_RATE_PER_S,
  measureSide,
  SUBSCRIBERS,
  WARM_UP_MESSAGES,
} from './realtime-side';

const GC_PRELOAD = ['--expose-gc', '--require', join(__dirname, 'gc-on-signal.js')];

type Side = 'floor' | 'gateway' | 'before';
/** Another tree whose gateway build (its dist/src/main.js) is measured too, as the A/B baseline. */
const BEFORE_DIST = process.env.BENCH_BEFORE_DIST;

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
    script: side === 'before' ? join(BEFORE_DIST ?? '', 'src', 'main.js') : undefined,
  });
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

type Figures = Awaited<ReturnType<typeof measureSide>>['result'];

function ratios(g: Figures, f: Figures) {
  return {
    pacedP50: ratio(g.paced.p50ms, f.paced.p50ms),
    pacedP99: ratio(g.paced.p99ms, f.paced.p99ms),
    burstDeliveriesPerS: ratio(g.burst.deliveriesPerS, f.burst.deliveriesPerS),
    pacedCpuPerDelivery: ratio(g.paced.cpuUsPerDelivery, f.paced.cpuUsPerDelivery),
    burstCpuPerDelivery: ratio(g.burst.cpuUsPerDelivery, f.burst.cpuUsPerDelivery),
    rssPerIdleSubscriber: ratio(g.rssPerIdleSubscriberKB, f.rssPerIdleSubscriberKB),
    heapPerIdleSubscriber: ratio(g.heapPerIdleSubscriberKB, f.heapPerIdleSubscriberKB),
  };
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0];
  const floor = await measureSide((url) => spawnSide('floor', url));
  const gateway = await measureSide((url) => spawnSide('gateway', url));
  const before = BEFORE_DIST ? await measureSide((url) => spawnSide('before', url)) : undefined;
  const framesCompared = checkSameFrames(floor.frames, gateway.frames);
  if (before) checkSameFrames(floor.frames, before.frames);
  const report = {
    date: new Date().toISOString(),
    loadAverage1m: { before: +loadBefore.toFixed(2), after: +os.loadavg()[0].toFixed(2) },
    subscribers: SUBSCRIBERS,
    upstreamSockets: REALTIME_CALLERS,
    pacedMessages: LATENCY_MESSAGES,
    pacedRatePerS: LATENCY_RATE_PER_S,
    burstMessages: BURST_MESSAGES,
    framesCompared,
    floor: floor.result,
    gateway: gateway.result,
    gatewayOverFloor: ratios(gateway.result, floor.result),
    ...(before
      ? {
          before: before.result,
          beforeOverFloor: ratios(before.result, floor.result),
          gatewayOverBefore: ratios(gateway.result, before.result),
        }
      : {}),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `realtime bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
