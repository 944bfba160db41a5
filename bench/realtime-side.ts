// One side of the realtime bench (bench/realtime.ts): a fresh emulator of the `realtime` seed,
// the server under test (spawned by the caller), 1,000 subscribers of bench/realtime-client.ts,
// then the idle memory (5 s after the connections, and settled), the paced latency and the
// burst, as described there.
import { setTimeout as sleep } from 'node:timers/promises';
import { REALTIME_CALLERS } from '../emulator';
import { cpuSeconds, memoryAfterGc, scrapeMetrics, spawnEmulator, type Child } from './processes';
import { CONNECTIONS_PER_CALLER, RealtimeClients } from './realtime-client';

export const LATENCY_MESSAGES = Number(process.env.BENCH_LATENCY_MESSAGES ?? 80);
export const LATENCY_RATE_PER_S = Number(process.env.BENCH_LATENCY_RATE ?? 4);
export const WARM_UP_MESSAGES = 20;
// Below SUBSCRIBER_BUFFER (256): a burst longer than that queues more per subscriber than the
// gateway keeps, and it then ends lagging subscriptions with SLOW_CONSUMER, as documented.
export const BURST_MESSAGES = Number(process.env.BENCH_BURST_MESSAGES ?? 200);
export const SUBSCRIBERS = REALTIME_CALLERS * CONNECTIONS_PER_CALLER;
/**
 * Idle time before the settled readings (as bench/realtime-memory.ts): V8 gives back the young
 * generation grown by start-up or by the connection burst only after some seconds without
 * allocation, so the 5-second reading swings by 60 KB per subscriber and this one does not.
 */
export const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 30_000);

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
/** The figures of one side; `spawn` starts its server in front of the emulator at that URL. */
export async function measureSide(spawn: (emulatorUrl: string) => Promise<Child>) {
  const emulator = await spawnEmulator(0, 'realtime');
  const server = await spawn(emulator.url);
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
    await sleep(SETTLE_MS);
    const settledBefore = await memoryAfterGc(server);
    for (let caller = 0; caller < REALTIME_CALLERS; caller++) {
      await Promise.all(
        Array.from({ length: CONNECTIONS_PER_CALLER }, () => clients.subscribe(caller)),
      );
    }
    let seen = '';
    await waitFor('1,000 subscriptions on 100 upstream sockets', async () => {
      const m = await scrapeMetrics(server.url);
      const [active, sockets] = [
        m.get('gateway_subscriptions_active'),
        m.get('gateway_upstream_sockets'),
      ];
      seen = `${active} subscriptions, ${sockets} upstream sockets`;
      return active === SUBSCRIBERS && sockets === REALTIME_CALLERS;
    }).catch((error: Error) => {
      throw new Error(`${error.message} (last seen: ${seen})`);
    });
    await sleep(5000);
    const idle = await memoryAfterGc(server);
    await sleep(SETTLE_MS);
    const settled = await memoryAfterGc(server);

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
          rssSettledBeforeMB: +(settledBefore.rss / 1e6).toFixed(1),
          rssSettledIdleMB: +(settled.rss / 1e6).toFixed(1),
        },
        rssPerIdleSubscriberSettledKB: perSubscriberKB(settled.rss, settledBefore.rss),
        heapPerIdleSubscriberSettledKB: perSubscriberKB(settled.heap, settledBefore.heap),
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
