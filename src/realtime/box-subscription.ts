// One Subscription.boxEvents as an async iterator (docs/realtime.md): what it receives from
// its upstream socket, in order, each event once, with the replay and the resync notice after a
// drop, the box dropped after the caller's own kick or leave, and a bounded queue. A failure is
// queued as an item (the resolver throws it), so the client gets a coded result, then complete.
import { GatewayError, SlowConsumerError, UnauthenticatedError } from '../errors/gateway-errors';
import { ACCESS_REFUSED_CODES } from '../errors/request-errors';
import { toGraphQLError } from '../errors/to-graphql-error';
import { toBoxEvent, type OddEventHandler } from '../schema/event/to-box-event';
import { BoxEventUpdate } from '../schema/subscription/box-event-update.type';
import { UpstreamError } from '../upstream/upstream-errors';
import type { BoxEventsApi } from '../upstream/upstream-types';
import { isListed } from './box-update';
import { missedEvents } from './replay';
import { encodeCursor } from '../resume/cursor';
import type { DeliveryTracker } from '../resume/delivery-tracker';

export type SubscriptionItem = BoxEventUpdate | GatewayError;

/** Why a subscription ended, for the log line. */
export type EndReason =
  | 'client'
  | 'completed'
  | 'failed'
  | 'slow_consumer'
  | 'shutdown'
  /** Another connection resumed the same operation (src/resume/). */
  | 'taken_over';

export interface BoxSubscriptionOptions {
  api: BoxEventsApi;
  /** The caller's identity, lowercase: its own kick or leave drops the box. */
  identityId: string;
  /** Box id (lowercase) → the newest listed event id when the subscription started. */
  anchors: ReadonlyMap<string, string | null>;
  bufferSize: number;
  onOdd: OddEventHandler;
  /** Called once, whatever ends it. */
  onEnd(reason: EndReason, error?: GatewayError): void;
  onDelivered(kind: 'event' | 'resynced'): void;
  onReplayed(count: number): void;
  /**
   * Resuming (src/resume/): boxes that start from a client's position, whose first catch-up
   * ends with a notice as after a drop (graphql-api.md §10.1), and the positions handed out.
   */
  tracker?: DeliveryTracker;
}

interface BoxState {
  anchor: string | null;
  /** Bumped by every replay; a replay whose generation is stale leaves the flush to the newer. */
  generation: number;
  /** Live updates held while a replay of this box runs; null when none runs. */
  held: BoxEventUpdate[] | null;
  /** The cursor of `cursorAnchor`, kept while the anchor does not move. */
  cursor?: string;
  cursorAnchor?: string | null;
}

/** Delivered ids remembered for dedup: far more than a replay page or a socket burst. */
const DEDUP_WINDOW = 2048;
const REPLAY_ATTEMPTS = 3;
const REPLAY_RETRY_MS = 200;

export class BoxSubscription implements AsyncIterableIterator<SubscriptionItem> {
  private readonly boxes = new Map<string, BoxState>();
  private readonly delivered = new Set<string>();
  private queue: SubscriptionItem[] = [];
  private waiter: ((result: IteratorResult<SubscriptionItem>) => void) | undefined;
  private closed = false;
  private ended = false;
  private seenOpen = false;

  constructor(private readonly options: BoxSubscriptionOptions) {
    for (const [boxId, anchor] of options.anchors) {
      this.boxes.set(boxId, { anchor, generation: 0, held: null });
    }
  }

  /** Ended (by the client, a failure, the last box left or shutdown). */
  get finished(): boolean {
    return this.closed;
  }

  wants(boxId: string): boolean {
    return !this.closed && this.boxes.has(boxId);
  }

  /** Any subscribed box, for the registry's periodic credential check. */
  someBox(): string | undefined {
    return this.boxes.keys().next().value;
  }

  /** A live update from the upstream socket. */
  push(update: BoxEventUpdate): void {
    const box = this.boxes.get(update.boxId);
    if (!box || this.closed) return;
    if (box.held) {
      box.held.push(update);
      if (box.held.length > this.options.bufferSize) this.overflow();
      return;
    }
    this.deliver(update);
  }

  /**
   * The upstream socket is open. The first time, the events between the REST check and the
   * socket are caught up silently; after a drop, each box is replayed, then gets its notice.
   */
  connected(): void {
    const notice = this.seenOpen;
    this.seenOpen = true;
    for (const boxId of this.boxes.keys()) {
      void this.replay(boxId, notice || this.options.tracker?.noticeFirst(boxId) === true);
    }
  }

  fail(error: GatewayError, reason: EndReason = 'failed'): void {
    if (this.closed) return;
    this.queue.push(error);
    this.close(reason, error);
  }

