// The queue behind every realtime subscription (boxEvents, myBoxes) as the async iterator the
// transports read: items wait here until the client pulls them, at most `bufferSize` of them (a
// client that stops reading ends with SLOW_CONSUMER, graphql-api.md §10); a failure is queued as
// an item (the resolver throws it) so the client gets a coded result, then complete; `onEnd`
// runs once, whatever ends it. Our own rather than a library's (graphql-ws's and graphql-sse's
// helpers, repeaters): none bounds the buffer with an error item and an end reason.
import { GatewayError, SlowConsumerError } from '../errors/gateway-errors';

/** Why a subscription ended, for the log line. */
export type EndReason =
  | 'client'
  | 'completed'
  | 'failed'
  | 'slow_consumer'
  | 'shutdown'
  /** Another connection resumed the same operation (src/resume/). */
  | 'taken_over';

export interface QueueOptions<T> {
  bufferSize: number;
  /** Called once, whatever ends it. */
  onEnd(reason: EndReason, error?: GatewayError): void;
  /** An item left for the transport (one `next` event), failures included. */
  onHanded?(item: T | GatewayError): void;
}

export class SubscriptionQueue<T> implements AsyncIterableIterator<T | GatewayError> {
  private queue: Array<T | GatewayError> = [];
  private waiter: ((result: IteratorResult<T | GatewayError>) => void) | undefined;
  private closed = false;
  private ended = false;

  constructor(private readonly queueOptions: QueueOptions<T>) {}

  /** Ended (by the client, a failure, its own completion or shutdown). */
  get finished(): boolean {
    return this.closed;
  }

  fail(error: GatewayError, reason: EndReason = 'failed'): void {
    if (this.closed) return;
    this.queue.push(error);
    this.close(reason, error);
  }

  complete(reason: EndReason = 'completed'): void {
    this.close(reason);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T | GatewayError>> {
    const value = this.queue.shift();
    if (value !== undefined) {
      this.queueOptions.onHanded?.(value);
      return Promise.resolve({ value, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<T | GatewayError>> {
    this.queue = [];
    this.close('client');
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Hands `item` to a waiting reader, else queues it; past the bound, SLOW_CONSUMER. */
  protected enqueue(item: T): void {
    if (this.closed) return;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      this.queueOptions.onHanded?.(item);
      waiter({ value: item, done: false });
      return;
    }
    this.queue.push(item);
    if (this.queue.length > this.queueOptions.bufferSize) this.overflow();
  }

  /** The client stopped reading: drop what waits, end with SLOW_CONSUMER. */
  protected overflow(): void {
    this.queue = [];
    this.fail(new SlowConsumerError(this.queueOptions.bufferSize), 'slow_consumer');
  }

  private close(reason: EndReason, error?: GatewayError): void {
    this.closed = true;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      const value = this.queue.shift();
      if (value !== undefined) this.queueOptions.onHanded?.(value);
      waiter(value === undefined ? { value: undefined, done: true } : { value, done: false });
    }
    if (!this.ended) {
      this.ended = true;
      this.queueOptions.onEnd(reason, error);
    }
  }
}
