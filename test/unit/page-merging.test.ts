// Page merging, property-based: whatever windows one operation asks of a list, every field gets
// exactly what a direct request for its own window would return, with no more GETs than needed.
import fc from 'fast-check';
import { MAX_WINDOW, mergeWindows } from '../../src/loaders/merge-windows';
import { PageLoader } from '../../src/loaders/page-loader';
import type { EventDto, Page } from '../../src/upstream/upstream-types';

const BOX = 'b0000000-0000-4000-8000-000000000001';

/** A fake upstream list of `size` events, and the record of every window it was asked for. */
function fakeList(size: number) {
  const items = Array.from({ length: size }, (_, i) => ({ id: `e${i}` }) as EventDto);
  const calls: Page[] = [];
  const fetchPage = async (_boxId: string, page: Page) => {
    calls.push(page);
    return items.slice(page.offset, page.offset + page.limit);
  };
  return { items, calls, fetchPage };
}

const windowArb = fc.record({
  offset: fc.integer({ min: 0, max: 1200 }),
  limit: fc.integer({ min: 1, max: 500 }),
});

describe('page merging', () => {
  it('gives every window exactly the slice a direct request would return', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(windowArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 1500 }),
        async (windows, size) => {
          const list = fakeList(size);
          const loader = new PageLoader('events', list.fetchPage);
          const results = await Promise.all(windows.map((w) => loader.load({ boxId: BOX, ...w })));
          results.forEach((result, i) => {
            expect(result).toEqual(
              list.items.slice(windows[i].offset, windows[i].offset + windows[i].limit),
            );
          });
          expect(list.calls.length).toBe(mergeWindows(windows).length);
          for (const call of list.calls) expect(call.limit).toBeLessThanOrEqual(MAX_WINDOW);
        },
      ),
    );
  });

  it('merges only when needed: no two merged windows could have been one', () => {
    fc.assert(
      fc.property(fc.array(windowArb, { minLength: 1, maxLength: 20 }), (windows) => {
        const merged = mergeWindows(windows);
        const members = merged.flatMap((m) => m.members).sort((a, b) => a - b);
        expect(members).toEqual(windows.map((_, i) => i));
        for (const m of merged) {
          for (const i of m.members) {
            expect(windows[i].offset).toBeGreaterThanOrEqual(m.offset);
            expect(windows[i].offset + windows[i].limit).toBeLessThanOrEqual(m.offset + m.limit);
          }
        }
        for (let i = 1; i < merged.length; i++) {
          const [a, b] = [merged[i - 1], merged[i]];
          const touching = b.offset <= a.offset + a.limit;
          const span = Math.max(a.offset + a.limit, b.offset + b.limit) - a.offset;
          expect(touching && span <= MAX_WINDOW).toBe(false);
        }
      }),
    );
  });

  it('merges the issue example into one call: limit 5 and limit 50 → offset 0, limit 50', async () => {
    const list = fakeList(100);
    const loader = new PageLoader('events', list.fetchPage);
    await Promise.all([
      loader.load({ boxId: BOX, offset: 0, limit: 5 }),
      loader.load({ boxId: BOX, offset: 0, limit: 50 }),
    ]);
    expect(list.calls).toEqual([{ offset: 0, limit: 50 }]);
  });

  it("a connection's first + 1 window (501, over the page size) absorbs the windows it covers", async () => {
    expect(
      mergeWindows([
        { offset: 0, limit: 2 },
        { offset: 0, limit: 501 },
        { offset: 0, limit: 501 },
        { offset: 3, limit: 1 },
      ]),
    ).toEqual([{ offset: 0, limit: 501, members: [1, 2, 0, 3] }]);
    const list = fakeList(600);
    const loader = new PageLoader('events', list.fetchPage);
    await Promise.all([
      loader.load({ boxId: BOX, offset: 0, limit: 501 }),
      loader.load({ boxId: BOX, offset: 0, limit: 501 }),
      loader.load({ boxId: BOX, offset: 0, limit: 1 }),
    ]);
    expect(list.calls).toEqual([{ offset: 0, limit: 501 }]);
  });

  it('serves a later window from an earlier covering answer, and fetches again after clearBox', async () => {
    const list = fakeList(100);
    const loader = new PageLoader('events', list.fetchPage);
    await loader.load({ boxId: BOX, offset: 0, limit: 50 });
    expect(await loader.load({ boxId: BOX, offset: 10, limit: 5 })).toEqual(
      list.items.slice(10, 15),
    );
    expect(list.calls).toHaveLength(1);
    loader.clearBox(BOX);
    await loader.load({ boxId: BOX, offset: 10, limit: 5 });
    expect(list.calls).toEqual([
      { offset: 0, limit: 50 },
      { offset: 10, limit: 5 },
    ]);
  });

  it('keeps boxes apart and delivers a failure to the windows of the failed call only', async () => {
    const other = 'b0000000-0000-4000-8000-000000000002';
    const list = fakeList(10);
    const loader = new PageLoader('events', (boxId, page) =>
      boxId === other ? Promise.reject(new Error('boom')) : list.fetchPage(boxId, page),
    );
    const [ok, failed] = await Promise.allSettled([
      loader.load({ boxId: BOX, offset: 0, limit: 3 }),
      loader.load({ boxId: other, offset: 0, limit: 3 }),
    ]);
    expect(ok).toEqual({ status: 'fulfilled', value: list.items.slice(0, 3) });
    expect(failed).toMatchObject({ status: 'rejected', reason: new Error('boom') });
  });
});
