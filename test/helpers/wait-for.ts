// The one bounded wait of the suite: tests wait for a condition, never for a span of time.
// Everything that polls (sockets open, a log line written, a process up) goes through `waitFor`,
// so a loaded machine only makes a test slower, up to a bound that fails with what it waited for.
// A wait for an event (a frame, a result) is bounded by `bounded`; a simulated client's own
// rhythm (reconnect backoff) is `pace`. No other file of test/ calls setTimeout: time that a
// test must see pass is moved by a manual clock (manual-clock.ts), and an absence is bounded by
// a later event that must arrive after it.
import { setTimeout as sleep } from 'node:timers/promises';

/** How often a condition is checked: often enough to add no visible latency, cheap on a busy CPU. */
const POLL_MS = 20;

/**
 * Resolves once `check()` returns true (or a promise of true); throws `timed out waiting for
 * <what>` after `timeoutMs`. A check that throws fails the wait at once.
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

/** Resolves with the first value `get()` returns that is not undefined, bounded as `waitFor`. */
export async function waitForValue<T>(
  what: string,
  get: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  let value: T | undefined;
  await waitFor(
    what,
    async () => {
      value = await get();
      return value !== undefined;
    },
    timeoutMs,
  );
  return value as T;
}

/**
 * The pause a simulated client takes between two of its own actions (graphql-ws's `retryWait`, an
 * SSE reader's reconnect, a traffic loop's rhythm): how a real client paces itself, never a wait
 * for something to have happened; what a test waits for goes through `waitFor`.
 */
export function pace(ms: number): Promise<void> {
  return sleep(ms);
}

/**
 * `promise`, or a rejection with `what` once `ms` have passed: the bound of a wait for an event
 * (a frame, a result, the end of a stream), never a sleep. `what` may be a function, read at
 * the timeout, to say what had arrived by then.
 */
export async function bounded<T>(
  promise: Promise<T>,
  ms: number,
  what: string | (() => string),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(typeof what === 'function' ? what() : `${what}: not within ${ms} ms`)),
      ms,
    );
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise that rejects after `ms` with `what`: for races with a bound, never a sleep. */
export function deadline(ms: number, what: string): Promise<never> {
  return bounded(new Promise<never>(() => {}), ms, what);
}
