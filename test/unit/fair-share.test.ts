import { createFairShare } from '../../src/upstream/fair-share';

/** A call that stays in flight until the test ends it. */
function pending(log: string[], name: string) {
  let end!: () => void;
  const done = new Promise<void>((resolve) => (end = resolve));
  return { call: () => (log.push(name), done), end: () => end() };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('fair share of upstream calls', () => {
  it('lets one operation use the whole pool when it is alone', async () => {
    const share = createFairShare(4);
    const lane = share.lane(Infinity);
    const log: string[] = [];
    const calls = Array.from({ length: 6 }, (_, i) => pending(log, `a${i}`));
    const runs = calls.map((c) => lane.run(c.call));
    await turn();
    expect(log).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(share.inFlight()).toBe(4);
    calls.forEach((c) => c.end());
    await Promise.all(runs);
    expect(log).toHaveLength(6);
    expect(share.inFlight()).toBe(0);
    expect(share.waitingLanes()).toBe(0);
  });

  it('hands freed slots to waiting operations in turn, so a wide one cannot starve a narrow one', async () => {
    const share = createFairShare(2);
    const wide = share.lane(Infinity);
    const narrow = share.lane(Infinity);
    const log: string[] = [];
    const wideCalls = Array.from({ length: 10 }, (_, i) => pending(log, `w${i}`));
    const wideRuns = wideCalls.map((c) => wide.run(c.call));
    const narrowCalls = Array.from({ length: 2 }, (_, i) => pending(log, `n${i}`));
    const narrowRuns = narrowCalls.map((c) => narrow.run(c.call));
    await turn();
    expect(log).toEqual(['w0', 'w1']);
    // Slots free one at a time: the lanes take turns in the order they started waiting, so the
    // narrow operation's two calls run before the wide one's last six, though queued after them.
    for (const call of wideCalls.slice(0, 4)) {
      call.end();
      await turn();
    }
    expect(log).toEqual(['w0', 'w1', 'w2', 'n0', 'w3', 'n1']);
    [...wideCalls, ...narrowCalls].forEach((c) => c.end());
    await Promise.all([...wideRuns, ...narrowRuns]);
    expect(log).toHaveLength(12);
    expect(share.inFlight()).toBe(0);
  });

  it("keeps an operation within its own cap while others may use the pool's free slots", async () => {
    const share = createFairShare(8);
    const capped = share.lane(2);
    const other = share.lane(Infinity);
    const log: string[] = [];
    const cappedCalls = Array.from({ length: 4 }, (_, i) => pending(log, `c${i}`));
    const cappedRuns = cappedCalls.map((c) => capped.run(c.call));
    const otherCall = pending(log, 'o0');
    const otherRun = other.run(otherCall.call);
    await turn();
    expect(log).toEqual(['c0', 'c1', 'o0']);
    cappedCalls[0]!.end();
    await turn();
    expect(log).toEqual(['c0', 'c1', 'o0', 'c2']);
    [...cappedCalls, otherCall].forEach((c) => c.end());
    await Promise.all([...cappedRuns, otherRun]);
    expect(log).toHaveLength(5);
  });

  it('frees the slot of a call that fails', async () => {
    const share = createFairShare(1);
    const lane = share.lane(Infinity);
    await expect(lane.run(() => Promise.reject(new Error('upstream down')))).rejects.toThrow(
      'upstream down',
    );
    expect(share.inFlight()).toBe(0);
    await expect(lane.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('a call waiting for its turn', () => {
  it('leaves the queue when its deadline aborts, and the others keep their order', async () => {
    const share = createFairShare(1);
    const lane = share.lane(Infinity);
    const log: string[] = [];
    const first = pending(log, 'first');
    const firstRun = lane.run(first.call);
    const deadline = new AbortController();
    const abandoned = lane.run(() => Promise.resolve(log.push('abandoned')), deadline.signal);
    const last = pending(log, 'last');
    const lastRun = lane.run(last.call);
    deadline.abort(new Error('deadline passed'));
    await expect(abandoned).rejects.toThrow('deadline passed');
    first.end();
    await turn();
    expect(log).toEqual(['first', 'last']);
    last.end();
    await Promise.all([firstRun, lastRun]);
    expect(share.waitingLanes()).toBe(0);
    expect(share.inFlight()).toBe(0);
  });

  it('is refused at once when its deadline has already passed', async () => {
    const share = createFairShare(1);
    const lane = share.lane(Infinity);
    const held = pending([], 'held');
    const heldRun = lane.run(held.call);
    await expect(lane.run(() => Promise.resolve(1), AbortSignal.abort('late'))).rejects.toBe(
      'late',
    );
    held.end();
    await heldRun;
    expect(share.waitingLanes()).toBe(0);
  });
});
