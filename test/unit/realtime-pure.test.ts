// Pure pieces of the realtime path: reconnect delays, the Origin rule, the replay window.
import { isOriginAllowed } from '../../src/http/origin-check';
import { reconnectDelay } from '../../src/realtime/reconnect-backoff';
import { missedEvents } from '../../src/realtime/replay';
import type { BoxEventsApi, EventDto, Page } from '../../src/upstream/upstream-types';

describe('reconnectDelay', () => {
  const options = { baseMs: 100, maxMs: 1000 };
  it('is uniformly below a cap doubling per attempt, up to the maximum', () => {
    expect(reconnectDelay(0, options, () => 0.999)).toBe(99);
    expect(reconnectDelay(3, options, () => 0.999)).toBe(799);
    expect(reconnectDelay(10, options, () => 0.999)).toBe(999);
    expect(reconnectDelay(10, options, () => 0)).toBe(0);
  });
});

describe('isOriginAllowed', () => {
  const cookie = 'accesstoken=t; tokentype=bearer';
  const host = 'gw.example.com:4000';
  it.each([
    ['no Origin', { cookie, host }, true],
    ['no session cookie', { origin: 'https://evil.example', host }, true],
    ['the own origin over http', { cookie, host, origin: `http://${host}` }, true],
    ['the own origin over https', { cookie, host, origin: `https://${host}` }, true],
    ['an allowed origin', { cookie, host, origin: 'https://app.example.com' }, true],
    ['a foreign origin with the cookie', { cookie, host, origin: 'https://evil.example' }, false],
    [
      'an allowed origin with a trailing slash',
      { cookie, host, origin: 'https://app.example.com/' },
      false,
    ],
  ])('%s → %s', (_name, headers, allowed) => {
    expect(isOriginAllowed(headers, ['https://app.example.com'])).toBe(allowed);
  });
});

describe('missedEvents', () => {
  const ids = Array.from({ length: 250 }, (_, i) => `e${String(249 - i).padStart(3, '0')}`); // newest first
  const api = (calls: Page[]): BoxEventsApi =>
    ({
      listEvents: async (_box: string, page: Page) => {
        calls.push(page);
        return ids.slice(page.offset, page.offset + page.limit).map((id) => ({ id }) as EventDto);
      },
    }) as unknown as BoxEventsApi;

  it('returns what is newer than the anchor, oldest first, reading pages until it is found', async () => {
    const calls: Page[] = [];
    const missed = await missedEvents(api(calls), 'b', 'e100', { pageSize: 100, maxPages: 10 });
    expect(missed?.map((e) => e.id)).toEqual(ids.slice(0, 149).reverse());
    expect(calls).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
    ]);
  });

  it('returns null when the anchor is not within the bound, and everything for an empty start', async () => {
    expect(await missedEvents(api([]), 'b', 'e000', { pageSize: 100, maxPages: 2 })).toBeNull();
    expect(await missedEvents(api([]), 'b', 'gone', { pageSize: 100, maxPages: 10 })).toBeNull();
    const all = await missedEvents(api([]), 'b', null, { pageSize: 100, maxPages: 10 });
    expect(all).toHaveLength(250);
    expect(all?.[0].id).toBe('e000');
  });
});
