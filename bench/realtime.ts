// npm run bench:realtime — 1,000 WebSocket subscribers (100 callers × 10 connections) on one
// gateway process, the emulator in another, the clients and the publisher in this one:
// - RSS and heap per idle subscriber: the gateway's resident memory and V8 heap in use with
//   1,000 idle subscriptions (100 upstream sockets) minus before any, divided by 1,000, each read
//   right after a full GC (the gateway runs with --expose-gc and bench/gc-on-signal.ts; SIGUSR2);
// - latency from the upstream's publish to each client's receipt, p50/p99, paced well below the
//   fan-out capacity (BENCH_LATENCY_RATE messages/s, default 4, i.e. 4,000 deliveries/s), so it
//   measures a delivery, not a queue. Each message carries its send time; the emulator publishes
//   before it answers the POST (upstream-api.md §9.8 #13), so the figure includes the emulator's
//   own POST handling;
// - the fan-out capacity: messages posted back to back; deliveries per second until the last one
//   (its latencies are queueing by construction and reported as such).
// The publisher posts straight to the emulator, so the gateway's CPU goes to fan-out alone.
// BENCH_GATEWAY_FLAGS adds node flags after npm start's (e.g. --max-semi-space-size=1 to see how
// much of the idle RSS is the young generation npm start lets grow). BENCH_CPU_PROF=<dir> runs the gateway under --cpu-prof (written when it exits; the burst
// dominates it: summarise with bench/cpu-profile-top.ts).
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import {
  DEMO_TOKENS,
  identity,
  REALTIME_BOX,
  REALTIME_CALLERS,
  realtimeCallerName,
} from '../emulator';
import { memoryAfterGc, scrapeMetrics, spawnEmulator, spawnGateway, type Child } from './processes';

const CONNECTIONS_PER_CALLER = 10;
const LATENCY_MESSAGES = Number(process.env.BENCH_LATENCY_MESSAGES ?? 80);
const LATENCY_RATE_PER_S = Number(process.env.BENCH_LATENCY_RATE ?? 4);
// Below SUBSCRIBER_BUFFER (256): a burst longer than that queues more per subscriber than the
// gateway keeps, and it then ends lagging subscriptions with SLOW_CONSUMER, as documented.
const BURST_MESSAGES = Number(process.env.BENCH_BURST_MESSAGES ?? 200);
const SUBSCRIBERS = REALTIME_CALLERS * CONNECTIONS_PER_CALLER;

const QUERY = `subscription($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) { event { id ... on TextMessageEvent { encrypted } } }
}`;

/** Send times by message number; receipts are matched through the message's text. */
const sentAt = new Map<number, number>();
const latencies: number[] = [];
let deliveries = 0;
let lastDeliveryAt = 0;
/** Subscriptions the gateway ended with an error (SLOW_CONSUMER past its buffer, …), by code. */
const ended = new Map<string, number>();

function subscribe(gateway: Child, caller: number): Promise<WebSocket> {
  const who = identity(realtimeCallerName(caller));
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(
      `${gateway.url.replace(/^http/, 'ws')}/graphql`,
      'graphql-transport-ws',
    );
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'connection_init',
          payload: { authorization: `Bearer ${who.token}` },
        }),
      ),
    );
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') {
        const variables = { identityId: who.id, boxIds: [REALTIME_BOX.id] };
        ws.send(
          JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY, variables } }),
        );
        resolve(ws);
      } else if (message.type === 'next' && message.payload?.errors) {
        const code = String(message.payload.errors[0]?.extensions?.code);
        ended.set(code, (ended.get(code) ?? 0) + 1);
      } else if (message.type === 'next') {
        const encrypted = message.payload?.data?.boxEvents?.event?.encrypted as string | undefined;
        const n = encrypted ? Number(Buffer.from(encrypted, 'base64url').toString()) : NaN;
        const at = sentAt.get(n);
        if (at === undefined) return;
        const now = performance.now();
        latencies.push(now - at);
        deliveries++;
        lastDeliveryAt = now;
      } else if (message.type === 'error') {
        reject(new Error(JSON.stringify(message.payload)));
      }
    });
    ws.on('error', reject);
  });
}

