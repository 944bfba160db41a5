// Loads windows of one kind of list (events or files) for one operation with page merging:
// windows asked in the same tick are merged per box (merge-windows.ts), and a window asked later
// that an earlier answer already covers is sliced from it instead of fetched again.
//
// Ticks alone cannot merge a window asked later, e.g. `events(limit: 2) { box { events(limit:
// 40) } }` asks [0,2) first and [0,40) only once the first answer is in. So the operation plan
// (limits/operation-plan.ts), which sees every window before execution, hands each box its
// merged windows (expect()); a load then fetches the planned window that covers it, and every
// later window of the same box is a slice of an answer already fetched or in flight.
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
  /** Planned windows per box, per generation (index = how many times the box was cleared). */
  private readonly planned = new Map<string, ReadonlyArray<readonly Page[]>>();
  private readonly generations = new Map<string, number>();
  // DataLoader only for its batching tick; caching is ours (by covering window, not by key).
  private readonly batcher: DataLoader<PageKey, EventDto[], string>;

  constructor(
    name: string,
    private readonly fetchPage: FetchPage,
    /** Called on every load (tracing counts what dedup and merging saved). */
    private readonly onLoad?: () => void,
  ) {
    this.batcher = new DataLoader((keys) => this.dispatch(keys), { cache: false, name });
  }

  /**
   * The windows this operation will ask of a box, already merged: `byGeneration[0]` before any
   * write to the box, `[k]` after its k-th write (clearBox). Only ever widens what one call
   * fetches; a window no planned one covers is loaded as asked.
   */
  expect(boxId: string, byGeneration: ReadonlyArray<readonly Page[]>): void {
    this.planned.set(boxId, byGeneration);
  }

  load(key: PageKey): Promise<EventDto[]> {
    this.onLoad?.();
    const hit = this.fetched.get(key.boxId)?.find((window) => covers(window.page, key));
    if (hit) return hit.items.then((items) => sliceWindow(items, hit.page, key));
    const plan = this.planned.get(key.boxId)?.[this.generations.get(key.boxId) ?? 0];
    const window = plan?.find((page) => covers(page, key));
    if (!window || (window.offset === key.offset && window.limit === key.limit)) {
      return this.batcher.load(key);
    }
    return this.batcher
      .load({ boxId: key.boxId, offset: window.offset, limit: window.limit })
      .then((items) => sliceWindow(items, window, key));
  }

  /** Forget what this operation fetched for a box (after a mutation on it). */
  clearBox(boxId: string): void {
    this.fetched.delete(boxId);
    this.generations.set(boxId, (this.generations.get(boxId) ?? 0) + 1);
  }

  private async dispatch(keys: readonly PageKey[]): Promise<Array<EventDto[] | Error>> {
    const byBox = new Map<string, number[]>();
    keys.forEach((key, index) => {
      const indexes = byBox.get(key.boxId);
      if (indexes) indexes.push(index);
      else byBox.set(key.boxId, [index]);
    });

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
