// The rate limit's pieces without a server: the caller key (a hash, never the token), the
// in-memory window counter (bounded in callers), and the pipeline step's window arithmetic and
// 429 answer.
import { callerKey, readCredentials } from '../../src/auth/credentials';
import type { GatewayContext } from '../../src/context';
import { RateLimitedError } from '../../src/errors/gateway-errors';
import { createRateLimit, type RateLimit } from '../../src/pipeline/rate-limit';
import { memoryRateLimitStore, WINDOW_MS } from '../../src/shared-state/rate-limit-store';
import { manualClock } from '../helpers/manual-clock';

describe('callerKey', () => {
  it('is a stable hash of the token, the same for bearer and cookie forms of one token', () => {
    const bearer = callerKey(readCredentials({ authorization: 'Bearer tok-123' }));
    const cookie = callerKey(readCredentials({ cookie: 'accesstoken=tok-123; tokentype=bearer' }));
    expect(bearer).toMatch(/^[\w-]{43}$/);
    expect(bearer).not.toContain('tok-123');
    expect(cookie).toBe(bearer);
    expect(callerKey(readCredentials({ authorization: 'Bearer tok-124' }))).not.toBe(bearer);
  });

  it('is null when nothing the upstream would accept was sent', () => {
    expect(callerKey(readCredentials({}))).toBeNull();
    expect(callerKey(readCredentials({ authorization: 'Bearer a b' }))).toBeNull();
  });
});

describe('memoryRateLimitStore', () => {
  it('counts per caller within a window and starts again in the next', async () => {
    const store = memoryRateLimitStore();
    expect(await store.increment('a', 0)).toBe(1);
    expect(await store.increment('a', 0)).toBe(2);
    expect(await store.increment('b', 0)).toBe(1);
    expect(await store.increment('a', WINDOW_MS)).toBe(1);
  });

  it('keeps at most maxCallers callers: a flood of new tokens forgets the least recent', async () => {
    const store = memoryRateLimitStore(3);
    expect(await store.increment('a', 0)).toBe(1);
    for (let i = 0; i < 10_000; i++) await store.increment(`flood-${i}`, 0);
    // `a` was forgotten (its count restarts); the newest callers are still counted.
    expect(await store.increment('a', 0)).toBe(1);
    expect(await store.increment('flood-9999', 0)).toBe(2);
  });
});

describe('createRateLimit', () => {
  async function check(limit: RateLimit | undefined, caller: string | null) {
    const contextValue = { callerKey: () => caller } as GatewayContext;
    return limit!(contextValue);
  }

  it('is off (undefined) at 0', () => {
    expect(createRateLimit(0, memoryRateLimitStore())).toBeUndefined();
  });

  it('lets the limit through, refuses the next with 429 and the seconds left in the window', async () => {
    const clock = manualClock(5 * WINDOW_MS + 42_300);
    const plugin = createRateLimit(2, memoryRateLimitStore(), clock);
    await check(plugin, 'a');
    await check(plugin, 'a');
    const refused = await check(plugin, 'a').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 18,
      http: { status: 429 },
    });
    const headers = (refused as RateLimitedError).extensions.http as {
      headers: Map<string, string>;
    };
    expect(headers.headers.get('retry-after')).toBe('18');
    // 1 ms before the next window: still refused; at its first ms, counted again from one.
    clock.advance(WINDOW_MS - 42_300 - 1);
    await expect(check(plugin, 'a')).rejects.toBeInstanceOf(RateLimitedError);
    clock.advance(1);
    await expect(check(plugin, 'a')).resolves.toBeUndefined();
  });

  it('does not count requests without credentials, and fails open when the store cannot count', async () => {
    const plugin = createRateLimit(1, memoryRateLimitStore());
    for (let i = 0; i < 5; i++) await check(plugin, null);
    const broken = createRateLimit(1, { increment: async () => undefined });
    for (let i = 0; i < 5; i++) await expect(check(broken, 'a')).resolves.toBeUndefined();
  });
});
