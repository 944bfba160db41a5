// Rolling restarts behind a real load balancer (graphql-api.md §10.1, issue 16): haproxy,
// health-checking /readyz, in front of two gateway processes that share a real redis-server.
// WebSocket and SSE subscribers and a steady stream of queries and mutations go through haproxy
// while each replica in turn gets SIGTERM and is started again: every subscriber receives every
// event exactly once, no query or mutation fails, both processes exit 0. Then the crash variant:
// SIGKILL instead, nothing lost, duplicates (same id) allowed and counted.
import {
  DEMO_BOX_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  startEmulator,
  type Emulator,
} from '../../emulator';
import { freePort } from '../helpers/free-port';
import { startHaproxy, type Haproxy } from '../helpers/haproxy';
import { buildMain, startProcess, until, type Build, type Running } from '../helpers/real-process';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { pace } from '../helpers/wait-for';
import {
  resumingSse,
  resumingWs,
  untilMarkersArrive,
  type Resuming,
} from '../helpers/resuming-clients';
import type { Data } from '../helpers/start-test-gateway';

jest.setTimeout(300_000);

const FOLLOW = `subscription Follow($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) { boxId resynced recovered event { id } }
}`;
const POST = `mutation Post($boxId: UUID!, $text: String!) {
  postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id }
}`;
const COUNT = `query Count($boxId: UUID!) { box(id: $boxId) { eventsCount } }`;
const BOXES = [DEMO_BOX_IDS.welcome, DEMO_BOX_IDS.archive];
const callers = [
  { token: DEMO_TOKENS.alice, identityId: DEMO_IDENTITY_IDS.alice },
  { token: DEMO_TOKENS.bob, identityId: DEMO_IDENTITY_IDS.bob },
];

let build: Build;
let emulator: Emulator;
let redis: RedisServer;
let haproxy: Haproxy;
const ports: number[] = [];
const replicas: (Running | undefined)[] = [];
let subscribers: Resuming[] = [];

beforeAll(async () => {
  build = buildMain();
  emulator = await startEmulator();
  redis = await startRedisServer();
  ports.push(await freePort(), await freePort());
  for (const i of [0, 1]) replicas[i] = await startReplica(i);
  haproxy = await startHaproxy(ports);
}, 120_000);
afterEach(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  subscribers = [];
});
afterAll(async () => {
  for (const replica of replicas)
    if (replica?.child.exitCode === null) replica.child.kill('SIGKILL');
  await haproxy?.close();
  await emulator?.close();
  await redis?.close();
});

async function startReplica(i: number): Promise<Running> {
  const running = startProcess(build.main, {
    UPSTREAM_URL: emulator.url,
    PORT: String(ports[i]),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    REDIS_URL: redis.url,
    RESUME_FLUSH_MS: '100',
    DRAIN_DELAY_MS: '1500',
    SHUTDOWN_TIMEOUT_MS: '10000',
  });
  await until(`replica ${i} listening`, () =>
    running.logs.some((l) => l.msg === 'gateway listening'),
  );
  return running;
}

/** haproxy marks a server up after 2 good checks 200 ms apart: wait until its stats say so. */
function untilInRotation(i: number) {
  return until(`haproxy put replica ${i} back`, () => haproxy.isUp(i), 30_000);
}

async function gql(origin: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.alice}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${response.status} ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as { data?: Data; errors?: unknown };
  if (body.errors) throw new Error(`${response.status} ${JSON.stringify(body)}`);
  return body.data!;
}

