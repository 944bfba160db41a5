// The transport's circuit breaker and its bound on pending calls, over undici's MockAgent (a call
// the circuit should have stopped would hit "no interceptor" and fail differently) and, for the
// pending bound, a local server that never answers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { countsAgainstCircuit } from '../../src/upstream/upstream-failures';
import {
  createUpstreamClient,
  type CircuitStateName,
  type UpstreamCallInfo,
  type UpstreamClientOptions,
  type UpstreamTransport,
} from '../../src/upstream/upstream-client';
import {
  UpstreamHttpError,
  UpstreamProtocolError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../src/upstream/upstream-errors';
import { manualClock, type ManualClock } from '../helpers/manual-clock';
import { rejection } from '../helpers/rejection';
import { loadConfig, transportOptions } from '../../src/config';

/** The transport's production defaults; each test overrides what it exercises. */
const TRANSPORT = transportOptions(loadConfig({}));

const ORIGIN = 'http://upstream.test';
const ROUTE = '/boxes/:id/events';
const PATH = '/boxes/0b7e0c6c-1111-4b5c-9a35-4e8e2a7f0d11/events';
const OTHER = '/boxes/0b7e0c6c-2222-4b5c-9a35-4e8e2a7f0d11/events';
const RESET_MS = 150;

describe('circuit breaker', () => {
  let agent: MockAgent;
  let calls: UpstreamCallInfo[];
  let changes: Array<[CircuitStateName, unknown]>;
  let client: UpstreamTransport;
  let clock: ManualClock;

  const make = (options: Partial<UpstreamClientOptions> = {}) =>
    createUpstreamClient({
      ...TRANSPORT,
      origin: ORIGIN,
      dispatcher: agent,
      retryMinDelayMs: 1,
      circuitFailures: 3,
      circuitResetMs: RESET_MS,
      now: () => clock.now(),
      onCall: (info) => calls.push(info),
      onCircuitChange: (state, lastFailure) => changes.push([state, lastFailure]),
      ...options,
    });
  const upstream = () => agent.get(ORIGIN);
  const get = (path = PATH) => client.request({ method: 'GET', path, route: ROUTE });
  const failCalls = async (n: number, status = 500) => {
    upstream().intercept({ path: PATH, method: 'GET' }).reply(status, '').times(n);
    for (let i = 0; i < n; i++) await rejection(get());
  };

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    calls = [];
    changes = [];
    clock = manualClock();
    client = make();
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await client.close();
    await agent.close();
  });

  describe('opening', () => {
    it('opens after `circuitFailures` failed calls, then fails fast with no attempt', async () => {
      await failCalls(2);
      expect(client.circuitState()).toBe('closed');
      await failCalls(1);
      expect(client.circuitState()).toBe('open');
      expect(changes.map(([state]) => state)).toEqual(['open']);
      expect(changes[0][1]).toBeInstanceOf(UpstreamHttpError);

      const attemptsBefore = calls.length;
      const error = await rejection(get());
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toBe('circuit open');
      expect(error.call).toEqual({ method: 'GET', route: ROUTE });
      expect(calls).toHaveLength(attemptsBefore);
    });

    it('counts a call once, after its retries: 3 calls of 3 attempts each to open at 3', async () => {
      upstream().intercept({ path: PATH, method: 'GET' }).reply(503, '').times(6);
      await rejection(get());
      await rejection(get());
      expect(client.circuitState()).toBe('closed');
      expect(calls).toHaveLength(6);
      upstream().intercept({ path: PATH, method: 'GET' }).reply(503, '').times(3);
      await rejection(get());
      expect(client.circuitState()).toBe('open');
    });

    it.each([
      ['refused', 'ECONNREFUSED'],
      ['reset', 'ECONNRESET'],
      ['DNS failure', 'ENOTFOUND'],
    ])('counts a connection failure (%s)', async (_name, code) => {
      const raw = Object.assign(new Error(code), { code });
      upstream().intercept({ path: PATH, method: 'POST' }).replyWithError(raw).times(3);
      for (let i = 0; i < 3; i++) {
        await rejection(client.request({ method: 'POST', path: PATH, route: ROUTE, body: {} }));
      }
      expect(client.circuitState()).toBe('open');
    });

    it('counts timeouts', async () => {
      await client.close();
      client = make({ timeoutMs: 50, retries: 0 });
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, []).delay(500).times(3);
      for (let i = 0; i < 3; i++)
        expect(await rejection(get())).toBeInstanceOf(UpstreamTimeoutError);
      expect(client.circuitState()).toBe('open');
    });

    it.each([400, 401, 403, 404, 409, 410, 422, 429])(
      'never opens on %i: the upstream answered',
      async (status) => {
        await failCalls(5, status);
        expect(client.circuitState()).toBe('closed');
        expect(changes).toEqual([]);
      },
    );

    it('never opens on an answer it cannot use', async () => {
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, '<html>').times(5);
      for (let i = 0; i < 5; i++)
        expect(await rejection(get())).toBeInstanceOf(UpstreamProtocolError);
      expect(client.circuitState()).toBe('closed');
    });

    it('counts consecutive failures only: a 4xx or a success in between resets the count', async () => {
      await failCalls(2);
      await failCalls(1, 404);
      await failCalls(2);
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, []);
      await get();
      await failCalls(2);
      expect(client.circuitState()).toBe('closed');
      await failCalls(1);
      expect(client.circuitState()).toBe('open');
    });

    it('stops retrying a call once other calls have opened the circuit', async () => {
      await client.close();
      client = make({ circuitFailures: 1, retries: 2, retryMinDelayMs: 1 });
      upstream().intercept({ path: OTHER, method: 'GET' }).reply(500, '');
      upstream().intercept({ path: PATH, method: 'GET' }).reply(503, '').delay(100);
      const [opener, retried] = await Promise.all([rejection(get(OTHER)), rejection(get())]);
      expect((opener as UpstreamHttpError).status).toBe(500);
      expect((retried as UpstreamHttpError).status).toBe(503);
      expect(calls.filter((c) => c.status === 503)).toEqual([
        expect.objectContaining({ attempt: 1, willRetry: false }),
      ]);
    });
  });

  describe('recovery', () => {
    it('lets one probe through after the reset time; its success closes the circuit', async () => {
      await failCalls(3);
      clock.advance(RESET_MS);
      expect(client.circuitState()).toBe('open'); // until a call comes

      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, []).delay(100);
      const probe = get();
      expect(client.circuitState()).toBe('half-open');
      const parked = await rejection(get());
      expect(parked.message).toBe('circuit open');
      await expect(probe).resolves.toMatchObject({ json: [] });

      expect(client.circuitState()).toBe('closed');
      expect(changes.map(([state]) => state)).toEqual(['open', 'half-open', 'closed']);
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, []);
      await expect(get()).resolves.toMatchObject({ status: 200 });
    });

    it('fails fast until the reset time has passed on its clock, then lets the probe through', async () => {
      await failCalls(3);
      const attempts = calls.length;
      clock.advance(RESET_MS - 1);
      expect((await rejection(get())).message).toBe('circuit open');
      expect(calls).toHaveLength(attempts);
      expect(client.circuitState()).toBe('open');

      clock.advance(1);
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, []);
      await expect(get()).resolves.toMatchObject({ status: 200 });
      expect(calls).toHaveLength(attempts + 1);
      expect(changes.map(([state]) => state)).toEqual(['open', 'half-open', 'closed']);
    });

    it('closes on a probe the upstream answers with a 4xx', async () => {
      await failCalls(3);
      clock.advance(RESET_MS);
      await failCalls(1, 403);
      expect(client.circuitState()).toBe('closed');
    });

    it('re-opens on a failed probe, for another reset time', async () => {
      await failCalls(3);
      clock.advance(RESET_MS);
      await failCalls(1);
      expect(client.circuitState()).toBe('open');
      expect((await rejection(get())).message).toBe('circuit open');
      expect(changes.map(([state]) => state)).toEqual(['open', 'half-open', 'open']);
    });

    it('ping answers false at once while open, and is the probe once the reset time passed', async () => {
      await failCalls(3);
      const attempts = calls.length;
      await expect(client.ping()).resolves.toBe(false);
      expect(calls).toHaveLength(attempts);

      clock.advance(RESET_MS);
      upstream().intercept({ path: '/csrf', method: 'GET' }).reply(200, { csrf_token: 'x' });
      await expect(client.ping()).resolves.toBe(true);
      expect(client.circuitState()).toBe('closed');
    });

    it('never lets a throwing onCircuitChange hook break a call', async () => {
      await client.close();
      client = make({
        onCircuitChange: () => {
          throw new Error('logger down');
        },
      });
      await failCalls(3);
      expect((await rejection(get())).message).toBe('circuit open');
    });
  });
});

