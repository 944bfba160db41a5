// One Subscription.myBoxes as an async iterator (graphql-api.md §12.2): the changes of the
// caller's box list that its upstream socket carries, in the socket's order, each as the one item
// the registry made of the message for every subscription of the socket (box-list-changes.ts).
// The box is not read here: the resolver reads it in the update's counted scope, when the update
// executes. After a gap (an upstream drop, or a resume, docs/realtime-resume.md) one RESYNC.
import type { GatewayError } from '../errors/gateway-errors';
import type { BoxListItem, MyBoxesItem } from './realtime-items';
import { SubscriptionQueue, type EndReason } from './subscription-queue';

export interface MyBoxesOptions {
  bufferSize: number;
  /** Starts with a RESYNC: it resumes a stream the client had (src/resume/). */
  resumed?: boolean;
  onEnd(reason: EndReason, error?: GatewayError): void;
  onDelivered(): void;
}

/**
 * A new object each time: shared execution keys results by the item (one per upstream message
 * and socket), so one object for every RESYNC would share results across callers, for ever.
 */
const resync = (): MyBoxesItem => ({ kind: 'resync' });

export class MyBoxesSubscription extends SubscriptionQueue<MyBoxesItem> {
  private seenOpen = false;

  constructor(private readonly options: MyBoxesOptions) {
    super(options);
    if (options.resumed) this.deliver(resync());
  }

  // The socket registry's listener interface: box events are not routed here, list changes are.
  wants(): boolean {
    return false;
  }
  push(): void {}
  someBox(): string | undefined {
    return undefined;
  }

  /** The socket is open; every open after the first follows a gap: RESYNC. */
  connected(): void {
    if (this.seenOpen) this.deliver(resync());
    this.seenOpen = true;
  }

  /** A change of the box list: the registry's one item for every subscriber of the socket. */
  changed(item: BoxListItem): void {
    this.deliver(item);
  }

  private deliver(item: MyBoxesItem): void {
    if (this.finished) return;
    this.enqueue(item);
    this.options.onDelivered();
  }
}
