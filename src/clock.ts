// The time and the timers a component reads, passed in (an option, defaulting to `realClock`) so
// that a test can move them itself (test/helpers/manual-clock.ts) instead of sleeping through a
// delay: the rate-limit window, the socket registry's linger/credential/open timers, resume's
// flush and retention, the drain delay. One shape for all of them.

/** A pending timer: `unref` so that it never keeps the process alive by itself. */
export interface ClockTimer {
  unref(): unknown;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): ClockTimer;
  setInterval(callback: () => void, ms: number): ClockTimer;
  /** Cancels a timeout or an interval (as Node's clearTimeout does both); undefined is a no-op. */
  clearTimeout(timer: ClockTimer | undefined): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout | undefined),
};

/** Resolves after `ms` on `clock`: a delay that a manual clock ends when it is advanced. */
export function sleepOn(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