describe('countsAgainstCircuit', () => {
  const call = { method: 'GET', route: ROUTE };
  const closed = Object.assign(new Error('closed'), { code: 'UND_ERR_CLOSED' });
  it.each([
    ['500', true, new UpstreamHttpError(500, null, call)],
    ['502', true, new UpstreamHttpError(502, null, call)],
    ['503', true, new UpstreamHttpError(503, null, call)],
    ['504', true, new UpstreamHttpError(504, null, call)],
    ['400', false, new UpstreamHttpError(400, null, call)],
    ['401', false, new UpstreamHttpError(401, null, call)],
    ['403', false, new UpstreamHttpError(403, null, call)],
    ['404', false, new UpstreamHttpError(404, null, call)],
    ['409', false, new UpstreamHttpError(409, null, call)],
    ['429', false, new UpstreamHttpError(429, null, call)],
    ['timeout', true, new UpstreamTimeoutError(100, call)],
    ['refused', true, new UpstreamUnavailableError('refused', call)],
    ['our pool closed', false, new UpstreamUnavailableError('closed', call, closed)],
    ['protocol', false, new UpstreamProtocolError('bad JSON', call)],
    ['a bug', false, new TypeError('boom')],
  ])('%s counts: %s', (_name, counts, error) => {
    expect(countsAgainstCircuit(error)).toBe(counts);
  });
});

