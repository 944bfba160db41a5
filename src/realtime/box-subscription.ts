// One Subscription.boxEvents as an async iterator (docs/realtime.md): what it receives from
// its upstream socket, in order, each event once, with the replay and the resync notice after a
// drop, and the box dropped after the caller's own kick or leave. The queue, its bound and its
// end are subscription-queue.ts's; the items are upstream-level (realtime-items.ts).
import { UnauthenticatedError, type GatewayError } from '../errors/gateway-errors';
import { ACCESS_REFUSED_CODES } from '../errors/request-errors';
import { toGraphQLError } from '../errors/to-graphql-error';
import { UpstreamError } from '../upstream/upstream-errors';
import type { BoxEventsApi, EventDto } from '../upstream/upstream-types';
import { encodeCursor } from '../resume/cursor';
import type { DeliveryTracker } from '../resume/delivery-tracker';
import { eventIdOf, isListed, senderIdOf, type BoxEventItem, type BoxItem } from './realtime-items';
import { missedEvents } from './replay';
import { SubscriptionQueue, type EndReason } from './subscription-queue';

export type { EndReason } from './subscription-queue';

export interface BoxSubscriptionOptions {
  api: BoxEventsApi;
  /** The caller's identity, lowercase: its own kick or leave drops the box. */
  identityId: string;
  /** Box id (lowercase) → the newest listed event id when the subscription started. */
  anchors: ReadonlyMap<string, string | null>;
  bufferSize: number;
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
  /** Live items held while a replay of this box runs; null when none runs. */
  held: BoxEventItem[] | null;
  /** The cursor of `cursorAnchor`, kept while the anchor does not move. */
  cursor?: string;
  cursorAnchor?: string | null;
}

/** Delivered ids remembered for dedup: far more than a replay page or a socket burst. */
const DEDUP_WINDOW = 2048;
const REPLAY_ATTEMPTS = 3;
const REPLAY_RETRY_MS = 200;

export class BoxSubscription extends SubscriptionQueue<BoxItem> {
  private readonly boxes = new Map<string, BoxState>();
  private readonly delivered = new Set<string>();
  private seenOpen = false;

  constructor(private readonly options: BoxSubscriptionOptions) {
    const tracker = options.tracker;
    super({
      bufferSize: options.bufferSize,
      onEnd: options.onEnd,
      onHanded: tracker && ((item) => tracker.handed('cursor' in item ? item : undefined)),
    });
    for (const [boxId, anchor] of options.anchors) {
      this.boxes.set(boxId, { anchor, generation: 0, held: null });
    }
  }

  wants(boxId: string): boolean {
    return !this.finished && this.boxes.has(boxId);
  }

  /** Any subscribed box, for the registry's periodic credential check. */
  someBox(): string | undefined {
    return this.boxes.keys().next().value;
  }

  /** A live event from the upstream socket: the registry's one item for every subscriber. */
  push(item: BoxEventItem): void {
    const box = this.boxes.get(item.boxId);
    if (!box || this.finished) return;
    if (box.held) {
      box.held.push(item);
      if (box.held.length > this.options.bufferSize) this.overflow();
      return;
    }
    this.deliver(item);
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

  protected override overflow(): void {
    for (const box of this.boxes.values()) box.held = null;
    super.overflow();
  }

  private deliver(item: BoxEventItem): void {
    const box = this.boxes.get(item.boxId);
    if (!box || this.delivered.has(item.eventId)) return;
    this.remember(item.eventId);
    if (isListed(item.dto)) {
      box.anchor = item.eventId;
      // Encoded by the registry for every subscriber of the event: reused, not encoded again.
      if (item.cursor !== '') [box.cursor, box.cursorAnchor] = [item.cursor, item.eventId];
    }
    const cursor = this.cursorOf(item.boxId, box);
    // The shared item where this subscription is at its position, so shared execution holds.
    this.enqueue(cursor === item.cursor ? item : { ...item, cursor });
    this.options.onDelivered('event');
    const type = item.dto.type;
    const ownExit =
      (type === 'member.kick' || type === 'member.leave') &&
      senderIdOf(item.dto) === this.options.identityId;
    if (ownExit) {
      this.boxes.delete(item.boxId);
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
    if (this.finished || box.generation !== generation || this.boxes.get(boxId) !== box) return;
    const trimmed = this.options.tracker?.trim(boxId, missed);
    if (trimmed) [missed, box.anchor] = [trimmed.missed, trimmed.anchor ?? box.anchor];
    const held = box.held ?? [];
    box.held = null;
    let fresh = 0;
    for (const item of replayedItems(boxId, missed ?? [])) {
      if (!this.delivered.has(item.eventId)) fresh++;
      this.deliver(item);
    }
    if (fresh > 0) this.options.onReplayed(fresh);
    if (notice && this.boxes.has(boxId)) {
      const cursor = this.cursorOf(boxId, box);
      this.enqueue({ kind: 'resync', boxId, recovered: missed !== null, cursor });
      this.options.onDelivered('resynced');
    }
    for (const item of held) this.deliver(item);
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
        if (attempt >= REPLAY_ATTEMPTS || this.finished) return null;
        await new Promise((resolve) => setTimeout(resolve, REPLAY_RETRY_MS * attempt));
      }
    }
  }
}

/** Listed events as items: their cursors are stamped on delivery. Events without an id are skipped. */
function replayedItems(boxId: string, dtos: readonly EventDto[]): BoxEventItem[] {
  const items: BoxEventItem[] = [];
  for (const dto of dtos) {
    const eventId = eventIdOf(dto);
    if (eventId !== undefined) items.push({ kind: 'event', boxId, eventId, dto, cursor: '' });
  }
  return items;
}
