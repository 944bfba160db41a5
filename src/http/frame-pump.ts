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
  return new FramePump(source, toJson, sink);
}

/** A class, not closures: kept once per subscription, its methods are shared. */
class FramePump implements AsyncIterableIterator<never> {
  private running: Promise<IteratorResult<never>> | undefined;
  private finish: ((done: IteratorResult<never>) => void) | undefined;
  private stopped = false;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly toJson: (result: unknown) => string,
    private readonly sink: FrameSink,
  ) {}

  next(): Promise<IteratorResult<never>> {
    this.running ??= new Promise((resolve, reject) => {
      this.finish = resolve;
      this.pump().then(resolve, reject);
    });
    return this.running;
  }

  async return(): Promise<IteratorResult<never>> {
    if (this.stopped) return DONE;
    this.stopped = true;
    this.finish?.(DONE);
    if (this.source.return) await this.source.return();
    return DONE;
  }

  /** graphql-sse returns (on a closed response) only an iterator that has `throw` too. */
  async throw(error?: unknown): Promise<IteratorResult<never>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<never> {
    return this;
  }

  /** One loop for the subscription's life: no promise per frame beyond the source's own. */
  private async pump(): Promise<IteratorResult<never>> {
    for (;;) {
      const step = await this.source.next();
      if (step.done || this.stopped) return DONE;
      if (!this.sink.open()) return this.return();
      const draining = this.sink.send(this.toJson(step.value));
      if (draining) await draining;
    }
  }
}
