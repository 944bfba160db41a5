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
  return new OperationLoaders(api, stats);
}

/**
 * The box-event loaders every query uses, built with the operation; the chat loaders (three
 * DataLoaders and their closures) only when a chat field asks for one. A class rather than an
 * object literal spread from the chat loaders: that spread cost ~19 µs per request (V8 built the
 * object's shape at run time each time), and with the eager chat loaders it was the largest part
 * of the request path's cost over the tree before the pipeline (bench/RESULTS.md, 2026-12-08).
 */
class OperationLoaders implements Loaders {
  readonly events: PageLoader;
  readonly files: PageLoader;
  readonly eventsCount: DataLoader<string, number>;
  readonly filesCount: DataLoader<string, number>;
  private builtChat?: ChatLoaders;

  constructor(
    private readonly api: GatewayApi,
    private readonly stats?: LoadStats,
  ) {
    const onLoad = stats && (() => void (stats.loads += 1));
    this.events = new PageLoader(
      'events',
      this.fetched((boxId: string, page: Page) => api.listEvents(boxId, page)),
      onLoad,
    );
    this.files = new PageLoader(
      'files',
      this.fetched((boxId: string, page: Page) => api.listFiles(boxId, page)),
      onLoad,
    );
    this.eventsCount = countLoader(
      'eventsCount',
      this.fetched((boxId: string) => api.countEvents(boxId)),
      onLoad,
    );
    this.filesCount = countLoader(
      'filesCount',
      this.fetched((boxId: string) => api.countFiles(boxId)),
      onLoad,
    );
  }

  /** `call`, counted as a fetch when the operation is traced. */
  private fetched<A extends unknown[], R>(call: (...args: A) => Promise<R>) {
    const { stats } = this;
    return stats ? (...args: A) => ((stats.fetches += 1), call(...args)) : call;
  }

  private get chat(): ChatLoaders {
    return (this.builtChat ??= createChatLoaders(this.api, (call) => this.fetched(call)));
  }

  me() {
    return this.chat.me();
  }
  get boxView() {
    return this.chat.boxView;
  }
  get members() {
    return this.chat.members;
  }
  get accesses() {
    return this.chat.accesses;
  }
  myBoxes(page: Page) {
    return this.chat.myBoxes(page);
  }
  myBoxesCount() {
    return this.chat.myBoxesCount();
  }
  clearChatBox(boxId: string): void {
    this.builtChat?.clearChatBox(boxId);
  }

  clearBox(boxId: string): void {
    this.events.clearBox(boxId);
    this.files.clearBox(boxId);
    this.eventsCount.clear(boxId);
    this.filesCount.clear(boxId);
    this.clearChatBox(boxId);
  }

  expectPages(plan: ReadonlyMap<string, readonly PlannedLists[]>): void {
    for (const [boxId, generations] of plan) {
      this.events.expect(
        boxId,
        generations.map((lists) => lists.events),
      );
      this.files.expect(
        boxId,
        generations.map((lists) => lists.files),
      );
    }
  }
}
