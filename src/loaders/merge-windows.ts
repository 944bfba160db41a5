// Page merging: the windows asked of one box's list within one operation are served by the
// fewest upstream GETs. Windows that overlap or touch merge while the merged window stays within
// the upstream's page size; every field then takes its exact slice of the merged answer.
import type { Page } from '../upstream/upstream-types';

/** The upstream's default page size, and the largest window the gateway ever asks for. */
export const MAX_WINDOW = 500;

export interface MergedWindow extends Page {
  /** Indexes (into the input array) of the windows this one serves. */
  members: number[];
}

/**
 * Greedy sweep by offset: optimal for interval covering when each merged window is capped,
 * because extending the current window never costs an extra call that starting a new one saves.
 */
export function mergeWindows(windows: readonly Page[], maxLimit = MAX_WINDOW): MergedWindow[] {
  // By offset, the longer first at equal offsets: a window a connection's `first + 1` makes
  // longer than maxLimit (501) then absorbs every shorter one it covers.
  const endOf = (index: number) => windows[index].offset + windows[index].limit;
  const order = windows
    .map((_, index) => index)
    .sort((a, b) => windows[a].offset - windows[b].offset || endOf(b) - endOf(a));
  const merged: MergedWindow[] = [];
  let current: MergedWindow | undefined;
  for (const index of order) {
    const { offset, limit } = windows[index];
    const end = offset + limit;
    const currentEnd = current ? current.offset + current.limit : -1;
    // A window the current one already covers always joins it, even when the current one is
    // over maxLimit: fetching it again would cost a call for nothing.
    const covered = current !== undefined && end <= currentEnd;
    if (
      current &&
      offset <= currentEnd &&
      (covered || Math.max(end, currentEnd) - current.offset <= maxLimit)
    ) {
      current.limit = Math.max(end, currentEnd) - current.offset;
      current.members.push(index);
    } else {
      current = { offset, limit, members: [index] };
      merged.push(current);
    }
  }
  return merged;
}

/** The part of `items` (fetched for `from`) that a direct request for `window` would return. */
export function sliceWindow<T>(items: readonly T[], from: Page, window: Page): T[] {
  const start = window.offset - from.offset;
  return items.slice(start, start + window.limit);
}

/** Whether `outer` holds every index of `inner` (so `inner` can be sliced from it). */
export function covers(outer: Page, inner: Page): boolean {
  return outer.offset <= inner.offset && inner.offset + inner.limit <= outer.offset + outer.limit;
}
