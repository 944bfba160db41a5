// Subscription.myBoxes resumes as graphql-api.md §10.1 and §12.2 say (docs/realtime-resume.md):
// the box list has no replayable position upstream, so a client that comes back by itself
// (graphql-ws re-sending its operation id, SSE with Last-Event-ID) gets exactly one RESYNC
// before anything else, then live updates: never a silent gap. Through a TCP proxy that cuts
// every client connection; changes are made while the clients are cut; the second reconnect
// lands on another gateway sharing the Redis position store, as a replica change would.
import Redis from 'ioredis';
import { DEMO_ACR2_TOKENS, DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { loadConfig } from '../../src/config';
import { createGateway, type Gateway } from '../../src/gateway';
import { memoryLogger } from '../helpers/memory-logger';
import { waitFor as until } from '../helpers/wait-for';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { resumingSse, resumingWs, type Resuming } from '../helpers/resuming-clients';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { startTestGateway, type Data, type TestGateway } from '../helpers/start-test-gateway';

jest.setTimeout(120_000);

const MY_BOXES = `subscription Mine($identityId: UUID!) {
  myBoxes(identityId: $identityId) { boxId change resynced box { lastEvent { id } } }
}`;
const POST = `mutation Post($boxId: UUID!, $text: String!) {
  postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id }
}`;
const { welcome, archive } = DEMO_BOX_IDS;
const ENV = { RESUME_FLUSH_MS: '50' };

let redis: RedisServer;
let a: TestGateway;
let b: Gateway;
let proxy: TcpProxy;
const subscribers: Resuming[] = [];

const portOf = (url: string) => ({ host: '127.0.0.1', port: Number(new URL(url).port) });

beforeAll(async () => {
  redis = await startRedisServer();
  a = await startTestGateway({ env: { ...ENV, REDIS_URL: redis.url } });
  // Another replica: the same upstream and position store.
  const config = loadConfig({
    ...ENV,
    UPSTREAM_URL: a.emulator.url,
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
  });
  b = await createGateway(
    { ...config, upstreamUrl: a.emulator.url },
    { logger: memoryLogger().logger },
  );
  proxy = await startTcpProxy(portOf(a.gateway.url));
});
afterAll(async () => {
  try {
    await Promise.all(subscribers.map((s) => s.stop()));
    await proxy?.close();
    await b?.close();
    await a?.close();
  } finally {
    // Whatever failed above, no redis-server outlives the test.
    await redis?.close();
  }
});

async function post(boxId: string, text: string): Promise<string> {
  const response = await a.gql(POST, { boxId, text }, { token: DEMO_TOKENS.alice });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.postTextMessage.id;
}

const resyncs = (s: Resuming) => s.updates.filter((u: Data) => u.resynced).length;
const indexOfEvent = (s: Resuming, id: string) =>
  s.updates.findIndex((u: Data) => u.change === 'NEW_EVENT' && u.box?.lastEvent?.id === id);
const got = (id: string) => () => subscribers.every((s) => indexOfEvent(s, id) >= 0);

/** Cuts every client, makes a change while they are away, waits for them to come back. */
async function cutWithChangeInGap(connections: number): Promise<void> {
  expect(proxy.cutAll()).toBeGreaterThanOrEqual(subscribers.length);
  await post(archive, 'Z2Fw');
  await until('the clients back', () => subscribers.every((s) => s.connections === connections));
}

/** After the cut: exactly one more RESYNC, before the first change made once they were back. */
async function expectOneResyncThenLive(resyncsBefore: number, seenBefore: number[]) {
  const id = await post(welcome, 'YmFjaw');
  await until('a change made after the reconnect', got(id));
  subscribers.forEach((s, i) => {
    expect(s.problems).toEqual([]);
    expect(resyncs(s)).toBe(resyncsBefore + 1);
    const resync = s.updates.findIndex((u: Data, at) => at >= seenBefore[i] && u.resynced);
    expect(resync).toBeGreaterThanOrEqual(seenBefore[i]);
    expect(resync).toBeLessThan(indexOfEvent(s, id));
    expect(s.updates[resync]).toEqual({
      boxId: '00000000-0000-0000-0000-000000000000',
      change: 'RESYNC',
      resynced: true,
      box: null,
    });
  });
}

it('a fresh subscription gets no RESYNC; after a client cut, one RESYNC and then live updates', async () => {
  const proxied = `${proxy.origin}/graphql`;
  const payload = { query: MY_BOXES, variables: { identityId: DEMO_IDENTITY_IDS.bob } };
  subscribers.push(resumingWs(proxied, DEMO_ACR2_TOKENS.bob, payload, 'myBoxes'));
  subscribers.push(resumingSse(proxied, DEMO_ACR2_TOKENS.bob, payload, 'myBoxes'));
  await until('subscribers connected', () => subscribers.every((s) => s.connections === 1));
  await until('the upstream socket', () => a.emulator.openSockets() === 1);
  const first = await post(welcome, 'bGl2ZQ');
  await until('a live change', got(first));
  expect(subscribers.map(resyncs)).toEqual([0, 0]);

  const seen = subscribers.map((s) => s.updates.length);
  await cutWithChangeInGap(2);
  await expectOneResyncThenLive(0, seen);
  const metrics = await (await fetch(a.gateway.url.replace('/graphql', '/metrics'))).text();
  expect(metrics).toMatch(
    /gateway_subscription_resumes_total\{outcome="resumed",transport="ws"\} 1/,
  );
  expect(metrics).toMatch(
    /gateway_subscription_resumes_total\{outcome="resumed",transport="sse"\} 1/,
  );
});

it('a reconnect that lands on another replica finds the stream in Redis: one RESYNC there too', async () => {
  // Both streams' records are in the shared store (myBoxes records hold no box position).
  const client = new Redis(redis.url);
  const stored = async () => {
    // The gateway's keys carry its prefix: `<prefix>:resume:<key>` (redis-position-store.ts).
    const keys = await client.keys('*:resume:*');
    const records = await Promise.all(
      keys.map(async (key) => JSON.parse((await client.get(key))!)),
    );
    return records.filter((record) => Object.keys(record.boxes).length === 0).length;
  };
  try {
    await until('both records in Redis', async () => (await stored()) === 2);
  } finally {
    client.disconnect();
  }
  const seen = subscribers.map((s) => s.updates.length);
  proxy.retarget(portOf(b.url));
  await cutWithChangeInGap(3);
  await expectOneResyncThenLive(1, seen);
  // Served by the other replica, which found each stream in the store.
  const metrics = await (await fetch(b.url.replace('/graphql', '/metrics'))).text();
  for (const transport of ['ws', 'sse']) {
    expect(metrics).toMatch(
      new RegExp(`gateway_subscriptions_active\\{transport="${transport}"\\} 1`),
    );
    expect(metrics).not.toMatch(
      new RegExp(
        `gateway_subscription_resumes_total\\{outcome="not_found",transport="${transport}"\\} [1-9]`,
      ),
    );
  }
});
