// One subscription's side of resuming (graphql-api.md §10.1), kept out of the realtime queue it
// serves: which boxes start from a client's position (their first catch-up ends with a notice),
// an `after` position that may be newer than the stored one, the log count of the first replay,
// and the positions handed to the transport, which are what a transparent resume starts from.
import type { EventDto } from '../upstream/upstream-types';
import { decodeCursor } from './cursor';
import { skipThrough } from './start-positions';

export interface DeliveryTrackerOptions {
  /** Box id → where it started (the anchors the subscription was built with). */
  starts: ReadonlyMap<string, string | null>;
  /** Boxes that start from a client's position (`after`, or a transparent resume). */
  resumed?: ReadonlySet<string>;
  /** Box → an `after` position that may be newer than its start: skipped to if replayed. */
  alsoAfter?: ReadonlyMap<string, string>;
  /** Once every resumed box has had its first replay: the events replayed in all. */
  onResumeReplayed?(count: number): void;
  /** A position handed to the transport moved (written behind by the resumer). */
  onAdvance?(): void;
}

/** Position moves kept for an SSE client that says, by Last-Event-ID, it got less than was sent. */
const RECENT_MOVES = 32;

/** A position move: the `next` event's sequence number, the box, its position before. */
export type Move = [sequence: number, boxId: string, before: string | null];

/** What a subscription's record holds. */
export interface Snapshot {
  boxes: Map<string, string | null>;
  /** `next` events handed out so far (the SSE `id:` line's number of the last one). */
  sequence: number;
  recent: Move[];
}

/**
 * The positions as they were once the client had event `seen` (its Last-Event-ID): the moves
 * after it are undone. A client further behind than the moves kept gets the oldest kept.
 */
export function positionsAt(snapshot: Snapshot, seen: number): Map<string, string | null> {
  const at = new Map(snapshot.boxes);
  for (let i = snapshot.recent.length - 1; i >= 0; i--) {
    const [sequence, boxId, before] = snapshot.recent[i];
    if (sequence <= seen) break;
    at.set(boxId, before);
  }
  return at;
}

export class DeliveryTracker {
  private readonly pending: Set<string>;
  private readonly alsoAfter: Map<string, string>;
  /** Box id → the cursor of the last update handed to the transport. */
  private readonly handedCursors = new Map<string, string>();
  private replayedCount = 0;
  private sequence = 0;
  private readonly recent: Move[] = [];

  constructor(private readonly options: DeliveryTrackerOptions) {
    this.pending = new Set(options.resumed);
    this.alsoAfter = new Map(options.alsoAfter);
  }

  /** Whether this box's first catch-up ends with a notice. */
  noticeFirst(boxId: string): boolean {
    return this.pending.has(boxId);
  }

  /**
   * A first replay's events, minus those up to `after`'s event when it is among them (`after`
   * was the newer position); `anchor` is then the box's position.
   */
  trim(boxId: string, missed: EventDto[] | null): { missed: EventDto[] | null; anchor?: string } {
    const after = this.alsoAfter.get(boxId);
    if (!missed || after === undefined) return { missed };
    this.alsoAfter.delete(boxId);
    const skip = skipThrough(missed, after);
    return skip.skipped ? { missed: skip.events, anchor: after } : { missed };
  }

  /** A replay of the box ended, `fresh` events delivered by it. */
  replayed(boxId: string, fresh: number): void {
    if (!this.pending.delete(boxId)) return;
    this.replayedCount += fresh;
    if (this.pending.size === 0) this.options.onResumeReplayed?.(this.replayedCount);
  }

  /**
   * An item went to the transport: one `next` event, whatever it holds (undefined: one with no
   * position, a failure).
   */
  handed(item: { boxId: string; cursor: string } | undefined): void {
    this.sequence++;
    if (item === undefined || item.cursor === '') return;
    if (this.handedCursors.get(item.boxId) === item.cursor) return;
    this.recent.push([this.sequence, item.boxId, this.positionOf(item.boxId)]);
    if (this.recent.length > RECENT_MOVES) this.recent.shift();
    this.handedCursors.set(item.boxId, item.cursor);
    this.options.onAdvance?.();
  }

  snapshot(): Snapshot {
    return { boxes: this.positions(), sequence: this.sequence, recent: [...this.recent] };
  }

  private positionOf(boxId: string): string | null {
    const start = this.options.starts.get(boxId) ?? null;
    const cursor = this.handedCursors.get(boxId);
    return cursor === undefined ? start : (decodeCursor(cursor)?.eventId ?? start);
  }

  /**
   * Box id → the newest listed event handed to the transport (else where the box started), for
   * every box subscribed. Handed, not queued: what still waits in the queue when the connection
   * drops was never sent.
   */
  positions(): Map<string, string | null> {
    return new Map([...this.options.starts.keys()].map((boxId) => [boxId, this.positionOf(boxId)]));
  }
}
