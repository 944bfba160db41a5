// The in-memory position store's bounds (src/resume/position-store.ts): entries per credential
// and in total (least recently written evicted first), each entry's size, and the conditional
// write that keeps a taken-over subscription from overwriting its successor.
import { memoryPositionStore, type ResumeRecord } from '../../src/resume/position-store';

const record = (caller: string, owner = 'o1', extra: Partial<ResumeRecord> = {}): ResumeRecord => ({
  caller,
  boxes: { 'b0000000-0000-4000-8000-000000000001': null },
  owner,
  ended: false,
  at: Date.now(),
  ...extra,
});
const bounds = { maxEntries: 4, maxPerCaller: 2, maxEntryBytes: 400, ttlMs: 60_000 };

describe('memory position store', () => {
  it('keeps at most maxPerCaller entries of one credential, dropping its oldest write', async () => {
    const store = memoryPositionStore(bounds);
    for (const key of ['a1', 'a2', 'a3']) {
      await store.write([{ key, record: record('alice'), ifOwner: false }]);
    }
    await store.write([{ key: 'b1', record: record('bob'), ifOwner: false }]);
    expect(await store.get('a1')).toBeUndefined();
    expect(await store.get('a2')).toBeDefined();
    expect(await store.get('a3')).toBeDefined();
    expect(await store.get('b1')).toBeDefined();
  });

  it('keeps at most maxEntries in all, least recently used first out', async () => {
    const store = memoryPositionStore(bounds);
    for (const caller of ['c1', 'c2', 'c3', 'c4', 'c5']) {
      await store.write([{ key: caller, record: record(caller), ifOwner: false }]);
    }
    expect(await store.get('c1')).toBeUndefined();
    for (const caller of ['c2', 'c3', 'c4', 'c5']) expect(await store.get(caller)).toBeDefined();
  });

  it('does not keep an entry over the size cap', async () => {
    const store = memoryPositionStore(bounds);
    const boxes = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`box-${i}`, null]));
    await store.write([{ key: 'big', record: record('alice', 'o1', { boxes }), ifOwner: false }]);
    expect(await store.get('big')).toBeUndefined();
  });

  it('refuses a conditional write over another running owner, not over an ended one', async () => {
    const store = memoryPositionStore(bounds);
    await store.write([{ key: 'k', record: record('alice', 'new'), ifOwner: false }]);
    const refused = await store.write([
      { key: 'k', record: record('alice', 'old'), ifOwner: true },
    ]);
    expect([...refused]).toEqual(['k']);
    expect((await store.get('k'))?.owner).toBe('new');
    await store.write([
      { key: 'k', record: record('alice', 'new', { ended: true }), ifOwner: true },
    ]);
    expect(
      await store.write([{ key: 'k', record: record('alice', 'other'), ifOwner: true }]),
    ).toEqual(new Set());
  });
});
