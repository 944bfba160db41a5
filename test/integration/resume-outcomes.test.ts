// Transparent resume's outcomes over real sockets (graphql-api.md §10.1): resumed, not_found for
// another caller's id, after the client's own `complete` or an unknown Last-Event-ID, expired
// after the window, taken_over for an id still running on another connection; Redis down falls
// back to memory, logged and counted. Outcomes are read from /metrics and the log lines.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { resumingSse } from '../helpers/resuming-clients';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { startTestGateway, type Data, type TestGateway } from '../helpers/start-test-gateway';
import { pace, waitFor as until } from '../helpers/wait-for';

jest.setTimeout(120_000);

const FOLLOW = `subscription Follow($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) { boxId resynced recovered event { id } }
}`;
const POST = `mutation Post($boxId: UUID!, $text: String!) {
  postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id }
}`;
const { welcome } = DEMO_BOX_IDS;
const callers = {
  alice: { token: DEMO_TOKENS.alice, identityId: DEMO_IDENTITY_IDS.alice },
  bob: { token: DEMO_TOKENS.bob, identityId: DEMO_IDENTITY_IDS.bob },
};

let t: TestGateway;
let redis: RedisServer;
const stops: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  redis = await startRedisServer();
  t = await startTestGateway({
    env: { RESUME_FLUSH_MS: '50', RESUME_WINDOW_S: '2', REDIS_URL: redis.url },
  });
});
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  await until('no upstream socket', () => t.emulator.openSockets() === 0);
});
afterAll(async () => {
  await t?.close();
  await redis?.close();
});

/** Live once counted: the gauge moves after a subscription took its starting point. */
async function untilActive(count: number) {
  let active: number | undefined;
  await until(`${count} active subscriptions`, async () => {
    const metrics = await (await fetch(t.gateway.url.replace('/graphql', '/metrics'))).text();
    active = Number(/gateway_subscriptions_active\{transport="ws"\} (\d+)/.exec(metrics)?.[1]);
    return active === count;
  });
}

async function post(n: number): Promise<string> {
  const response = await t.gql(
    POST,
    { boxId: welcome, text: `b3V0Y29tZQ${n}` },
    { token: DEMO_TOKENS.alice },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data.postTextMessage.id;
}

/** A graphql-ws subscription under a chosen operation id, on its own connection. */
function follow(caller: keyof typeof callers, operationId: string, retryWaitMs = 50) {
  const sockets: WebSocket[] = [];
  class Tracked extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      sockets.push(this);
    }
  }
  const client = createClient({
    url: t.gateway.url.replace(/^http/, 'ws'),
    webSocketImpl: Tracked,
    connectionParams: { authorization: `Bearer ${callers[caller].token}` },
    generateID: () => operationId,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: () => pace(retryWaitMs),
  });
  const updates: Data[] = [];
  let completed = false;
  const unsubscribe = client.subscribe<Data>(
    { query: FOLLOW, variables: { identityId: callers[caller].identityId, boxIds: [welcome] } },
    {
      next: (result) => updates.push(result.data?.boxEvents ?? result),
      error: (error) => updates.push({ error }),
      complete: () => void (completed = true),
    },
  );
  const stop = async () => {
    unsubscribe();
    await client.dispose();
  };
  stops.push(stop);
  return {
    updates,
    events: () => updates.filter((u) => u.event).map((u) => u.event.id),
    notices: () => updates.filter((u) => u.resynced),
    completed: () => completed,
    /** The network drops the connection: no close frame. */
    cut: () => sockets.at(-1)?.terminate(),
    /** Sends `complete` for the operation, then closes. */
    stop,
  };
}

const resumeLines = () =>
  t.logs.entries().filter((l: Data) => l.msg === 'subscription resume' && l.outcome !== undefined);

it("resumes after a cut; another caller's same operation id finds nothing; never a cursor or id in the log", async () => {
  const alice = follow('alice', 'same-id');
  await until('live', () => t.emulator.openSockets() === 1);
  const first = await post(1);
  await until('first event', () => alice.events().length === 1);
  // Bob subscribes under alice's operation id: a different key, a fresh start at "now".
  const bob = follow('bob', 'same-id');
  await until('bob live', () => t.emulator.openSockets() === 2);
  // Bob's notice, if any, would come before his first event: checked once his events are in.
  await untilActive(2);

  alice.cut();
  const missed = [await post(2), await post(3)];
  await until('alice resumed', () => alice.notices().length === 1);
  await until('all events', () => alice.events().length === 3 && bob.events().length === 2);
  expect(alice.events()).toEqual([first, ...missed]);
  expect(alice.notices()[0].recovered).toBe(true);
  // Bob got the two posted after he subscribed, live, and nothing of alice's resume.
  expect(bob.events()).toEqual(missed);
  expect(bob.notices()).toEqual([]);

  const lines = resumeLines();
  expect(lines.some((l: Data) => l.outcome === 'resumed' && l.replayed === 2)).toBe(true);
  const text = t.logs.lines.join('\n');
  expect(text).not.toContain('same-id');
  expect(text).not.toContain(DEMO_TOKENS.alice);
});

