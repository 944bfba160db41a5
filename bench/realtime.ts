// npm run bench:realtime — 1,000 WebSocket subscribers (100 callers × 10 connections) on one
// process, measured in one run with the same client (bench/realtime-client.ts) and a fresh
// emulator of the `realtime` seed each, three sides: the floor (bench/realtime-floor.ts, the
// cheapest bridge a person could write for this scenario); the gateway as deployed by default
// (transparent resume on, RESUME_WINDOW_S=120, positions in process memory); the gateway with
// resume positions in Redis (REDIS_URL on a private redis-server started for that side, as
// test/helpers/redis-server.ts does). BENCH_ROUNDS (default 1) repeats the three, the order
// reversed every other round (floor, gateway, redis; redis, gateway, floor); each round is
// printed with its ratios to the floor of the same round and the load average at its start and
// end, and the median ratio over the rounds. Every gateway must answer the floor's frames byte for
// byte (compared per message on the first subscriber), or the run refuses to report. For each side:
// - RSS and heap per idle subscriber: resident memory and V8 heap in use with 1,000 idle
//   subscriptions (100 upstream sockets) minus before any, divided by 1,000, each read right after
//   a full GC (both run with --expose-gc and bench/gc-on-signal.ts; SIGUSR2); 5 s after the
//   connections, and settled (both readings again after BENCH_SETTLE_MS, default 30 s, idle);
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
// too (default settings), after this one's, as an A/B baseline (its figures, and this gateway ÷
// it). BENCH_SIDES (default floor,gateway,redis) picks the sides.
import os from 'node:os';
import { join } from 'node:path';
import { REALTIME_CALLERS } from '../emulator';
import { startRedisServer } from '../test/helpers/redis-server';
import { spawnGateway, spawnRealtimeFloor, type Child } from './processes';
import {
  BURST_MESSAGES,
  LATENCY_MESSAGES,
  LATENCY_RATE_PER_S,
  measureSide,
  SETTLE_MS,
  SUBSCRIBERS,
  WARM_UP_MESSAGES,
} from './realtime-side';

const GC_PRELOAD = ['--expose-gc', '--require', join(__dirname, 'gc-on-signal.js')];

type Side = 'floor' | 'gateway' | 'redis' | 'before';
/** Another tree whose gateway build (its dist/src/main.js) is measured too, as the A/B baseline. */
const BEFORE_DIST = process.env.BENCH_BEFORE_DIST;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const SIDES = (process.env.BENCH_SIDES ?? 'floor,gateway,redis').split(',') as Side[];

async function spawnSide(side: Side, emulatorUrl: string): Promise<Child> {
  if (side === 'floor') {
    const dir = process.env.BENCH_CPU_PROF;
    const profile = dir
      ? ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', 'floor.cpuprofile']
      : [];
    return spawnRealtimeFloor(emulatorUrl, [...GC_PRELOAD, ...profile]);
  }
  const extraFlags = (process.env.BENCH_GATEWAY_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const redis = side === 'redis' ? await startRedisServer() : undefined;
  const gateway = await spawnGateway(
    emulatorUrl,
    redis ? { REDIS_URL: redis.url } : {},
    process.env.BENCH_CPU_PROF,
    {
      nodeFlags: [...GC_PRELOAD, ...extraFlags],
      script: side === 'before' ? join(BEFORE_DIST ?? '', 'src', 'main.js') : undefined,
    },
  );
  return {
    ...gateway,
    async stop() {
      await gateway.stop();
      await redis?.close();
    },
  };
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
type Ratios = ReturnType<typeof ratios>;

function ratios(g: Figures, f: Figures) {
  return {
    pacedP50: ratio(g.paced.p50ms, f.paced.p50ms),
    pacedP99: ratio(g.paced.p99ms, f.paced.p99ms),
    burstDeliveriesPerS: ratio(g.burst.deliveriesPerS, f.burst.deliveriesPerS),
    pacedCpuPerDelivery: ratio(g.paced.cpuUsPerDelivery, f.paced.cpuUsPerDelivery),
    burstCpuPerDelivery: ratio(g.burst.cpuUsPerDelivery, f.burst.cpuUsPerDelivery),
    rssPerIdleSubscriber: ratio(g.rssPerIdleSubscriberKB, f.rssPerIdleSubscriberKB),
    rssPerIdleSubscriberSettled: ratio(
      g.rssPerIdleSubscriberSettledKB,
      f.rssPerIdleSubscriberSettledKB,
    ),
    heapPerIdleSubscriber: ratio(g.heapPerIdleSubscriberKB, f.heapPerIdleSubscriberKB),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : +((sorted[middle - 1] + sorted[middle]) / 2).toFixed(2);
}

function medianRatios(all: Ratios[]): Ratios {
  const keys = Object.keys(all[0]) as Array<keyof Ratios>;
  return Object.fromEntries(keys.map((key) => [key, median(all.map((r) => r[key]))])) as Ratios;
}

const load = () => +os.loadavg()[0].toFixed(2);

async function round(order: Side[]) {
  const loadBefore = load();
  const measured = new Map<Side, Awaited<ReturnType<typeof measureSide>>>();
  for (const side of order) {
    process.stderr.write(`${new Date().toISOString()} ${side} (load ${load()})\n`);
    measured.set(side, await measureSide((url) => spawnSide(side, url)));
  }
  const floor = measured.get('floor');
  const figures: Record<string, unknown> = {
    loadAverage1m: { before: loadBefore, after: load() },
  };
  const overFloor: Partial<Record<Side, Ratios>> = {};
  for (const [side, { result, frames }] of measured) {
    figures[side] = result;
    if (!floor || side === 'floor') continue;
    figures[`${side}FramesCompared`] = checkSameFrames(floor.frames, frames);
    overFloor[side] = ratios(result, floor.result);
    figures[`${side}OverFloor`] = overFloor[side];
  }
  const gateway = measured.get('gateway');
  const before = measured.get('before');
  if (gateway && before) figures.gatewayOverBefore = ratios(gateway.result, before.result);
  return { figures, overFloor };
}

async function main(): Promise<void> {
  const sides = BEFORE_DIST && !SIDES.includes('before') ? [...SIDES, 'before' as const] : SIDES;
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await round(i % 2 === 0 ? sides : [...sides].reverse()));
  }
  const medianOverFloor: Record<string, Ratios> = {};
  for (const side of sides) {
    const all = rounds.map((r) => r.overFloor[side]).filter((r) => r !== undefined);
    if (all.length > 0) medianOverFloor[side] = medianRatios(all);
  }
  const report = {
    date: new Date().toISOString(),
    subscribers: SUBSCRIBERS,
    upstreamSockets: REALTIME_CALLERS,
    pacedMessages: LATENCY_MESSAGES,
    pacedRatePerS: LATENCY_RATE_PER_S,
    burstMessages: BURST_MESSAGES,
    settleMs: SETTLE_MS,
    rounds: rounds.map((r) => r.figures),
    medianOverFloor,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `realtime bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
