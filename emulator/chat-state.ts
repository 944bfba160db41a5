// Per-user and per-file state of the chat routes (upstream-api.md §13): unread counters, mute
// settings, blobs and key shares. Kept apart from the event log because none of it is an event:
// the upstream holds it in redis, S3 and side tables (§13.12 D8, D12, D14, D18).
import { IdSequence } from './clock';

/** Counters and settings are keyed by (identity, box). */
const key = (identityId: string, boxId: string) => `${identityId} ${boxId}`;

/** Unread counts per (identity, box); an absent counter reads as 0 (§13.8). */
export class UnreadCounters {
  private readonly counts = new Map<string, number>();

  get(identityId: string, boxId: string): number {
    return this.counts.get(key(identityId, boxId)) ?? 0;
  }

  increment(identityId: string, boxId: string): void {
    const k = key(identityId, boxId);
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  reset(identityId: string, boxId: string): void {
    this.counts.delete(key(identityId, boxId));
  }

  /** D12: kept across leave and rejoin, dropped with the box. */
  dropBox(boxId: string): void {
    for (const k of this.counts.keys()) if (k.endsWith(` ${boxId}`)) this.counts.delete(k);
  }
}

/** The `muted` setting per (identity, box); default false (§13.9). */
export class BoxSettings {
  private readonly muted = new Set<string>();

  isMuted(identityId: string, boxId: string): boolean {
    return this.muted.has(key(identityId, boxId));
  }

  setMuted(identityId: string, boxId: string, value: boolean): void {
    if (value) this.muted.add(key(identityId, boxId));
    else this.muted.delete(key(identityId, boxId));
  }

  /** D14: rows are dropped with the box. */
  dropBox(boxId: string): void {
    for (const k of this.muted) if (k.endsWith(` ${boxId}`)) this.muted.delete(k);
  }
}

export interface StoredFile {
  bytes: Buffer;
  /** Ids of the msg.file events whose content names this file (one per upload; seeds may share). */
  eventIds: Set<string>;
}

/** Encrypted blobs by file id, in memory (D8). */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private readonly ids = new IdSequence('9');

  /** The id of a new upload; ids a seed already took are skipped. */
  newId(): string {
    for (;;) {
      const id = this.ids.next();
      if (!this.files.has(id)) return id;
    }
  }

  get(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** Registers one more msg.file event naming fileId; the first registration keeps its bytes. */
  add(fileId: string, eventId: string, bytes: Buffer): void {
    const existing = this.files.get(fileId);
    if (existing) existing.eventIds.add(eventId);
    else this.files.set(fileId, { bytes, eventIds: new Set([eventId]) });
  }

  /** Box deletion (D9): the blob goes with the last event that names it. */
  forgetEvent(fileId: string, eventId: string): void {
    const file = this.files.get(fileId);
    if (!file) return;
    file.eventIds.delete(eventId);
    if (file.eventIds.size === 0) this.files.delete(fileId);
  }
}

/** Only what a route reads back: the other two shares are stored upstream, never returned here. */
export interface KeyShare {
  boxId: string;
  otherShareHash: string;
}

/** Key shares by `other_share_hash`, for GET /boxes/:id/public (D18). */
export class KeyShares {
  private readonly byHash = new Map<string, KeyShare>();

  get(hash: string): KeyShare | undefined {
    return this.byHash.get(hash);
  }

  has(hash: string): boolean {
    return this.byHash.has(hash);
  }

  /** A state.key_share replaces every share of its box; POST /boxes adds the first one. */
  replace(share: KeyShare): void {
    this.dropBox(share.boxId);
    this.byHash.set(share.otherShareHash, share);
  }

  dropBox(boxId: string): void {
    for (const [hash, share] of this.byHash) if (share.boxId === boxId) this.byHash.delete(hash);
  }
}

/** The deterministic bytes of a seeded file that gives none: small, and unique per file id. */
export function seededFileBytes(fileId: string): Buffer {
  return Buffer.from(`encrypted bytes of file ${fileId}\n`, 'utf8');
}
