// npm run bench:resume — a reconnect storm: 1,000 graphql-ws subscribers (100 callers × 10
// connections, the realtime seed's box) on one gateway process that is restarted (SIGTERM, then
// started again on the same port) while messages are posted. Every subscriber's client retries
// as examples/chat's does (forever, 0.5 s doubling, jittered). Run twice, with a fresh emulator
// each: transparent resume on (REDIS_URL on a private redis-server, so the restarted process
// finds the positions; the default window) and off (RESUME_WINDOW_S=0). For each:
// - time from the new process listening until each subscriber's connection is acknowledged
//   again, and until it is back: its notice arrived
//   (resume on: the messages posted while it was down replayed before it), or its connection
//   was acknowledged again (off: nothing more will come for the gap), p50/p99/max;
// - messages posted during the restart that subscribers never received, and duplicates;
// - upstream calls the new process made until the last subscriber was back (its /metrics), and
//   its CPU seconds over the same time.
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { identity, REALTIME_BOX, REALTIME_CALLERS, realtimeCallerName } from '../emulator';
import { startRedisServer } from '../test/helpers/redis-server';
import { spawn } from 'node:child_process';
import {
  cpuSeconds,
  freePort,
  GATEWAY_NODE_FLAGS,
  GATEWAY_SCRIPT,
  scrapeMetrics,
  spawnEmulator,
  type Child,
} from './processes';
import { CONNECTIONS_PER_CALLER, RealtimeClients } from './realtime-client';

const SUBSCRIBERS = REALTIME_CALLERS * CONNECTIONS_PER_CALLER;
const BEFORE = 5;
const DURING = 5;
const QUERY = `subscription($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) { resynced recovered event { id ... on TextMessageEvent { encrypted } } }
}`;

interface Subscriber {
  client: Client;
  received: number[];
  notices: number;
  /** The notice after the restart (resume on), or the reconnect (off). */
  backAt?: number;
  /** The connection after the restart acknowledged. */
  reconnectedAt?: number;
  connections: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function until(what: string, check: () => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The gateway as `npm start` runs it, on a port of our choosing (it restarts on the same one). */
async function spawnGateway(upstreamUrl: string, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, [...GATEWAY_NODE_FLAGS, GATEWAY_SCRIPT], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      UPSTREAM_URL: upstreamUrl,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${env.PORT}`;
  let healthy = false;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited ${child.exitCode}`);
    healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await sleep(50);
  }
  return {
    url,
    pid: child.pid as number,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function activeSubscriptions(gateway: Child): Promise<number> {
  return (await scrapeMetrics(gateway.url)).get('gateway_subscriptions_active') ?? 0;
}

async function storm(resume: boolean) {
  const emulator = await spawnEmulator(0, 'realtime');
  const redis = resume ? await startRedisServer() : undefined;
  const port = await freePort();
  const env = {
    PORT: String(port),
    DRAIN_DELAY_MS: '0',
    MAX_UPSTREAM_SOCKETS: '2000',
    ...(redis ? { REDIS_URL: redis.url } : { RESUME_WINDOW_S: '0' }),
  };
  const say = (what: string) => process.stderr.write(`[resume ${resume ? 'on' : 'off'}] ${what}\n`);
  let gateway = await spawnGateway(emulator.url, env);
  say('gateway up');
  const publisher = new RealtimeClients(gateway.url, emulator.url);
  const subscribers: Subscriber[] = [];
  let restarted = false;
  for (let caller = 0; caller < REALTIME_CALLERS; caller++) {
    const who = identity(realtimeCallerName(caller));
    for (let c = 0; c < CONNECTIONS_PER_CALLER; c++) {
      const subscriber: Subscriber = { received: [], notices: 0, connections: 0 } as never;
      subscriber.client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${who.token}` },
        retryAttempts: Infinity,
        shouldRetry: () => true,
        retryWait: (retries) => {
          const ceiling = Math.min(10_000, 500 * 2 ** retries);
          return sleep(ceiling / 2 + (Math.random() * ceiling) / 2);
        },
        on: {
          connected: () => {
            subscriber.connections++;
            if (restarted && subscriber.reconnectedAt === undefined) {
              subscriber.reconnectedAt = Date.now();
              if (!resume) subscriber.backAt = subscriber.reconnectedAt;
            }
          },
        },
      });
      subscriber.client.subscribe<{
        boxEvents: { resynced: boolean; event?: { encrypted: string } };
      }>(
        { query: QUERY, variables: { identityId: who.id, boxIds: [REALTIME_BOX.id] } },
        {
          next: ({ data }) => {
            const update = data?.boxEvents;
            if (update?.resynced) {
              subscriber.notices++;
              if (restarted && subscriber.backAt === undefined) subscriber.backAt = Date.now();
            } else if (update?.event) {
              subscriber.received.push(
                Number(Buffer.from(update.event.encrypted, 'base64url').toString()),
              );
            }
          },
          error: () => {},
          complete: () => {},
        },
      );
      subscribers.push(subscriber);
    }
  }
  await until('every subscription live', () => subscribers.every((s) => s.connections === 1));
  for (;;) {
    if ((await activeSubscriptions(gateway)) === SUBSCRIBERS) break;
    await sleep(100);
  }
  let n = 0;
  for (let i = 0; i < BEFORE; i++) await publisher.post(n++);
  await until('before-restart messages', () =>
    subscribers.every((s) => s.received.length >= BEFORE),
  );

  say('all live, messages before delivered; restarting');
  await gateway.stop();
  const during: number[] = [];
  for (let i = 0; i < DURING; i++) {
    during.push(n);
    await publisher.post(n++);
  }
  restarted = true;
  gateway = await spawnGateway(emulator.url, env);
  const listeningAt = Date.now();
  say('restarted');
  const cpuAtStart = cpuSeconds(gateway.pid);
  await until('every subscriber back', () => subscribers.every((s) => s.backAt !== undefined));
  const lastBackAt = Math.max(...subscribers.map((s) => s.backAt!));
  const cpu = cpuSeconds(gateway.pid) - cpuAtStart;
  const upstreamCalls =
    (await scrapeMetrics(gateway.url)).get('gateway_upstream_requests_total') ?? 0;
  // The live message after: proves every subscriber is live again.
  for (;;) {
    if ((await activeSubscriptions(gateway)) === SUBSCRIBERS) break;
    await sleep(100);
  }
  const live = n++;
  await publisher.post(live);
  await until('the live message', () => subscribers.every((s) => s.received.includes(live)));

  const backMs = subscribers.map((s) => s.backAt! - listeningAt);
  const reconnectMs = subscribers.map((s) => s.reconnectedAt! - listeningAt);
  const missed = subscribers.reduce(
    (sum, s) => sum + during.filter((m) => !s.received.includes(m)).length,
    0,
  );
  const duplicates = subscribers.reduce(
    (sum, s) => sum + s.received.length - new Set(s.received).size,
    0,
  );
  const result = {
    resume: resume ? 'on' : 'off',
    subscribers: SUBSCRIBERS,
    reconnectP50Ms: percentile(reconnectMs, 50),
    reconnectP99Ms: percentile(reconnectMs, 99),
    backP50Ms: percentile(backMs, 50),
    backP99Ms: percentile(backMs, 99),
    lastBackMs: lastBackAt - listeningAt,
    missed,
    duplicates,
    upstreamCalls,
    cpuSeconds: Number(cpu.toFixed(2)),
  };
  await Promise.all(subscribers.map((s) => s.client.dispose()));
  await gateway.stop();
  await emulator.stop();
  await redis?.close();
  return result;
}

async function main() {
  const results = [await storm(true), await storm(false)];
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
