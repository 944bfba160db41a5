// Upstream calls in flight, bounded per process and shared fairly between operations.
//
// One bound for the whole process (the connection pool's size: a call beyond it would only queue
// inside undici). The upstream client runs each attempt in its operation's lane, inside the
// call's deadline and after its bound on pending calls, so waiting here counts toward both; instead of a cap per operation: a 60-call dashboard alone gets the whole pool
// rather than waiting in lines of 16, and the upstream still never sees more than the pool.
// When the pool is full, a freed slot goes to the operations in turn (round robin), so one wide
// operation cannot starve the narrow ones that arrive behind it.
//
// Our own code rather than a library: p-limit and p-queue bound concurrency but serve one FIFO
// queue, which is exactly the starvation this file exists to avoid.

/** One operation's share: at most `cap` of its calls in flight, and its turn in the pool. */
export interface Lane {
  /** Runs `call` once a slot is free; `signal` (the call's deadline) also ends the wait. */
  run<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface FairShare {
  lane(cap: number): Lane;
  /** Calls in flight now, and operations waiting for a slot (for tests and metrics). */
  inFlight(): number;
  waitingLanes(): number;
}

interface LaneState {
  inFlight: number;
  cap: number;
  waiting: Array<() => void>;
}

/** Waits in `lane` until dispatch grants a slot, or rejects when `signal` aborts first. */
function waitForTurn(lane: LaneState, turns: Set<LaneState>, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      lane.waiting.splice(lane.waiting.indexOf(granted), 1);
      if (lane.waiting.length === 0) turns.delete(lane);
      reject(signal!.reason);
    };
    const granted = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    lane.waiting.push(granted);
    turns.add(lane);
  });
}

export function createFairShare(capacity: number): FairShare {
  let inFlight = 0;
  // Lanes with a waiting call, in the order they get the next free slot. A Set keeps insertion
  // order, and delete + add moves a lane to the back in O(1).
  const turns = new Set<LaneState>();

  const grant = (lane: LaneState) => {
    inFlight += 1;
    lane.inFlight += 1;
  };

  // A slot was freed (pool-wide or in one lane): hand it to the first lane in turn that may
  // take it. A lane at its own cap keeps its place until one of its calls ends.
  const dispatch = () => {
    for (const lane of turns) {
      if (inFlight >= capacity) return;
      if (lane.inFlight >= lane.cap) continue;
      const next = lane.waiting.shift()!;
      turns.delete(lane);
      if (lane.waiting.length > 0) turns.add(lane);
      grant(lane);
      next();
    }
  };

  return {
    lane(cap) {
      const lane: LaneState = { inFlight: 0, cap, waiting: [] };
      return {
        async run(call, signal) {
          if (inFlight < capacity && lane.inFlight < lane.cap && lane.waiting.length === 0) {
            grant(lane);
          } else {
            await waitForTurn(lane, turns, signal);
          }
          try {
            return await call();
          } finally {
            inFlight -= 1;
            lane.inFlight -= 1;
            dispatch();
          }
        },
      };
    },
    inFlight: () => inFlight,
    waitingLanes: () => turns.size,
  };
}
