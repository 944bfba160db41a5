// What is refused before any upstream socket exists, and how upstream sockets are shared and
// closed. Upstream sockets are counted from the emulator: upgrade requests in its log, sockets
// open now.
import WebSocket from 'ws';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { sseSubscribe, updates, wsClient, type WsClient } from '../helpers/realtime-clients';
import { firstError } from '../helpers/gateway-checks';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(90_000);

let t: TestGateway;
const clients: WsClient[] = [];

beforeAll(async () => {
  t = await startTestGateway({
    env: { MAX_SUBSCRIPTIONS_PER_CONNECTION: '2', ALLOWED_ORIGINS: 'https://app.example.com' },
  });
});
beforeEach(() => t.resetCalls());
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await waitFor('no open upstream socket', () => t.emulator.openSockets() === 0, 10_000);
});
afterAll(async () => {
  await t.close();
});

const upgrades = () => t.emulator.requests.filter((r) => r.upgrade);
const welcome = DEMO_BOX_IDS.welcome;

function client(options: Parameters<typeof wsClient>[1]) {
  const c = wsClient(t.gateway.url, options);
  clients.push(c);
  return c;
}

describe('refused with no upstream socket', () => {
  it('no credentials: UNAUTHENTICATED, no upstream call at all', async () => {
    const error = await firstError(
      client({}).subscribe({ identityId: DEMO_IDENTITY_IDS.bob, boxIds: [welcome] }),
    );
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('a box the caller is not a member of: FORBIDDEN from the REST check, no upgrade', async () => {
    const error = await firstError(
      client({ token: DEMO_TOKENS.eve }).subscribe({
        identityId: DEMO_IDENTITY_IDS.eve,
        boxIds: [welcome],
      }),
    );
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(upgrades()).toEqual([]);
  });

  it('another identity id: FORBIDDEN from the refused upgrade, no socket opened', async () => {
    const error = await firstError(
      client({ token: DEMO_TOKENS.bob }).subscribe({
        identityId: DEMO_IDENTITY_IDS.alice,
        boxIds: [welcome],
      }),
    );
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.extensions.upstream).toMatchObject({ status: 403 });
    expect(upgrades()).toHaveLength(1);
    expect(t.emulator.openSockets()).toBe(0);
  });

  it.each([
    ['empty', []],
    ['51 ids', Array.from({ length: 51 }, () => welcome)],
  ])('boxIds %s: BAD_USER_INPUT naming boxIds, no upstream call', async (_name, boxIds) => {
    const error = await firstError(
      client({ token: DEMO_TOKENS.bob }).subscribe({ identityId: DEMO_IDENTITY_IDS.bob, boxIds }),
    );
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { boxIds: 'must hold 1 to 50 ids' },
    });
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('more than MAX_SUBSCRIPTIONS_PER_CONNECTION on one socket: QUERY_TOO_COMPLEX, no upstream call for it', async () => {
    const bob = client({ token: DEMO_TOKENS.bob });
    const vars = { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [welcome] };
    const first = bob.subscribe(vars);
    const second = bob.subscribe(vars);
    // Both running: each made its REST check and, once the socket was open, its catch-up read.
    const catchUps = () => t.upstreamCalls().filter((c) => c.query.limit === '100').length;
    await waitFor(
      'one socket and both catch-up reads',
      () => t.emulator.openSockets() === 1 && catchUps() === 2,
    );
    const callsBefore = t.upstreamCalls().length;
    const error = await firstError(bob.subscribe(vars));
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 2 });
    expect(t.upstreamCalls()).toHaveLength(callsBefore);
    expect(first.done || second.done).toBe(false);
  });

  it('an operation over the depth limit: QUERY_TOO_COMPLEX before anything runs', async () => {
    const deep = `subscription { boxEvents(identityId: "${DEMO_IDENTITY_IDS.bob}", boxIds: ["${welcome}"]) { event { box { events { box { events { box { events { box { events { box { events { id } } } } } } } } } } } } }`;
    const error = await firstError(client({ token: DEMO_TOKENS.bob }).subscribe({}, deep));
    expect(error.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(t.upstreamCalls()).toEqual([]);
  });

  const cookies = { cookie: `accesstoken=${DEMO_TOKENS.bob}; tokentype=bearer` };

  it('a cookie-authenticated upgrade from a foreign Origin is refused before the upgrade', async () => {
    const status = await upgradeStatus({ ...cookies, origin: 'https://evil.example.com' });
    expect(status).toBe(403);
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('a cookie-authenticated SSE stream from a foreign Origin is refused with FORBIDDEN', async () => {
    const received = sseSubscribe(
      t.gateway.url,
      { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [welcome] },
      { headers: { ...cookies, origin: 'https://evil.example.com' } },
    );
    expect(await received.status).toBe(403);
    await received.untilDone();
    expect(received.results[0].body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('the same cookies from ALLOWED_ORIGINS, the own origin, or with no Origin are served', async () => {
    const own = new URL(t.gateway.url).origin;
    for (const origin of ['https://app.example.com', own, undefined]) {
      const headers = origin ? { ...cookies, origin } : cookies;
      expect(await upgradeStatus(headers)).toBe(101);
    }
    const received = client({ headers: { ...cookies, origin: own } }).subscribe({
      identityId: DEMO_IDENTITY_IDS.bob,
      boxIds: [welcome],
    });
    await waitFor('one open upstream socket', () => t.emulator.openSockets() === 1);
    expect(received.done).toBe(false);
  });
});

describe('sharing', () => {
  it('6 subscriptions of one caller on 3 connections use one upstream socket, closed within 5 s of the last', async () => {
    const vars = { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [welcome, DEMO_BOX_IDS.archive] };
    const connections = [0, 1, 2].map(() => client({ token: DEMO_TOKENS.bob }));
    const all = connections.flatMap((c) => [c.subscribe(vars), c.subscribe(vars)]);
    await waitFor('one open upstream socket', () => t.emulator.openSockets() === 1);
    const post = await t.gql(
      `mutation { postTextMessage(boxId: "${welcome}", encrypted: "c2hhcmVk", publicKey: "pk") { id } }`,
      {},
      { token: DEMO_TOKENS.alice },
    );
    const id = post.body.data.postTextMessage.id;
    await Promise.all(
      all.map((r) => r.until((res) => updates(res).some((u) => u.event?.id === id))),
    );
    expect(upgrades()).toHaveLength(1);
    expect(upgrades()[0].cookies).toEqual({ accesstoken: DEMO_TOKENS.bob, tokentype: 'bearer' });

    for (const r of all) r.stop();
    const stopped = Date.now();
    await waitFor('no open upstream socket', () => t.emulator.openSockets() === 0, 10_000);
    expect(Date.now() - stopped).toBeLessThan(5_000);
    expect(upgrades()).toHaveLength(1);
  });
});

describe('logs', () => {
  it('one line per subscription start and end, with no token, cookie or identity id anywhere', async () => {
    const entries = t.logs.entries();
    const started = entries.filter((e) => e.msg === 'subscription started');
    const ended = entries.filter((e) => e.msg === 'subscription ended');
    expect(started.length).toBeGreaterThan(5);
    expect(ended).toHaveLength(started.length);
    // Each subscription's lines carry its request's id, the same on its start and its end.
    for (const start of started) {
      expect(start.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const end = ended.filter((e) => e.subscriptionId === start.subscriptionId);
      expect(end).toHaveLength(1);
      expect(end[0].requestId).toBe(start.requestId);
    }
    expect(new Set(started.map((e) => e.subscriptionId)).size).toBe(started.length);
    const text = t.logs.lines.join('\n');
    for (const secret of [
      ...Object.values(DEMO_TOKENS),
      ...Object.values(DEMO_IDENTITY_IDS),
      'accesstoken=',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

function upgradeStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(t.gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
      headers,
    });
    ws.on('upgrade', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}
