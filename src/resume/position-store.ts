// Where subscription positions wait for a transparent resume (graphql-api.md §10.1). In process
// memory without REDIS_URL (redis-position-store.ts with it). Bounded three ways, as the
// contract asks: entries in total and per credential (least recently written evicted first),
// and each entry's size.
import { LRUCache } from 'lru-cache';
import type { Move } from './delivery-tracker';

/** One subscription's positions, as stored. */
export interface ResumeRecord {
  /** Hash of the credential (auth/credentials.ts callerKey): the per-caller bound. */
  caller: string;
  /** Box id → the newest delivered listed event (null: empty box). The subscription's boxes. */
  boxes: Record<string, string | null>;
  /** Which subscription writes it: a replica and subscription nonce. */
  owner: string;
  /** The subscription ended (its positions wait for a resume) rather than still running. */
  ended: boolean;
  /** Date.now() of the write. */
  at: number;
  /** SSE only: the last position moves, undone back to a Last-Event-ID (delivery-tracker.ts). */
  recent?: Move[];
}

export interface PositionWrite {
  key: string;
  record: ResumeRecord;
  /** true: only while the stored record is absent, ended or this owner's (no take-over lost). */
  ifOwner: boolean;
}

export interface PositionStore {
  get(key: string): Promise<ResumeRecord | undefined>;
  /** Writes in one batch; resolves to the keys whose write was refused (taken over). */
  write(writes: readonly PositionWrite[]): Promise<Set<string>>;
  delete(key: string): Promise<void>;
}

export interface StoreBounds {
  maxEntries: number;
  maxPerCaller: number;
  /** Largest serialised record, in bytes. */
  maxEntryBytes: number;
  /** How long a record is kept after its last write. */
  ttlMs: number;
}

export const recordSize = (record: ResumeRecord): number => JSON.stringify(record).length;

/** The write that would be refused: another subscription claimed the key since. */
export const refused = (current: ResumeRecord | undefined, write: PositionWrite): boolean =>
  write.ifOwner && current !== undefined && !current.ended && current.owner !== write.record.owner;

export function memoryPositionStore(bounds: StoreBounds): PositionStore {
  // caller → its keys, oldest write first: the per-credential bound evicts from the front.
  const byCaller = new Map<string, Set<string>>();
  const forget = (key: string, record: ResumeRecord) => {
    const keys = byCaller.get(record.caller);
    keys?.delete(key);
    if (keys?.size === 0) byCaller.delete(record.caller);
  };
  const cache = new LRUCache<string, ResumeRecord>({
    max: bounds.maxEntries,
    ttl: bounds.ttlMs,
    maxEntrySize: bounds.maxEntryBytes,
    sizeCalculation: recordSize,
    maxSize: bounds.maxEntries * bounds.maxEntryBytes,
    dispose: (record, key) => forget(key, record),
  });
  return {
    get: async (key) => cache.get(key),
    async write(writes) {
      const refusedKeys = new Set<string>();
      for (const write of writes) {
        if (refused(cache.get(write.key), write)) {
          refusedKeys.add(write.key);
          continue;
        }
        // Too large: not stored (lru-cache refuses it); the subscription then cannot resume.
        cache.set(write.key, write.record);
        if (!cache.has(write.key)) continue;
        const keys = byCaller.get(write.record.caller) ?? new Set<string>();
        byCaller.set(write.record.caller, keys);
        keys.delete(write.key);
        keys.add(write.key);
        if (keys.size > bounds.maxPerCaller) cache.delete(keys.values().next().value as string);
      }
      return refusedKeys;
    },
    delete: async (key) => void cache.delete(key),
  };
}
