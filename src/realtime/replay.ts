// What a subscription missed in one box while the upstream socket was down, read from the REST
// list (docs/realtime.md): every listed event newer than the anchor (the last listed event the
// subscription delivered, or the newest one when it started), oldest first. "Newer" is the
// list's own order, newest first, never a comparison of timestamps: the socket carries
// nanosecond times and the list microsecond ones.
import type { BoxEventsApi, EventDto } from '../upstream/upstream-types';

export interface ReplayBounds {
  /** @default 100 */
  pageSize: number;
  /** Pages read before giving up on finding the anchor. @default 10 */
  maxPages: number;
}

const DEFAULT_BOUNDS: ReplayBounds = { pageSize: 100, maxPages: 10 };

/**
 * The listed events after `anchorId`, oldest first. `anchorId` null: the box was empty when the
 * subscription started, so everything listed is new. Returns null when the anchor is not within
 * the bounds (more was missed than the bound, or the anchor is gone): the caller then relies on
 * the resync notice alone, and the client refetches.
 */
export async function missedEvents(
  api: BoxEventsApi,
  boxId: string,
  anchorId: string | null,
  bounds: ReplayBounds = DEFAULT_BOUNDS,
): Promise<EventDto[] | null> {
  const newerFirst: EventDto[] = [];
  for (let page = 0; page < bounds.maxPages; page++) {
    const events = await api.listEvents(boxId, {
      offset: page * bounds.pageSize,
      limit: bounds.pageSize,
    });
    for (const event of events) {
      if (anchorId !== null && event.id?.toLowerCase() === anchorId) return newerFirst.reverse();
      newerFirst.push(event);
    }
    if (events.length < bounds.pageSize) return anchorId === null ? newerFirst.reverse() : null;
  }
  return null;
}

/** The newest listed event's id, or null for an empty box: where a new subscription starts. */
export async function newestEventId(api: BoxEventsApi, boxId: string): Promise<string | null> {
  const [newest] = await api.listEvents(boxId, { offset: 0, limit: 1 });
  return typeof newest?.id === 'string' ? newest.id.toLowerCase() : null;
}
