// Per-request loaders: within one operation the same upstream call is never made twice
// (aliases, repeated ids, events pointing back at their box), and pages of one list merge.
// Created fresh for every request, so nothing is shared between callers.
import DataLoader from 'dataloader';
import type { BoxEventsApi, Page } from '../upstream/upstream-types';
import { PageLoader } from './page-loader';

export type { PageKey } from './page-loader';

/** What the operation plan expects of one box in one generation (see PageLoader.expect). */
export interface PlannedLists {
  events: Page[];
  files: Page[];
}

export interface Loaders {
  /** GET /boxes/:id/events windows, merged per box. */
  events: PageLoader;
  /** GET /boxes/:id/files windows, merged per box. */
  files: PageLoader;
  /** HEAD /boxes/:id/events. */
  eventsCount: DataLoader<string, number>;
  /** HEAD /boxes/:id/files. */
  filesCount: DataLoader<string, number>;
  /** Drop everything this request cached for one box: called after every mutation on it. */
  clearBox(boxId: string): void;
  /**
   * The operation plan's merged windows per box id, by generation (index 0 before any write to
   * the box, k after its k-th): later windows are then served by the call an earlier one made.
   */
  expectPages(plan: ReadonlyMap<string, readonly PlannedLists[]>): void;
}

/**
 * There is no batch endpoint upstream, so a count loader makes one call per distinct box id:
 * the win is per-request dedup. A failed key becomes an Error for that key only.
 */
function countLoader(name: string, count: (boxId: string) => Promise<number>) {
  return new DataLoader<string, number>(
    (boxIds) => Promise.all(boxIds.map((boxId) => count(boxId).catch((error: Error) => error))),
    { name },
  );
}

export function createLoaders(api: BoxEventsApi): Loaders {
  const events = new PageLoader('events', (boxId, page) => api.listEvents(boxId, page));
  const files = new PageLoader('files', (boxId, page) => api.listFiles(boxId, page));
  const eventsCount = countLoader('eventsCount', (boxId) => api.countEvents(boxId));
  const filesCount = countLoader('filesCount', (boxId) => api.countFiles(boxId));
  return {
    events,
    files,
    eventsCount,
    filesCount,
    clearBox(boxId) {
      events.clearBox(boxId);
      files.clearBox(boxId);
      eventsCount.clear(boxId);
      filesCount.clear(boxId);
    },
    expectPages(plan) {
      for (const [boxId, generations] of plan) {
        events.expect(
          boxId,
          generations.map((lists) => lists.events),
        );
        files.expect(
          boxId,
          generations.map((lists) => lists.files),
        );
      }
    },
  };
}
