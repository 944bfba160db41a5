// The Redis position store (src/resume/redis-position-store.ts) against a real redis-server:
// the same bounds as the memory store (per credential, entry size) and the conditional write
// that keeps a taken-over subscription from overwriting its successor.
import { memoryPositionStore, type ResumeRecord } from '../../src/resume/position-store';
import { redisPositionStore } from '../../src/resume/redis-position-store';
import {
  createRedisConnection,
  type RedisConnection,
} from '../../src/shared-state/redis-connection';
import { Registry } from 'prom-client';
import { manualClock } from '../helpers/manual-clock';
import { memoryLogger } from '../helpers/memory-logger';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';

const bounds = { maxEntries: 100, maxPerCaller: 2, maxEntryBytes: 400, ttlMs: 60_000 };
const record = (caller: string, owner = 'o1', extra: Partial<ResumeRecord> = {}): ResumeRecord => ({
  caller,
  boxes: { 'b0000000-0000-4000-8000-000000000001': null },
  owner,
  ended: false,
  at: Date.now(),
  ...extra,
});

let redis: RedisServer;
let connection: RedisConnection;
const fallbacks: unknown[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  connection = createRedisConnection(redis.url, {
    logger: memoryLogger().logger,
    registry: new Registry(),
  });
  await new Promise((resolve) => connection.client.once('ready', resolve));
});
afterAll(async () => {
  await connection?.close();
  await redis?.close();
});

const clock = manualClock();
const store = () =>
  redisPositionStore(
    connection,
    bounds,
    memoryPositionStore(bounds),
    (e) => fallbacks.push(e),
    clock,
  );

it('keeps at most maxPerCaller records of one credential in Redis, dropping its oldest write', async () => {
  const s = store();
  for (const key of ['a1', 'a2', 'a3']) {
    await s.write([{ key, record: record('alice'), ifOwner: false }]);
    clock.advance(5); // the next write is the newer one
  }
  await s.write([{ key: 'b1', record: record('bob'), ifOwner: false }]);
  expect(await connection.client.exists('resume:a1')).toBe(0);
  expect(await connection.client.exists('resume:a2')).toBe(1);
  expect(await connection.client.exists('resume:a3')).toBe(1);
  expect((await s.get('b1'))?.caller).toBe('bob');
  expect(fallbacks).toEqual([]);
});

it('refuses a conditional write over another running owner, and does not store an oversized record', async () => {
  const s = store();
  await s.write([{ key: 'k', record: record('carol', 'new'), ifOwner: false }]);
  expect([
    ...(await s.write([{ key: 'k', record: record('carol', 'old'), ifOwner: true }])),
  ]).toEqual(['k']);
  expect((await s.get('k'))?.owner).toBe('new');
  const boxes = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`box-${i}`, null]));
  await s.write([{ key: 'big', record: record('carol', 'o1', { boxes }), ifOwner: false }]);
  expect(await connection.client.exists('resume:big')).toBe(0);
});