describe('bounded waiting', () => {
  let server: Server;
  let url: string;
  let client: UpstreamTransport | undefined;

  beforeEach(async () => {
    server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await client?.close();
    client = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fails calls past `maxPending` at once, without touching the circuit', async () => {
    client = createUpstreamClient({
      ...TRANSPORT,
      origin: url,
      connections: 1,
      maxPending: 2,
      timeoutMs: 300,
      circuitFailures: 1,
    });
    const get = () => client!.request({ method: 'GET', path: PATH, route: ROUTE });
    let heldSettled = 0;
    const held = [get(), get()].map((p) =>
      p.catch((error: unknown) => error).finally(() => heldSettled++),
    );
    expect(client.pending()).toBe(2);
    const error = await rejection(get());
    // "At once" as an order, not a time (it was < 50 ms): refused while both held calls still
    // wait for their 300 ms deadline, so it did not wait for a place to free up.
    expect(heldSettled).toBe(0);
    expect(client.pending()).toBe(2);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toBe('upstream saturated');
    expect(client.circuitState()).toBe('closed');

    const outcomes = await Promise.all(held);
    expect(outcomes.every((e) => e instanceof UpstreamTimeoutError)).toBe(true);
    expect(client.pending()).toBe(0);
  });

  it('keeps a slow upstream from queueing more than connections × 16 calls by default', async () => {
    // The default is config/'s: UPSTREAM_MAX_PENDING unset follows UPSTREAM_CONNECTIONS.
    const env = {
      UPSTREAM_CONNECTIONS: '2',
      UPSTREAM_TIMEOUT_MS: '300',
      CIRCUIT_FAILURES: '10000',
    };
    client = createUpstreamClient({ ...transportOptions(loadConfig(env)), origin: url });
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, () =>
        client!.request({ method: 'GET', path: PATH, route: ROUTE }),
      ),
    );
    const messages = results.map((r) => (r.status === 'rejected' ? r.reason.message : 'ok'));
    expect(messages.filter((m) => m === 'upstream saturated')).toHaveLength(968);
    expect(messages.filter((m) => /did not answer/.test(m))).toHaveLength(32);
    expect(client.pending()).toBe(0);
  });

  it('validates maxPending', () => {
    expect(() => createUpstreamClient({ ...TRANSPORT, origin: url, maxPending: 0 })).toThrow(
      'maxPending must be a positive integer, got 0',
    );
  });
});
