// A clock that moves only when the test says so, for the code that takes a `now` (the circuit
// breaker's reset time): a test advances it past a bound instead of sleeping through the bound.

export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

/** Starts at the real time, so that timestamps it produces still look like timestamps. */
export function manualClock(start = Date.now()): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
  };
}