async function post(emulatorUrl: string, n: number): Promise<void> {
  sentAt.set(n, performance.now());
  const response = await fetch(`${emulatorUrl}/boxes/${REALTIME_BOX.id}/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `accesstoken=${DEMO_TOKENS.alice}; tokentype=bearer; _csrf=bench`,
      'x-csrf-token': 'bench',
    },
    body: JSON.stringify({
      type: 'msg.text',
      content: { encrypted: Buffer.from(String(n)).toString('base64url'), public_key: 'pk' },
    }),
  });
  if (response.status !== 201) throw new Error(`post answered ${response.status}`);
  await response.arrayBuffer();
}

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

async function main(): Promise<void> {
  const emulator = await spawnEmulator(0, 'realtime');
  const gcPreload = ['--expose-gc', '--require', join(__dirname, 'gc-on-signal.js')];
  const extraFlags = (process.env.BENCH_GATEWAY_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const gateway = await spawnGateway(emulator.url, {}, process.env.BENCH_CPU_PROF, {
    nodeFlags: [...gcPreload, ...extraFlags],
  });
  const sockets: WebSocket[] = [];
  try {
    await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await sleep(2000);
    const before = await memoryAfterGc(gateway);

    for (let caller = 0; caller < REALTIME_CALLERS; caller++) {
      const batch = Array.from({ length: CONNECTIONS_PER_CALLER }, () =>
        subscribe(gateway, caller),
      );
      sockets.push(...(await Promise.all(batch)));
    }
    await waitFor('1,000 subscriptions on 100 upstream sockets', async () => {
      const m = await scrapeMetrics(gateway.url);
      return (
        m.get('gateway_subscriptions_active') === SUBSCRIBERS &&
        m.get('gateway_upstream_sockets') === REALTIME_CALLERS
      );
    });
    await sleep(5000);
    const idle = await memoryAfterGc(gateway);

    // Latency well below the fan-out capacity (after 20 warm-up messages).
    let n = 0;
    for (; n < 20; n++) await post(emulator.url, n);
    await waitFor('warm-up deliveries', () => deliveries >= 20 * SUBSCRIBERS);
    latencies.length = 0;
    deliveries = 0;
    for (let i = 0; i < LATENCY_MESSAGES; i++, n++) {
      const started = performance.now();
      await post(emulator.url, n);
      await sleep(Math.max(0, 1000 / LATENCY_RATE_PER_S - (performance.now() - started)));
    }
    await waitFor(
      'latency deliveries',
      () => deliveries >= LATENCY_MESSAGES * SUBSCRIBERS,
      60_000,
    ).catch(() => {});
    const latencyDelivered = deliveries;
    const paced = [...latencies];

    // Fan-out: back-to-back posts, 4 at a time.
    latencies.length = 0;
    deliveries = 0;
    const burstStart = performance.now();
    const first = n;
    let next = first;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < first + BURST_MESSAGES) await post(emulator.url, next++);
      }),
    );
    const postedIn = performance.now() - burstStart;
    await waitFor(
      'burst deliveries',
      () => deliveries >= BURST_MESSAGES * SUBSCRIBERS,
      120_000,
    ).catch(() => {});
    const burstSeconds = (lastDeliveryAt - burstStart) / 1000;

    const result = {
      subscribers: SUBSCRIBERS,
      upstreamSockets: REALTIME_CALLERS,
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
        messages: LATENCY_MESSAGES,
        ratePerS: LATENCY_RATE_PER_S,
        deliveriesAskedPerS: LATENCY_RATE_PER_S * SUBSCRIBERS,
        delivered: `${latencyDelivered}/${LATENCY_MESSAGES * SUBSCRIBERS}`,
        p50ms: +percentile(paced, 50).toFixed(2),
        p99ms: +percentile(paced, 99).toFixed(2),
      },
      burst: {
        messages: BURST_MESSAGES,
        postedInS: +(postedIn / 1000).toFixed(2),
        delivered: `${deliveries}/${BURST_MESSAGES * SUBSCRIBERS}`,
        deliveriesPerS: Math.round(deliveries / burstSeconds),
        p50ms: +percentile(latencies, 50).toFixed(1),
        p99ms: +percentile(latencies, 99).toFixed(1),
      },
      subscriptionsEndedWithError: Object.fromEntries(ended),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const ws of sockets) ws.terminate();
    await gateway.stop();
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `realtime bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
