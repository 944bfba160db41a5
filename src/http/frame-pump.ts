// A subscription's `next` frames, written by the transport itself. graphql-ws and graphql-sse
// each JSON.stringify every result once per subscriber and await a promise per frame; a result
// shared by a caller's subscribers (execution/shared-subscribe.ts) is serialised once here
// (Formatter.formatJson, memoised by result) and each subscriber's frame is that JSON with its
// own few bytes around it. The libraries still run the protocol: they get an iterator that
// yields nothing and ends when the subscription ends (their `complete`), or throws as the
// source throws (their `error`), and whose `return` ends the subscription (the client's
// `complete`, a closed socket).
//
// Backpressure as before: the next result is pulled only once the previous frame was handed to
// the socket, so a reader that stops reading leaves its updates in the subscription's own
// bounded queue (SUBSCRIBER_BUFFER), which ends it with SLOW_CONSUMER.

/** Where one subscription's frames go. */
export interface FrameSink {
  /** False once the socket or response is closing: nothing more is written. */
  open(): boolean;
  /** Writes the frame of one result; a promise when the socket must drain before the next. */
  send(json: string): Promise<void> | undefined;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

export function pumpFrames(
  source: AsyncIterator<unknown>,
  toJson: (result: unknown) => string,
  sink: FrameSink,
): AsyncIterableIterator<never> {
  let running: Promise<IteratorResult<never>> | undefined;
  let finish: ((done: IteratorResult<never>) => void) | undefined;
  let stopped = false;
  const stop = async (): Promise<IteratorResult<never>> => {
    if (stopped) return DONE;
    stopped = true;
    finish?.(DONE);
    if (source.return) await source.return();
    return DONE;
  };
  // One loop for the subscription's life: no promise per frame beyond the source's own.
  const pump = async (): Promise<IteratorResult<never>> => {
    for (;;) {
      const step = await source.next();
      if (step.done || stopped) return DONE;
      if (!sink.open()) return stop();
      const draining = sink.send(toJson(step.value));
      if (draining) await draining;
    }
  };
  const frames: AsyncIterableIterator<never> = {
    next: () => {
      running ??= new Promise((resolve, reject) => {
        finish = resolve;
        pump().then(resolve, reject);
      });
      return running;
    },
    return: stop,
    // graphql-sse returns (on a closed response) only what has `throw` too.
    throw: async (error?: unknown) => {
      await stop();
      throw error;
    },
    [Symbol.asyncIterator]: () => frames,
  };
  return frames;
}