  complete(reason: EndReason = 'completed'): void {
    this.close(reason);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<SubscriptionItem>> {
    const value = this.queue.shift();
    if (value !== undefined) {
      this.options.tracker?.handed(value);
      return Promise.resolve({ value, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<SubscriptionItem>> {
    this.queue = [];
    this.close('client');
    return Promise.resolve({ value: undefined, done: true });
  }

  private close(reason: EndReason, error?: GatewayError): void {
    if (!this.closed) this.closed = true;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      const value = this.queue.shift();
      if (value !== undefined) this.options.tracker?.handed(value);
      waiter(value === undefined ? { value: undefined, done: true } : { value, done: false });
    }
    if (!this.ended) {
      this.ended = true;
      this.options.onEnd(reason, error);
    }
  }

  private enqueue(item: SubscriptionItem): void {
    if (this.closed) return;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      this.options.tracker?.handed(item);
      waiter({ value: item, done: false });
      return;
    }
    this.queue.push(item);
    if (this.queue.length > this.options.bufferSize) this.overflow();
  }

  /** The client stopped reading: drop what waits, end with SLOW_CONSUMER. */
  private overflow(): void {
    this.queue = [];
    for (const box of this.boxes.values()) box.held = null;
    this.fail(new SlowConsumerError(this.options.bufferSize), 'slow_consumer');
  }

  private deliver(update: BoxEventUpdate): void {
    const box = this.boxes.get(update.boxId);
    const event = update.event;
    if (!box || !event) return;
    if (this.delivered.has(event.id)) return;
    this.remember(event.id);
    if (isListed(event)) {
      box.anchor = event.id;
      // Built by box-update.ts for every subscriber of the event: reused, not encoded again.
      if (update.cursor !== '') [box.cursor, box.cursorAnchor] = [update.cursor, event.id];
    }
    this.enqueue(update.withCursor(this.cursorOf(update.boxId, box)));
    this.options.onDelivered('event');
    const ownExit =
      (event.type === 'member.kick' || event.type === 'member.leave') &&
      event.sender.id.toLowerCase() === this.options.identityId;
    if (ownExit) {
      this.boxes.delete(update.boxId);
      if (this.boxes.size === 0) this.complete();
    }
  }

  private remember(id: string): void {
    this.delivered.add(id);
    if (this.delivered.size > DEDUP_WINDOW) {
      this.delivered.delete(this.delivered.values().next().value as string);
    }
  }

  private async replay(boxId: string, notice: boolean): Promise<void> {
    const box = this.boxes.get(boxId);
    if (!box) return;
    const generation = ++box.generation;
    box.held ??= [];
    let missed = await this.readMissed(boxId, box.anchor);
    if (this.closed || box.generation !== generation || this.boxes.get(boxId) !== box) return;
    const trimmed = this.options.tracker?.trim(boxId, missed);
    if (trimmed) [missed, box.anchor] = [trimmed.missed, trimmed.anchor ?? box.anchor];
    const held = box.held ?? [];
    box.held = null;
    const replayed = (missed ?? []).map(
      (dto) => new BoxEventUpdate(boxId, toBoxEvent(dto, this.options.onOdd), null),
    );
    let fresh = 0;
    for (const update of replayed) {
      if (update.event && !this.delivered.has(update.event.id)) fresh++;
      this.deliver(update);
    }
    if (fresh > 0) this.options.onReplayed(fresh);
    if (notice && this.boxes.has(boxId)) {
      this.enqueue(BoxEventUpdate.resyncNotice(boxId, missed !== null, this.cursorOf(boxId, box)));
      this.options.onDelivered('resynced');
    }
    for (const update of held) this.deliver(update);
    this.options.tracker?.replayed(boxId, fresh);
  }

  /** Encoded once per position, not once per delivery. */
  private cursorOf(boxId: string, box: BoxState): string {
    if (box.cursor === undefined || box.cursorAnchor !== box.anchor) {
      box.cursor = encodeCursor({ boxId, eventId: box.anchor });
      box.cursorAnchor = box.anchor;
    }
    return box.cursor;
  }

  /** null when nothing can be replayed: the notice alone then tells the client to refetch. */
  private async readMissed(boxId: string, anchor: string | null) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await missedEvents(this.options.api, boxId, anchor);
      } catch (error) {
        const mapped = error instanceof UpstreamError ? toGraphQLError(error) : undefined;
        const refused =
          error instanceof UnauthenticatedError ||
          (mapped !== undefined && ACCESS_REFUSED_CODES.has(mapped.errorCode));
        if (refused) {
          // The caller lost access to the box (or its token): this box cannot go on.
          this.fail(mapped ?? (error as GatewayError));
          return null;
        }
        if (attempt >= REPLAY_ATTEMPTS || this.closed) return null;
        await new Promise((resolve) => setTimeout(resolve, REPLAY_RETRY_MS * attempt));
      }
    }
  }
}
