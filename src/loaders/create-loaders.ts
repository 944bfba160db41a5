// Per-request DataLoaders: within one operation the same upstream call is never made twice
// (aliases, repeated ids, events pointing back at their box). Created fresh for every request,
// so nothing is shared between callers.
import DataLoader from 'dataloader';
import type { BoxEventsApi, EventDto, Page } from '../upstream/upstream-types';

export interface PageKey extends Page {
  boxId: string;
}

export interface Loaders {
  /** GET /boxes/:id/events for one window. */
  events: DataLoader<PageKey, EventDto[], string>;
  /** GET /boxes/:id/files for one window. */
  files: DataLoader<PageKey, EventDto[], string>;
  /** HEAD /boxes/:id/events. */
  eventsCount: DataLoader<string, number>;
  /** HEAD /boxes/:id/files. */
  filesCount: DataLoader<string, number>;
  /** Drop everything this request cached for one box: called after every mutation on it. */
  clearBox(boxId: string): void;
}

const pageKey = (key: PageKey): string => `${key.boxId}:${key.offset}:${key.limit}`;

/**
 * A loader whose batch function makes one call per distinct key. There is no batch endpoint
 * upstream, so the win is per-request dedup; the cache map is ours so clearBox can find keys.
 */
function perKeyLoader<K, V>(name: string, load: (key: K) => Promise<V>, cacheKeyFn: (key: K) => string) {
  const cacheMap = new Map<string, Promise<V>>();
  const loader = new DataLoader<K, V, string>(
    (keys) => Promise.all(keys.map((key) => load(key).catch((error: Error) => error))),
    { cacheKeyFn, cacheMap, name },
  );
  return { loader, cacheMap };
}

export function createLoaders(api: BoxEventsApi): Loaders {
  const events = perKeyLoader('events', (k: PageKey) => api.listEvents(k.boxId, k), pageKey);
  const files = perKeyLoader('files', (k: PageKey) => api.listFiles(k.boxId, k), pageKey);
  const eventsCount = perKeyLoader('eventsCount', (id: string) => api.countEvents(id), String);
  const filesCount = perKeyLoader('filesCount', (id: string) => api.countFiles(id), String);

  return {
    events: events.loader,
    files: files.loader,
    eventsCount: eventsCount.loader,
    filesCount: filesCount.loader,
    clearBox(boxId) {
      eventsCount.loader.clear(boxId);
      filesCount.loader.clear(boxId);
      for (const { cacheMap } of [events, files]) {
        for (const key of cacheMap.keys()) if (key.startsWith(`${boxId}:`)) cacheMap.delete(key);
      }
    },
  };
}
