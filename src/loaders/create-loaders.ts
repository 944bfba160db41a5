// Per-request loaders: within one operation the same upstream call is never made twice
// (aliases, repeated ids, events pointing back at their box), and pages of one list merge.
// Created fresh for every request, so nothing is shared between callers.
import DataLoader from 'dataloader';
import type { GatewayApi, Page } from '../upstream/upstream-types';
import { createChatLoaders, type ChatLoaders } from './chat-loaders';
import { PageLoader } from './page-loader';

export type { PageKey } from './page-loader';

/** What the operation plan expects of one box in one generation (see PageLoader.expect). */
export interface PlannedLists {
  events: Page[];
  files: Page[];
}

export interface Loaders extends ChatLoaders {
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

/** What one operation's loaders were asked and what they fetched (counted only when traced). */
export interface LoadStats {
  /** Loads resolvers asked for. */
  loads: number;
  /** Upstream calls the loaders made for them: the difference was shared (dedup, merging). */
  fetches: number;
}

/**
 * There is no batch endpoint upstream, so a count loader makes one call per distinct box id:
 * the win is per-request dedup. A failed key becomes an Error for that key only.
 */
function countLoader(name: string, count: (boxId: string) => Promise<number>, onLoad?: () => void) {
  return new DataLoader<string, number>(
    (boxIds) => Promise.all(boxIds.map((boxId) => count(boxId).catch((error: Error) => error))),
    // DataLoader looks every load up in its cache map first: that lookup is where loads count.
    { name, ...(onLoad ? { cacheMap: new CountingMap(onLoad) } : {}) },
  );
}

class CountingMap<K, V> extends Map<K, V> {
  constructor(private readonly onGet: () => void) {
    super();
  }
  override get(key: K): V | undefined {
    this.onGet();
    return super.get(key);
  }
}

export function createLoaders(api: GatewayApi, stats?: LoadStats): Loaders {
  const onLoad = stats && (() => void (stats.loads += 1));
  const fetched = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    stats ? (...args: A) => ((stats.fetches += 1), call(...args)) : call;
  const events = new PageLoader(
    'events',
    fetched((boxId: string, page: Page) => api.listEvents(boxId, page)),
    onLoad,
  );
  const files = new PageLoader(
    'files',
    fetched((boxId: string, page: Page) => api.listFiles(boxId, page)),
    onLoad,
  );
  const eventsCount = countLoader(
    'eventsCount',
    fetched((boxId: string) => api.countEvents(boxId)),
    onLoad,
  );
  const filesCount = countLoader(
    'filesCount',
    fetched((boxId: string) => api.countFiles(boxId)),
    onLoad,
  );
  const chat = createChatLoaders(api, fetched);
  return {
    ...chat,
    events,
    files,
    eventsCount,
    filesCount,
    clearBox(boxId) {
      events.clearBox(boxId);
      files.clearBox(boxId);
      eventsCount.clear(boxId);
      filesCount.clear(boxId);
      chat.clearChatBox(boxId);
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
