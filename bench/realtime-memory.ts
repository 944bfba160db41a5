// npm run bench:realtime-memory — what an idle WebSocket subscriber costs the gateway, in parts.
// The realtime bench (realtime.ts) gives the headline figure: (RSS with 1,000 idle − RSS before)
// ÷ 1,000, each after a full GC. This one takes the same readings (same gateway flags, same
// subscription, callers token-rt0…99 with 10 connections each) at several counts and splits them:
// - per subscriber from 0 (the headline's method) and the slope between the last two counts
//   (what one more subscriber costs, without the fixed costs of the first ones: code compiled,
//   modules loaded, upstream sockets opened);
// - RSS into V8 pages (anonymous mappings up to 256 KB), the C heap (brk: malloc) and the rest,
//   from /proc/<pid>/smaps;
// - settled: 0 and the last count each read again after BENCH_SETTLE_MS (default 30,000) of
//   idleness, when V8 has given back the young generation grown by start-up or by the connection
//   burst; their difference ÷ the count is what stays per subscriber.
// BENCH_MEMORY_STEPS (default 500,1000, multiples of 10); BENCH_GATEWAY_FLAGS as in realtime.ts;
// BENCH_HEAP_SNAPSHOTS=<dir> writes a heap snapshot at 0 and at each count (summarise a pair with
// bench/heap-diff.ts).
import { readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REALTIME_CALLERS } from '../emulator';
import { memoryAfterGc, scrapeMetrics, spawnEmulator, spawnGateway, type Child } from './processes';
import { CONNECTIONS_PER_CALLER, RealtimeClients } from './realtime-client';

const STEPS = (process.env.BENCH_MEMORY_STEPS ?? '500,1000').split(',').map(Number);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 30_000);
const SNAPSHOTS = process.env.BENCH_HEAP_SNAPSHOTS;

/** Resident kB by kind of mapping. */
function residentByMapping(pid: number): { v8Pages: number; cHeap: number; other: number } {
  const sums = { v8Pages: 0, cHeap: 0, other: 0 };
  let kind: keyof typeof sums = 'other';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+(?:\s+(\S.*)?)?$/.exec(line);
    if (header) {
      const kB = (parseInt(header[2], 16) - parseInt(header[1], 16)) / 1024;
      kind =
        header[3] === '[heap]'
          ? 'cHeap'
          : header[3] === undefined && kB <= 256
            ? 'v8Pages'
            : 'other';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) sums[kind] += Number(rss[1]);
  }
  return sums;
}

async function reading(gateway: Child, subscribers: number | string) {
  const memory = await memoryAfterGc(gateway);
  const mappings = residentByMapping(gateway.pid);
  if (SNAPSHOTS) await heapSnapshot(gateway, SNAPSHOTS, `subscribers-${subscribers}`);
  return { subscribers, ...memory, ...mappings };
}

/** SIGUSR1 (--heapsnapshot-signal) and wait until the file stops growing, then name it. */
async function heapSnapshot(gateway: Child, dir: string, name: string): Promise<void> {
  const before = new Set(readdirSync(dir));
  process.kill(gateway.pid, 'SIGUSR1');
  for (;;) {
    await sleep(1000);
    const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (!file) continue;
    let size = -1;
    while (statSync(join(dir, file)).size !== size) {
      size = statSync(join(dir, file)).size;
      await sleep(2000);
    }
    renameSync(join(dir, file), join(dir, `${name}.heapsnapshot`));
    return;
  }
}

type Reading = Awaited<ReturnType<typeof reading>>;

const kB = (bytes: number) => +(bytes / 1024).toFixed(2);

/** Per subscriber between two readings: RSS, heap in use, committed heap, and RSS by mapping. */
function perSubscriber(from: Reading, to: Reading, count: number) {
  return {
    rssKB: kB((to.rss - from.rss) / count),
    heapUsedKB: kB((to.heap - from.heap) / count),
    heapCommittedKB: kB((to.heapCommitted - from.heapCommitted) / count),
    v8PagesKB: +((to.v8Pages - from.v8Pages) / count).toFixed(2),
    cHeapKB: +((to.cHeap - from.cHeap) / count).toFixed(2),
    otherKB: +((to.other - from.other) / count).toFixed(2),
  };
}

async function main(): Promise<void> {
  const emulator = await spawnEmulator(0, 'realtime');
  const snapshotFlags = SNAPSHOTS
    ? ['--heapsnapshot-signal=SIGUSR1', `--diagnostic-dir=${SNAPSHOTS}`]
    : [];
  const gateway = await spawnGateway(emulator.url, {}, undefined, {
    nodeFlags: [
      '--expose-gc',
      '--require',
      join(__dirname, 'gc-on-signal.js'),
      ...snapshotFlags,
      ...(process.env.BENCH_GATEWAY_FLAGS ?? '').split(/\s+/).filter(Boolean),
    ],
  });
  // The realtime bench's own client: the same subscription on the same callers.
  const clients = new RealtimeClients(gateway.url, emulator.url);
  let connections = 0;
  try {
    await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await sleep(2000);
    const readings = [await reading(gateway, 0)];
    await sleep(SETTLE_MS);
    const settledBefore = await reading(gateway, '0-settled');
    for (const target of STEPS) {
      while (connections < target) {
        const caller = (connections / CONNECTIONS_PER_CALLER) % REALTIME_CALLERS;
        await Promise.all(
          Array.from({ length: CONNECTIONS_PER_CALLER }, () => clients.subscribe(caller)),
        );
        connections += CONNECTIONS_PER_CALLER;
      }
      const deadline = Date.now() + 120_000;
      while ((await scrapeMetrics(gateway.url)).get('gateway_subscriptions_active') !== target) {
        if (Date.now() > deadline) throw new Error(`timed out: ${target} active subscriptions`);
        await sleep(100);
      }
      await sleep(5000); // as realtime.ts before its idle reading
      readings.push(await reading(gateway, target));
    }
    await sleep(SETTLE_MS);
    const settled = await reading(gateway, `${STEPS.at(-1)}-settled`);
    const [first, last] = [readings[0], readings[readings.length - 1]];
    const previous = readings[readings.length - 2];
    const result = {
      readings: [readings[0], settledBefore, ...readings.slice(1), settled].map((r) => ({
        subscribers: r.subscribers,
        rssMB: +(r.rss / 1e6).toFixed(1),
        heapUsedMB: +(r.heap / 1e6).toFixed(1),
        heapCommittedMB: +(r.heapCommitted / 1e6).toFixed(1),
        residentMB: {
          v8Pages: +(r.v8Pages / 1e3).toFixed(1),
          cHeap: +(r.cHeap / 1e3).toFixed(1),
          other: +(r.other / 1e3).toFixed(1),
        },
      })),
      perSubscriberFromZero: perSubscriber(first, last, Number(last.subscribers)),
      perSubscriberSlope: perSubscriber(
        previous,
        last,
        Number(last.subscribers) - Number(previous.subscribers),
      ),
      perSubscriberSettled: perSubscriber(settledBefore, settled, Number(last.subscribers)),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    clients.close();
    await gateway.stop();
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `realtime memory bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