it("the client's own complete drops the positions: the same id later starts at now", async () => {
  const first = follow('alice', 'completed-id');
  await until('live', () => t.emulator.openSockets() === 1);
  await first.stop();
  await post(4);
  await untilActive(0);
  const again = follow('alice', 'completed-id');
  await untilActive(1);
  const live = await post(5);
  await until('live event', () => again.events().length === 1);
  expect(again.events()).toEqual([live]);
  expect(again.notices()).toEqual([]);
});

it('an id still running on another connection is taken over: the older one ends, the newer resumes', async () => {
  const older = follow('alice', 'twice');
  await until('live', () => t.emulator.openSockets() === 1);
  const first = await post(6);
  await until('older got it', () => older.events().length === 1);
  const newer = follow('alice', 'twice');
  await until('newer resumed', () => newer.notices().length === 1);
  await until('older ended', () => older.completed());
  const live = await post(7);
  await until('newer live', () => newer.events().length === 1);
  expect(newer.events()).toEqual([live]);
  expect(older.events()).toEqual([first]);
  expect(resumeLines().at(-1)).toMatchObject({ outcome: 'taken_over', replayed: 0 });
});

it('after RESUME_WINDOW_S the positions have expired: the id starts at now, with no notice', async () => {
  // Comes back 3 s after the cut, beyond the 2 s window.
  const sub = follow('alice', 'late', 3000);
  await until('live', () => t.emulator.openSockets() === 1);
  sub.cut();
  await post(8);
  await until('expired', () => resumeLines().some((l: Data) => l.outcome === 'expired'), 20_000);
  await until('live again', () => t.emulator.openSockets() === 1);
  const live = await post(9);
  await until('live event', () => sub.events().length === 1);
  expect(sub.events()).toEqual([live]);
  expect(sub.notices()).toEqual([]);
});

it('SSE: Last-Event-ID resumes its own stream; another caller naming that id gets nothing of it', async () => {
  const body = {
    query: FOLLOW,
    variables: { identityId: callers.alice.identityId, boxIds: [welcome] },
  };
  const alice = resumingSse(t.gateway.url, DEMO_TOKENS.alice, body);
  stops.push(() => alice.stop());
  await until('live', () => t.emulator.openSockets() === 1);
  const first = await post(10);
  await until('first', () => alice.updates.length === 1);
  expect(alice.lastEventId).toMatch(/^[\w-]{22}\.1$/);

  // Bob replays alice's stream id with alice's body: his key differs, so it is a new stream.
  const response = await fetch(`${t.gateway.url}/stream`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: `Bearer ${DEMO_TOKENS.bob}`,
      'last-event-id': alice.lastEventId!,
    },
    body: JSON.stringify({
      ...body,
      variables: { ...body.variables, identityId: callers.bob.identityId },
    }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  await until('bob live', () => t.emulator.openSockets() === 2);
  const live = await post(11);
  await until('alice got it', () => alice.updates.length === 2);
  let text = '';
  while (!text.includes(live)) text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
  // Only the live event: nothing replayed, no notice.
  expect(text).not.toContain(first);
  expect(text).not.toContain('"resynced":true');
  expect(alice.updates.map((u) => u.event?.id)).toEqual([first, live]);
});

it('SSE: a Last-Event-ID older than what was sent resumes from there: what the client missed is sent again', async () => {
  const body = {
    query: FOLLOW,
    variables: { identityId: callers.alice.identityId, boxIds: [welcome] },
  };
  const first = resumingSse(t.gateway.url, DEMO_TOKENS.alice, body);
  await until('live', () => t.emulator.openSockets() === 1);
  const sent = [await post(30), await post(31), await post(32)];
  await until('three', () => first.updates.length === 3);
  const stream = first.lastEventId!.split('.')[0];
  await first.stop();
  // The client says it got only the first of the three (the rest was lost on the wire).
  const response = await fetch(`${t.gateway.url}/stream`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: `Bearer ${DEMO_TOKENS.alice}`,
      'last-event-id': `${stream}.1`,
    },
    body: JSON.stringify(body),
  });
  const reader = response.body!.getReader();
  let text = '';
  while (!text.includes('"resynced":true')) {
    text += new TextDecoder().decode((await reader.read()).value);
  }
  await reader.cancel();
  const got = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]).data.boxEvents);
  expect(got.map((u) => (u.resynced ? `notice:${u.recovered}` : u.event.id))).toEqual([
    sent[1],
    sent[2],
    'notice:true',
  ]);
  // The same stream goes on under its own name.
  expect(text).toMatch(new RegExp(`^id: ${stream}\\.1$`, 'm'));
});

