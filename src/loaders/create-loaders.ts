// Per-request loaders: within one operation the same upstream call is never made twice
// (aliases, repeated ids, events pointing back at their box), and pages of one list merge.
// Created fresh for every request, so nothing is shared between callers.
import DataLoader from 'dataloader';
import type { BoxEventsApi } from '../upstream/upstream-types';
import { PageLoader } from './page-loader';

export type { PageKey } from './page-loader';

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
  };
}
