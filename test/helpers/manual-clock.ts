// A clock that moves only when the test says so (src/clock.ts): a test advances it past a bound
// (the breaker's reset time, a linger, a flush interval, the drain delay) instead of sleeping
// through it. Timers due within an advance fire in time order, each seeing `now()` at its due time.
import type { Clock, ClockTimer } from '../../src/clock';

export interface ManualClock extends Clock {
  advance(ms: number): void;
  /** Timers (timeouts and intervals) still pending. */
  pending(): number;
}

interface Pending extends ClockTimer {
  due: number;
  every?: number;
  callback: () => void;
  seq: number;
}

/** Starts at the real time, so that timestamps it produces still look like timestamps. */
export function manualClock(start = Date.now()): ManualClock {
  let current = start;
  let seq = 0;
  const timers = new Set<Pending>();
  const add = (callback: () => void, ms: number, every?: number): Pending => {
    const timer: Pending = { due: current + ms, every, callback, seq: seq++, unref: () => timer };
    timers.add(timer);
    return timer;
  };
  return {
    now: () => current,
    setTimeout: (callback, ms) => add(callback, Math.max(0, ms)),
    setInterval: (callback, ms) => add(callback, Math.max(1, ms), Math.max(1, ms)),
    clearTimeout: (timer) => void timers.delete(timer as Pending),
    pending: () => timers.size,
    advance(ms) {
      const end = current + ms;
      for (;;) {
        const next = [...timers]
          .filter((t) => t.due <= end)
          .sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
        if (!next) break;
        current = next.due;
        if (next.every === undefined) timers.delete(next);
        else next.due += next.every;
        next.callback();
      }
      current = end;
    },
  };
}
