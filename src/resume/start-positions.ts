// Where each box of a new subscription starts (graphql-api.md §10.1): at a client's position
// (an `after` cursor, or a transparent resume's stored one) when it has one, which then replays
// and ends with a notice; else at "now", the newest listed event when it subscribed, silently
// (§10). With both, the stored position is where the replay starts and `after`'s is skipped to
// when the replay passes it: whichever is newer wins, and which one is newer only the list's
// order can tell (ids are not ordered).
import type { EventDto } from '../upstream/upstream-types';

/** Box id (lowercase) → the event id to resume after (null: the box was empty). */
export type StartPositions = ReadonlyMap<string, string | null>;

export interface Start {
  anchors: Map<string, string | null>;
  /** Boxes that start from a client's position. */
  resumed: Set<string>;
  /** Box → `after`'s event, where a stored position was chosen over it: skipped to if newer. */
  alsoAfter: Map<string, string>;
}

export function startFrom(
  now: ReadonlyMap<string, string | null>,
  after: StartPositions | undefined,
  stored: StartPositions | undefined,
): Start {
  const anchors = new Map(now);
  const resumed = new Set<string>();
  const alsoAfter = new Map<string, string>();
  for (const [boxId, eventId] of after ?? []) {
    if (!anchors.has(boxId)) continue;
    anchors.set(boxId, eventId);
    resumed.add(boxId);
  }
  for (const [boxId, eventId] of stored ?? []) {
    if (!anchors.has(boxId)) continue;
    const fromAfter = after?.get(boxId);
    if (typeof fromAfter === 'string' && fromAfter !== eventId) alsoAfter.set(boxId, fromAfter);
    anchors.set(boxId, eventId);
    resumed.add(boxId);
  }
  return { anchors, resumed, alsoAfter };
}

/**
 * The replayed events (oldest first) minus those up to and including `eventId` when it is among
 * them: that position was newer than the one the replay started from.
 */
export function skipThrough(
  missed: EventDto[],
  eventId: string,
): { events: EventDto[]; skipped: boolean } {
  const index = missed.findIndex((dto) => dto.id?.toLowerCase() === eventId);
  return index < 0
    ? { events: missed, skipped: false }
    : { events: missed.slice(index + 1), skipped: true };
}