it('Redis down: positions fall back to process memory, logged and counted, and resume still works here', async () => {
  await redis.stop();
  try {
    const alice = follow('alice', 'no-redis');
    await until('live', () => t.emulator.openSockets() === 1);
    const first = await post(12);
    await until('first', () => alice.events().length === 1);
    alice.cut();
    const missed = await post(13);
    await until('resumed', () => alice.notices().length === 1);
    await until('missed', () => alice.events().length === 2);
    expect(alice.events()).toEqual([first, missed]);
    const metrics = await (await fetch(t.gateway.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/gateway_resume_store_fallbacks_total [1-9]/);
    expect(
      t.logs
        .entries()
        .some((l) => String(l.msg).startsWith('redis unavailable for subscription positions')),
    ).toBe(true);
  } finally {
    await redis.start();
  }
});

it('a stored position and a newer `after` for the same box: the newer wins, nothing is replayed twice', async () => {
  const WITH_CURSOR = `subscription Follow($identityId: UUID!, $boxIds: [UUID!]!, $after: [String!]) {
    boxEvents(identityId: $identityId, boxIds: $boxIds, after: $after) { resynced recovered cursor event { id } }
  }`;
  /** `retryWaitMs` null: it comes back only when the test ends. */
  const open = (operationId: string, after: string[] | null, retryWaitMs: number | null) => {
    let release = () => {};
    const sockets: WebSocket[] = [];
    class Tracked extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        sockets.push(this);
      }
    }
    const client = createClient({
      url: t.gateway.url.replace(/^http/, 'ws'),
      webSocketImpl: Tracked,
      connectionParams: { authorization: `Bearer ${DEMO_TOKENS.alice}` },
      generateID: () => operationId,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: () =>
        retryWaitMs === null
          ? new Promise<void>((resolve) => (release = resolve))
          : pace(retryWaitMs),
    });
    const updates: Data[] = [];
    client.subscribe<Data>(
      {
        query: WITH_CURSOR,
        variables: { identityId: callers.alice.identityId, boxIds: [welcome], after },
      },
      { next: (r) => updates.push(r.data?.boxEvents ?? r), error: () => {}, complete: () => {} },
    );
    stops.push(async () => {
      const disposed = client.dispose();
      release();
      await disposed;
    });
    return { updates, cut: () => sockets.at(-1)?.terminate() };
  };
  // Its stored position stays at p1: it comes back only long after the test.
  const stale = open('mixed', null, null);
  await until('live', () => t.emulator.openSockets() === 1);
  await post(20);
  await until('p1', () => stale.updates.length === 1);
  stale.cut();
  await untilActive(0);
  // Another subscription sees two more and hands over its cursor, newer than the stored one.
  const other = open('other', null, 50);
  await untilActive(1);
  await post(21);
  await post(22);
  await until('p2, p3', () => other.updates.length === 2);
  const newer = open('mixed', [other.updates[1].cursor], 50);
  await until('notice', () => newer.updates.some((u) => u.resynced));
  const live = await post(23);
  await until('live', () => newer.updates.some((u) => u.event?.id === live));
  expect(newer.updates.map((u) => (u.resynced ? `notice:${u.recovered}` : u.event.id))).toEqual([
    'notice:true',
    live,
  ]);
  expect(newer.updates[0].cursor).toBe(other.updates[1].cursor);
});

it('counts the outcomes in /metrics', async () => {
  const metrics = await (await fetch(t.gateway.url.replace('/graphql', '/metrics'))).text();
  for (const outcome of ['resumed', 'not_found', 'taken_over', 'expired']) {
    expect(metrics).toMatch(
      new RegExp(
        `gateway_subscription_resumes_total\\{outcome="${outcome}",transport="ws"\\} [1-9]`,
      ),
    );
  }
  expect(metrics).toMatch(/gateway_subscription_resume_replayed_events_total [1-9]/);
  expect(metrics).toMatch(/gateway_resume_position_writes_total [1-9]/);
});
