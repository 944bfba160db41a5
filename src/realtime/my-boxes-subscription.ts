// One Subscription.myBoxes as an async iterator (graphql-api.md §12.2): the caller's upstream
// socket read as changes of the box list. Every message of the socket that concerns the caller's
// list becomes one update, in the socket's order (a promise chain: each box view is read before
// the next message is handled); the box is re-read with the caller's credentials, so lastEvent
// and unreadCount are what the upstream now has. After a drop, one RESYNC update.
import { GatewayError, SlowConsumerError } from '../errors/gateway-errors';
import { Box } from '../schema/box/box.type';
import { asUuid, type Uuid } from '../schema/scalars/uuid.scalar';
import { MyBoxChange, MyBoxUpdate, NO_BOX } from '../schema/subscription/my-box-update.type';
import type { BoxViewDto, ChatApi } from '../upstream/upstream-types';
import type { EndReason } from './box-subscription';
import type { UpstreamMessage } from './upstream-socket';

export type MyBoxesItem = MyBoxUpdate | GatewayError;

export interface MyBoxesOptions {
  api: Pick<ChatApi, 'getBox'>;
  /** The caller's identity, lowercase. */
  identityId: string;
  bufferSize: number;
  onEnd(reason: EndReason, error?: GatewayError): void;
  onDelivered(): void;
  /** A box view that could not be read: the update goes out with `box: null`. */
  onReadFailed(error: unknown): void;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Which change a socket message is for this caller, and for which box; undefined: none. */
export function classify(
  message: UpstreamMessage,
  me: string,
): { boxId: Uuid; change: MyBoxChange } | undefined {
  const object = message.object;
  if (!isObject(object)) return undefined;
  const own = (id: unknown) => typeof id === 'string' && id.toLowerCase() === me;
  switch (message.type) {
    case 'event.new': {
      const boxId = asUuid(object.box_id);
      if (boxId === null) return undefined;
      const sender = isObject(object.sender) ? object.sender.id : undefined;
      if ((object.type === 'create' || object.type === 'member.join') && own(sender)) {
        return { boxId, change: MyBoxChange.ADDED };
      }
      if ((object.type === 'member.leave' || object.type === 'member.kick') && own(sender)) {
        return { boxId, change: MyBoxChange.REMOVED };
      }
      return { boxId, change: MyBoxChange.NEW_EVENT };
    }
    case 'ack': {
      const boxId = asUuid(object.box_id);
      return boxId !== null && own(object.sender_id)
        ? { boxId, change: MyBoxChange.READ }
        : undefined;
    }
    case 'box.settings': {
      const boxId = asUuid(object.box_id);
      return boxId !== null && own(object.identity_id)
        ? { boxId, change: MyBoxChange.SETTINGS }
        : undefined;
    }
    case 'box.delete': {
      const boxId = asUuid(object.id);
      return boxId === null ? undefined : { boxId, change: MyBoxChange.DELETED };
    }
    default:
      return undefined;
  }
}

const WITHOUT_BOX: ReadonlySet<MyBoxChange> = new Set([
  MyBoxChange.REMOVED,
  MyBoxChange.DELETED,
  MyBoxChange.RESYNC,
]);

export class MyBoxesSubscription implements AsyncIterableIterator<MyBoxesItem> {
  private queue: MyBoxesItem[] = [];
  private waiter: ((result: IteratorResult<MyBoxesItem>) => void) | undefined;
  private chain = Promise.resolve();
  private closed = false;
  private ended = false;
  private seenOpen = false;

  constructor(private readonly options: MyBoxesOptions) {}

  get finished(): boolean {
    return this.closed;
  }

  // The socket registry's listener interface: box events are not routed here, raw messages are.
  wants(): boolean {
    return false;
  }
  push(): void {}
  someBox(): string | undefined {
    return undefined;
  }

  /** The socket is open; every open after the first follows a gap: RESYNC. */
  connected(): void {
    if (this.seenOpen) this.after(() => new MyBoxUpdate(NO_BOX, MyBoxChange.RESYNC, null));
    this.seenOpen = true;
  }

  onMessage(message: UpstreamMessage): void {
    const change = classify(message, this.options.identityId);
    if (!change || this.closed) return;
    this.after(async () => {
      if (WITHOUT_BOX.has(change.change)) return new MyBoxUpdate(change.boxId, change.change, null);
      return new MyBoxUpdate(change.boxId, change.change, await this.readBox(change.boxId));
    });
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

  next(): Promise<IteratorResult<MyBoxesItem>> {
    const value = this.queue.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<MyBoxesItem>> {
    this.queue = [];
    this.close('client');
    return Promise.resolve({ value: undefined, done: true });
  }

  private async readBox(boxId: Uuid): Promise<Box | null> {
    try {
      const view: BoxViewDto = await this.options.api.getBox(boxId);
      return new Box(boxId, view);
    } catch (error) {
      this.options.onReadFailed(error);
      return null;
    }
  }

  /** Builds the update after those before it, so updates keep the socket's order. */
  private after(build: () => MyBoxUpdate | Promise<MyBoxUpdate>): void {
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      this.enqueue(await build());
    });
  }

  private enqueue(item: MyBoxesItem): void {
    if (this.closed) return;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      this.options.onDelivered();
      waiter({ value: item, done: false });
      return;
    }
    this.queue.push(item);
    this.options.onDelivered();
    if (this.queue.length > this.options.bufferSize) {
      this.queue = [];
      this.fail(new SlowConsumerError(this.options.bufferSize), 'slow_consumer');
    }
  }

  private close(reason: EndReason, error?: GatewayError): void {
    this.closed = true;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      const value = this.queue.shift();
      waiter(value === undefined ? { value: undefined, done: true } : { value, done: false });
    }
    if (!this.ended) {
      this.ended = true;
      this.options.onEnd(reason, error);
    }
  }
}
