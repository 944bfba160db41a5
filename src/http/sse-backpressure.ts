// Backpressure for GraphQL over SSE. graphql-sse pulls each subscription's results as fast as
// they come and queues its frames without limit until they are written, so a reader that stops
// reading held every event (18 MB for 60 posts of 300 KB) and was never cut off. Here a
// subscription's next result is pulled only once the previous frame was handed to the socket
// (and the socket drained): a stalled reader leaves its updates in the subscription's own
// bounded queue (SUBSCRIBER_BUFFER), which ends it with SLOW_CONSUMER exactly as a stalled
// WebSocket does (graphql-ws awaits each send).
import type { ServerResponse } from 'node:http';

export class SseGate {
  private pulled = 0;
  private written = 0;
  private waiter: (() => void) | undefined;
  private closed = false;

  /** Resolves once every result pulled so far has been written (or the response closed). */
  ready(): Promise<void> {
    if (this.closed || this.written >= this.pulled) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = resolve));
  }

  pulledOne(): void {
    this.pulled++;
  }

  /** A `next` frame was written (and drained): the next result may be pulled. */
  wroteOne(): void {
    this.written++;
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}

/** The subscription's results, pulled one frame at a time through the gate. */
export function gated<T>(
  source: AsyncIterableIterator<T>,
  gate: SseGate,
): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: async () => {
      await gate.ready();
      gate.pulledOne();
      return source.next();
    },
    return: async () => (source.return ? source.return() : { value: undefined, done: true }),
    throw: async (error?: unknown) => {
      if (source.throw) return source.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * Writes the stream's frames, waiting for `drain` whenever the socket's buffer is full, so at
 * most its high-water mark plus one frame waits in this process per stream.
 */
export async function writeStream(
  frames: AsyncGenerator<string, void, undefined>,
  response: ServerResponse,
  gate: SseGate,
): Promise<void> {
  const onClose = () => {
    gate.close();
    void frames.return(undefined);
  };
  response.once('close', onClose);
  try {
    for await (const frame of frames) {
      if (response.destroyed || !response.writable) break;
      const flushed = response.write(frame);
      if (!flushed) {
        await new Promise<void>((resolve) => {
          const done = () => {
            response.off('drain', done);
            response.off('close', done);
            resolve();
          };
          response.on('drain', done);
          response.on('close', done);
        });
      }
      if (frame.startsWith('event: next')) gate.wroteOne();
    }
  } finally {
    response.off('close', onClose);
    gate.close();
    if (!response.writableEnded) response.end();
  }
}
