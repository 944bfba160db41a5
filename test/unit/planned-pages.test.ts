// Page merging across ticks: windows of one box asked at different depths of an operation (so
// in different ticks) are served by the calls the operation plan counted, never more, each
// window still getting exactly what a direct request for it would return.
import fc from 'fast-check';
import { MAX_WINDOW, mergeWindows } from '../../src/loaders/merge-windows';
import { PageLoader } from '../../src/loaders/page-loader';
import type { EventDto, Page } from '../../src/upstream/upstream-types';

const BOX = 'b0000000-0000-4000-8000-000000000001';

function fakeList(size: number) {
  const items = Array.from({ length: size }, (_, i) => ({ id: `e${i}` }) as EventDto);
  const calls: Page[] = [];
  const fetchPage = async (_boxId: string, page: Page) => {
    calls.push(page);
    return items.slice(page.offset, page.offset + page.limit);
  };
  return { items, calls, fetchPage };
}

const planned = (windows: readonly Page[]) =>
  mergeWindows(windows).map(({ offset, limit }) => ({ offset, limit }));

const windowArb = fc.record({
  offset: fc.integer({ min: 0, max: 1200 }),
  limit: fc.integer({ min: 1, max: MAX_WINDOW }),
});
/** Windows grouped into ticks: each inner array is asked together, after the previous one answered. */
const ticksArb = fc.array(fc.array(windowArb, { minLength: 1, maxLength: 5 }), {
  minLength: 1,
  maxLength: 5,
});

describe('planned page windows', () => {
  it('serves windows asked in any number of ticks with exactly the planned calls', async () => {
    await fc.assert(
      fc.asyncProperty(ticksArb, fc.integer({ min: 0, max: 1500 }), async (ticks, size) => {
        const list = fakeList(size);
        const loader = new PageLoader('events', list.fetchPage);
        const plan = planned(ticks.flat());
        loader.expect(BOX, [plan]);
        for (const tick of ticks) {
          const results = await Promise.all(tick.map((w) => loader.load({ boxId: BOX, ...w })));
          results.forEach((result, i) => {
            const w = tick[i];
            expect(result).toEqual(list.items.slice(w.offset, w.offset + w.limit));
          });
        }
        expect([...list.calls].sort(byOffset)).toEqual([...plan].sort(byOffset));
      }),
    );
  });

  it('uses each generation of the plan after the matching clearBox', async () => {
    const list = fakeList(100);
    const loader = new PageLoader('events', list.fetchPage);
    loader.expect(BOX, [[], [{ offset: 0, limit: 30 }]]);
    await loader.load({ boxId: BOX, offset: 0, limit: 2 }); // generation 0 plans nothing here
    loader.clearBox(BOX);
    await loader.load({ boxId: BOX, offset: 0, limit: 2 });
    expect(await loader.load({ boxId: BOX, offset: 5, limit: 25 })).toEqual(
      list.items.slice(5, 30),
    );
    expect(list.calls).toEqual([
      { offset: 0, limit: 2 },
      { offset: 0, limit: 30 },
    ]);
  });

  it('loads a window no planned one covers as asked', async () => {
    const list = fakeList(100);
    const loader = new PageLoader('events', list.fetchPage);
    loader.expect(BOX, [[{ offset: 0, limit: 10 }]]);
    expect(await loader.load({ boxId: BOX, offset: 5, limit: 10 })).toEqual(
      list.items.slice(5, 15),
    );
    expect(list.calls).toEqual([{ offset: 5, limit: 10 }]);
  });
});

function byOffset(a: Page, b: Page): number {
  return a.offset - b.offset || a.limit - b.limit;
}
