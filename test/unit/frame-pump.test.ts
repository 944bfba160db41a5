// http/frame-pump.ts: a subscription's frames are written by the pump, one result at a time; the
// next result is pulled only once the sink took the previous frame; `return` (a client's
// `complete`, a closed response) ends the source even while the pump waits on it.
import { pumpFrames, type FrameSink } from '../../src/http/frame-pump';

/** A source whose results the test pushes; it counts the pulls and sees its end. */
function pushSource() {
  const waiting: Array<(step: IteratorResult<unknown>) => void> = [];
  const state = { pulls: 0, returned: false };
  const source: AsyncIterator<unknown> = {
    next: () => {
      state.pulls++;
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: async () => {
      state.returned = true;
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
      return { value: undefined, done: true };
    },
  };
  const push = (value: unknown) => waiting.shift()?.({ value, done: false });
  return { source, state, push };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('writes each result as its JSON and pulls the next only once the sink drained', async () => {
  const { source, state, push } = pushSource();
  const written: string[] = [];
  let drain: (() => void) | undefined;
  const sink: FrameSink = {
    open: () => true,
    send(json) {
      written.push(json);
      if (written.length === 2) return new Promise<void>((resolve) => (drain = resolve));
      return undefined;
    },
  };
  const frames = pumpFrames(source, (result) => JSON.stringify(result), sink);
  const ended = frames.next();
  await settle();
  push({ n: 1 });
  await settle();
  push({ n: 2 });
  await settle();
  expect(written).toEqual(['{"n":1}', '{"n":2}']);
  // The second frame waits for the socket: no third pull yet.
  expect(state.pulls).toBe(2);
  drain?.();
  await settle();
  expect(state.pulls).toBe(3);
  await frames.return?.();
  expect(state.returned).toBe(true);
  await expect(ended).resolves.toEqual({ value: undefined, done: true });
});

test('a closed sink ends the source at the next result, without writing it', async () => {
  const { source, state, push } = pushSource();
  const written: string[] = [];
  const frames = pumpFrames(source, String, {
    open: () => false,
    send: (json) => void written.push(json),
  });
  const ended = frames.next();
  await settle();
  push('late');
  await expect(ended).resolves.toEqual({ value: undefined, done: true });
  expect(written).toEqual([]);
  expect(state.returned).toBe(true);
});

test('has next, return and throw: graphql-sse returns only such an iterator when its response closes', () => {
  const frames = pumpFrames(pushSource().source, String, {
    open: () => true,
    send: () => undefined,
  });
  for (const method of ['next', 'return', 'throw'] as const) {
    expect(typeof frames[method]).toBe('function');
  }
  expect(frames[Symbol.asyncIterator]()).toBe(frames);
});
