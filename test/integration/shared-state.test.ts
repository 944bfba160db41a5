// Two gateway processes on one Redis (docs/operations.md): a query registered by APQ through
// one is served by hash through the other; the rate limit counts the operations of both and
// refuses with 429 RATE_LIMITED before any upstream call; with Redis stopped both keep serving
// (APQ misses, the limit fails open, logged and counted) and recover once it is back.
import { createHash } from 'node:crypto';
import { DEMO_BOX_IDS, DEMO_TOKENS, startEmulator, type Emulator } from '../../emulator';
import { freePort } from '../helpers/free-port';
import {
  buildMain,
  type Build,
  freshGql,
  freshRequest,
  startProcess,
  until,
  type Running,
} from '../helpers/real-process';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { WINDOW_MS } from '../../src/shared-state/rate-limit-store';

const LIMIT = 4;
const QUERY = `{ box(id: "${DEMO_BOX_IDS.welcome}") { eventsCount } }`;
const HASH = createHash('sha256').update(QUERY).digest('hex');
const BY_HASH = { extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Replica {
  process: Running;
  port: number;
}

describe('two gateway processes sharing one Redis', () => {
  let build: Build;
  let redis: RedisServer;
  let emulator: Emulator;
  let a: Replica;
  let b: Replica;

  async function replica(): Promise<Replica> {
    const port = await freePort();
    const process = startProcess(build.main, {
      UPSTREAM_URL: emulator.url,
      REDIS_URL: redis.url,
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    await until('"gateway listening"', () =>
      process.logs.some((l) => l.msg === 'gateway listening'),
    );
    await until('redis connected', () => process.logs.some((l) => l.msg === 'redis available'));
    return { process, port };
  }

  async function metric(replica: Replica, line: RegExp): Promise<number | undefined> {
    const { text } = await freshRequest(replica.port, { path: '/metrics' });
    const found = text.split('\n').find((l) => line.test(l));
    return found === undefined ? undefined : Number(found.split(' ').pop());
  }

  /**
   * Rate-limit windows are whole minutes of the processes' clock (two real processes: no clock
   * to inject): never start counting in a window's last 20 s. A wait for that condition, bounded.
   */
  async function freshWindow(): Promise<void> {
    await until(
      '20 s left in the rate-limit window',
      () => Date.now() % WINDOW_MS < 40_000,
      25_000,
    );
  }

  beforeAll(async () => {
    build = buildMain();
    redis = await startRedisServer();
    emulator = await startEmulator();
    [a, b] = await Promise.all([replica(), replica()]);
  }, 180_000);

  afterAll(async () => {
    for (const r of [a, b]) if (r && r.process.child.exitCode === null) r.process.child.kill();
    await Promise.all([a?.process.exited, b?.process.exited]);
    await emulator?.close();
    await redis?.close();
  });

  it('serves by hash through one replica a query registered through the other', async () => {
    const before = await freshGql(b.port, BY_HASH, bearer(DEMO_TOKENS.alice));
    expect(before.json.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }),
    ]);

    const registered = await freshGql(
      a.port,
      { query: QUERY, ...BY_HASH },
      bearer(DEMO_TOKENS.alice),
    );
    expect(registered.json).toEqual({ data: { box: { eventsCount: expect.any(Number) } } });

    const served = await freshGql(b.port, BY_HASH, bearer(DEMO_TOKENS.alice));
    expect(served).toMatchObject({ status: 200, json: registered.json });
  });

  it('counts one credential across both replicas and refuses over the limit before any upstream call', async () => {
    await freshWindow();
    const token = DEMO_TOKENS.bob;
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const replica = i % 2 === 0 ? a : b;
      statuses.push((await freshGql(replica.port, { query: QUERY }, bearer(token))).status);
    }
    expect(statuses).toEqual(Array(LIMIT).fill(200));

    emulator.clearRequests();
    for (const replica of [a, b]) {
      const refused = await freshGql(replica.port, { query: QUERY }, bearer(token));
      expect(refused.status).toBe(429);
      expect(refused.json).toEqual({
        errors: [
          {
            message: expect.stringContaining(`at most ${LIMIT} operations per minute`),
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
          },
        ],
      });
      const seconds = (
        refused.json.errors as Array<{ extensions: { retryAfterSeconds: number } }>
      )[0].extensions.retryAfterSeconds;
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
    }
    expect(emulator.requests.filter((r) => r.path !== '/csrf')).toEqual([]);

    // Per credential: another caller is not affected; callers without credentials are not counted.
    expect((await freshGql(a.port, { query: QUERY }, bearer(DEMO_TOKENS.eve))).status).toBe(200);
    for (let i = 0; i < LIMIT + 2; i++) {
      const anonymous = await freshGql(b.port, { query: '{ __typename }' });
      expect(anonymous).toMatchObject({ status: 200, json: { data: { __typename: 'Query' } } });
    }
  });

  it('keeps serving with Redis stopped (APQ misses, limit open, counted) and recovers when it is back', async () => {
    await redis.stop();
    await until('both replicas saw Redis go', () =>
      [a, b].every((r) => r.process.logs.some((l) => l.redis === 'down')),
    );

    // Queries are answered by both; the limit fails open (more than LIMIT for one credential).
    const token = DEMO_TOKENS.alice;
    for (let i = 0; i < LIMIT + 2; i++) {
      const replica = i % 2 === 0 ? a : b;
      const answer = await freshGql(replica.port, { query: QUERY }, bearer(token));
      expect(answer).toMatchObject({ status: 200, json: { data: { box: { eventsCount: 17 } } } });
    }
    // APQ: a hash is a miss, a registration still answers (its store write fails soft).
    const miss = await freshGql(b.port, BY_HASH, bearer(token));
    expect(miss.json.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }),
    ]);
    const registered = await freshGql(a.port, { query: QUERY, ...BY_HASH }, bearer(token));
    expect(registered.json).toEqual({ data: { box: { eventsCount: 17 } } });
    for (const replica of [a, b]) {
      expect(await metric(replica, /^gateway_redis_up /)).toBe(0);
      expect(
        await metric(replica, /^gateway_redis_failures_total\{use="rate_limit"\}/),
      ).toBeGreaterThan(0);
      expect(await metric(replica, /^gateway_redis_failures_total\{use="apq"\}/)).toBeGreaterThan(
        0,
      );
    }

    await redis.start();
    for (const replica of [a, b]) {
      await until(
        'redis reconnected',
        () => replica.process.logs.filter((l) => l.msg === 'redis available').length >= 2,
      );
      expect(await metric(replica, /^gateway_redis_up /)).toBe(1);
    }
    // Shared again: the restarted Redis is empty, so register anew through one, hash through the other.
    const again = await freshGql(a.port, { query: QUERY, ...BY_HASH }, bearer(token));
    expect(again.json).toEqual({ data: { box: { eventsCount: 17 } } });
    expect((await freshGql(b.port, BY_HASH, bearer(token))).json).toEqual(again.json);
    // And counting again: one more than the limit across the two replicas is refused.
    await freshWindow();
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const replica = i % 2 === 0 ? b : a;
      statuses.push(
        (await freshGql(replica.port, { query: QUERY }, bearer(DEMO_TOKENS.eve))).status,
      );
    }
    // The restarted Redis (no persistence) starts every count at zero.
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429]);
  });
});
