// A real Apollo Client 4 survives a gateway restart with no code beyond its link options
// (graphql-api.md §10.1): GraphQLWsLink's graphql-ws client retries forever and re-sends the
// subscription under its operation id; the restarted gateway process finds the positions its
// predecessor wrote to Redis at SIGTERM, replays what was posted while it was down, sends the
// notice, and goes on live. The InMemoryCache ends with every posted message once.
import { ApolloClient, InMemoryCache, gql, type FetchResult } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  DEMO_BOX_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  startEmulator,
  type Emulator,
} from '../../emulator';
import { loadConfig } from '../../src/config';
import { createGateway, type Gateway } from '../../src/gateway';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { freePort } from '../helpers/free-port';
import { memoryLogger } from '../helpers/memory-logger';
import { buildMain, startProcess, until, type Build, type Running } from '../helpers/real-process';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { pace } from '../helpers/wait-for';

jest.setTimeout(180_000);

const { welcome } = DEMO_BOX_IDS;
const FOLLOW = gql`
  subscription Follow($identityId: UUID!, $boxIds: [UUID!]!) {
    boxEvents(identityId: $identityId, boxIds: $boxIds) {
      boxId
      resynced
      recovered
      cursor
      event {
        id
        ... on TextMessageEvent {
          encrypted
        }
      }
    }
  }
`;
const POST = `mutation Post($boxId: UUID!, $text: String!) {
  postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id }
}`;

let build: Build;
let emulator: Emulator;
let redis: RedisServer;
let poster: Gateway;
let running: Running | undefined;

beforeAll(async () => {
  build = buildMain();
  emulator = await startEmulator();
  redis = await startRedisServer();
  // Posts go through a gateway of their own, so that they go on while the subscribers' restarts.
  const config = loadConfig({ UPSTREAM_URL: emulator.url, PORT: '0', HOST: '127.0.0.1' });
  poster = await createGateway(
    { ...config, upstreamUrl: emulator.url },
    { logger: memoryLogger().logger },
  );
}, 120_000);
afterAll(async () => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  await poster?.close();
  await emulator?.close();
  await redis?.close();
});

function startGateway(port: number): Running {
  return startProcess(build.main, {
    UPSTREAM_URL: emulator.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    REDIS_URL: redis.url,
    RESUME_FLUSH_MS: '100',
  });
}

async function post(n: number): Promise<string> {
  const response = await fetch(poster.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.alice}` },
    body: JSON.stringify({ query: POST, variables: { boxId: welcome, text: `cmVzdGFydA${n}` } }),
  });
  const body = (await response.json()) as { data: { postTextMessage: { id: string } } };
  return body.data.postTextMessage.id;
}

it('keeps its subscription across a gateway restart: every message once, then the notice', async () => {
  const port = await freePort();
  running = startGateway(port);
  await until('gateway listening', () => running!.logs.some((l) => l.msg === 'gateway listening'));

  const wsClient = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${DEMO_TOKENS.bob}` },
    // The link options that make it never give up (a refused reconnect included).
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: () => pace(200),
  });
  const schema = buildGatewaySchema();
  const boxEvent = schema.getType('BoxEvent');
  const possibleTypes = {
    BoxEvent: schema.getPossibleTypes(boxEvent as never).map((type) => type.name),
  };
  const client = new ApolloClient({
    link: new GraphQLWsLink(wsClient),
    cache: new InMemoryCache({ possibleTypes }),
  });
  const received: FetchResult[] = [];
  const subscription = client
    .subscribe({
      query: FOLLOW,
      variables: { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [welcome] },
    })
    .subscribe({
      next: (result) => received.push(result as FetchResult),
      error: (e) => received.push({ errors: [e] }),
    });
  try {
    await until('the subscription is live', () => emulator.openSockets() === 1);
    const posted: string[] = [];
    for (let n = 0; n < 3; n++) posted.push(await post(n));
    const updates = () => received.map((r) => r.data?.boxEvents).filter(Boolean);
    await until('3 live messages', () => updates().length >= 3);

    const stopping = running;
    stopping.child.kill('SIGTERM');
    const exit = await stopping.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    // Posted while no gateway serves the client.
    for (let n = 3; n < 6; n++) posted.push(await post(n));

    running = startGateway(port);
    await until('the notice after the restart', () => updates().some((u) => u.resynced), 60_000);
    for (let n = 6; n < 9; n++) posted.push(await post(n));
    await until('every message', () => updates().filter((u) => u.event).length >= posted.length);
    // One more, last: the stream is ordered, so once it is in, no repeat of an earlier message
    // can still be on its way (what a pause would have guessed at).
    posted.push(await post(9));
    const last = posted.at(-1);
    await until('the last message', () => updates().some((u) => u.event?.id === last));

    expect(received.filter((r) => r.errors)).toEqual([]);
    expect(updates().map((u) => (u.event ? u.event.id : `notice:${u.recovered}`))).toEqual([
      ...posted.slice(0, 6),
      'notice:true',
      ...posted.slice(6),
    ]);
    // The normalised cache holds each message once, under its own id.
    const cached = Object.keys(client.cache.extract() as object).filter((key) =>
      key.startsWith('TextMessageEvent:'),
    );
    expect(cached.sort()).toEqual(posted.map((id) => `TextMessageEvent:${id}`).sort());
    expect(
      running.logs.some(
        (l) => l.msg === 'subscription resume' && l.outcome === 'resumed' && l.replayed === 3,
      ),
    ).toBe(true);
  } finally {
    subscription.unsubscribe();
    await wsClient.dispose();
  }
});
