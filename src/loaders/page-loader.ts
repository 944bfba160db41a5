// Loads windows of one kind of list (events or files) for one operation with page merging:
// windows asked in the same tick are merged per box (merge-windows.ts), and a window asked later
// that an earlier answer already covers is sliced from it instead of fetched again.
import DataLoader from 'dataloader';
import type { EventDto, Page } from '../upstream/upstream-types';
import { covers, mergeWindows, sliceWindow } from './merge-windows';

export interface PageKey extends Page {
  boxId: string;
}

type FetchPage = (boxId: string, page: Page) => Promise<EventDto[]>;

interface FetchedWindow {
  page: Page;
  items: Promise<EventDto[]>;
}

export class PageLoader {
  /** Windows fetched (or in flight) per box during this operation. */
  private readonly fetched = new Map<string, FetchedWindow[]>();
  // DataLoader only for its batching tick; caching is ours (by covering window, not by key).
  private readonly batcher: DataLoader<PageKey, EventDto[], string>;

  constructor(
    name: string,
    private readonly fetchPage: FetchPage,
  ) {
    this.batcher = new DataLoader((keys) => this.dispatch(keys), { cache: false, name });
  }

  load(key: PageKey): Promise<EventDto[]> {
    const hit = this.fetched.get(key.boxId)?.find((window) => covers(window.page, key));
    if (hit) return hit.items.then((items) => sliceWindow(items, hit.page, key));
    return this.batcher.load(key);
  }

  /** Forget what this operation fetched for a box (after a mutation on it). */
  clearBox(boxId: string): void {
    this.fetched.delete(boxId);
  }

  private async dispatch(keys: readonly PageKey[]): Promise<Array<EventDto[] | Error>> {
    const byBox = new Map<string, number[]>();
    keys.forEach((key, index) => byBox.set(key.boxId, [...(byBox.get(key.boxId) ?? []), index]));

    const results: Array<Promise<EventDto[] | Error>> = new Array(keys.length);
    for (const [boxId, indexes] of byBox) {
      const windows = indexes.map((index) => keys[index]);
      for (const merged of mergeWindows(windows)) {
        const page = { offset: merged.offset, limit: merged.limit };
        const items = this.fetchPage(boxId, page);
        items.catch(() => undefined); // rejections are delivered per key below, never unhandled
        const list = this.fetched.get(boxId) ?? [];
        list.push({ page, items });
        this.fetched.set(boxId, list);
        for (const member of merged.members) {
          const key = windows[member];
          results[indexes[member]] = items.then(
            (all) => sliceWindow(all, page, key),
            (error: Error) => error,
          );
        }
      }
    }
    return Promise.all(results);
  }
}