/** Queries and mutations through haproxy until stopped: what was posted, what failed. */
function steadyTraffic(origin: string) {
  const posted = new Map<string, string[]>(BOXES.map((box) => [box, []]));
  const failures: unknown[] = [];
  let stopped = false;
  let n = 0;
  const loop = (async () => {
    while (!stopped) {
      const boxId = BOXES[n % 2];
      try {
        const data = await gql(origin, POST, { boxId, text: `cm9sbGluZw${n++}` });
        posted.get(boxId)!.push(data.postTextMessage.id);
        await gql(origin, COUNT, { boxId });
      } catch (error) {
        failures.push(String(error));
      }
      await pace(20);
    }
  })();
  const total = () => BOXES.reduce((sum, box) => sum + posted.get(box)!.length, 0);
  return {
    posted,
    failures,
    /** Lets the traffic run for `more` further successful posts (instead of for some time). */
    async runFor(more: number) {
      const target = total() + more;
      await until(`${more} more posts`, () => total() >= target, 60_000);
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Ids of the marker posts, left out of what subscribers are checked to have received. */
const markerIds = new Set<string>();

/** Posts markers through `origin` until every subscriber has one (see untilMarkersArrive). */
const markers = (origin: string) =>
  untilMarkersArrive(
    subscribers,
    BOXES,
    async (boxId) =>
      (await gql(origin, POST, { boxId, text: 'bWFya2Vy' })).postTextMessage.id as string,
    markerIds,
  );

function subscribeAll(origin: string) {
  for (const caller of callers) {
    const payload = { query: FOLLOW, variables: { identityId: caller.identityId, boxIds: BOXES } };
    subscribers.push(resumingWs(`${origin}/graphql`, caller.token, payload));
    subscribers.push(resumingSse(`${origin}/graphql`, caller.token, payload));
  }
}

const events = (s: Resuming, boxId: string) =>
  s.updates
    .filter((u) => u.boxId === boxId && u.event && !markerIds.has(u.event.id as string))
    .map((u) => u.event.id as string);

async function untilAllReceived(posted: Map<string, string[]>) {
  await until(
    'every subscriber has every posted event',
    () =>
      subscribers.every((s) =>
        BOXES.every((box) => posted.get(box)!.every((id) => events(s, box).includes(id))),
      ),
    60_000,
  );
}

it('SIGTERM each replica in turn behind haproxy: every event exactly once, no operation fails, both exit 0', async () => {
  subscribeAll(haproxy.origin);
  await until('subscribers connected', () => subscribers.every((s) => s.connections === 1));
  await until('upstream sockets', () => emulator.openSockets() >= 2);
  await markers(haproxy.origin);
  const traffic = steadyTraffic(haproxy.origin);
  const exits = [];
  for (const i of [0, 1]) {
    await traffic.runFor(10);
    const stopping = replicas[i]!;
    stopping.child.kill('SIGTERM');
    const exit = await stopping.exited;
    exits.push({ code: exit.code, signal: exit.signal });
    replicas[i] = await startReplica(i);
    await untilInRotation(i);
  }
  await traffic.runFor(10);
  await traffic.stop();
  expect(exits).toEqual([
    { code: 0, signal: null },
    { code: 0, signal: null },
  ]);
  expect(traffic.failures).toEqual([]);
  await untilAllReceived(traffic.posted);
  await markers(haproxy.origin);
  for (const s of subscribers) {
    expect(s.problems).toEqual([]);
    // Each was moved at least once (its replica restarted under it), and resumed.
    expect(s.connections).toBeGreaterThanOrEqual(2);
    expect(s.updates.filter((u) => u.resynced).every((u) => u.recovered === true)).toBe(true);
    for (const box of BOXES) expect(events(s, box)).toEqual(traffic.posted.get(box));
  }
  expect(traffic.posted.get(BOXES[0])!.length).toBeGreaterThan(10);
});

it('SIGKILL a replica: nothing is lost; duplicates (same id) are allowed and counted', async () => {
  subscribeAll(haproxy.origin);
  await until('subscribers connected', () => subscribers.every((s) => s.connections === 1));
  await markers(haproxy.origin);
  const traffic = steadyTraffic(haproxy.origin);
  await traffic.runFor(10);
  const killed = replicas[0]!;
  killed.child.kill('SIGKILL');
  await killed.exited;
  // Traffic goes on with replica 0 dead: haproxy sees it down, and the other replica serves.
  await until('haproxy took replica 0 out', async () => !(await haproxy.isUp(0)));
  await traffic.runFor(10);
  replicas[0] = await startReplica(0);
  await untilInRotation(0);
  await traffic.runFor(10);
  await traffic.stop();
  await untilAllReceived(traffic.posted);
  await markers(haproxy.origin);
  let duplicates = 0;
  for (const s of subscribers) {
    expect(s.problems).toEqual([]);
    for (const box of BOXES) {
      const got = events(s, box);
      // Every posted event, in order, once its repeats are dropped.
      expect([...new Set(got)]).toEqual(traffic.posted.get(box));
      duplicates += got.length - new Set(got).size;
    }
  }
  // Operations in flight on the killed replica may fail: the crash is not a drain.
  process.stdout.write(
    `SIGKILL: ${duplicates} duplicate deliveries, ${traffic.failures.length} failed operations\n`,
  );
});
