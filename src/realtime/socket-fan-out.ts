// How one message of an upstream socket reaches the subscriptions sharing the socket
// (socket-registry.ts): made into one item (realtime-items.ts), once, and pushed to every
// subscription that wants it, synchronously and so in the socket's order. One object per message
// and socket is what execution/shared-subscribe.ts keys its shared results by.
import { encodeCursor } from '../resume/cursor';
import type { EventDto } from '../upstream/upstream-types';
import { classify } from './box-list-changes';
import type { BoxSubscription } from './box-subscription';
import { eventIdOf, isListed, type BoxEventItem, type BoxListItem } from './realtime-items';
import type { UpstreamMessage } from './upstream-socket';

/**
 * What the registry feeds: a boxEvents subscription (its boxes' events), or a myBoxes one that
 * wants no box event but the changes of the caller's box list.
 */
export type SocketListener = Pick<
  BoxSubscription,
  'wants' | 'push' | 'connected' | 'fail' | 'complete' | 'someBox'
> & { changed?(item: BoxListItem): void };

/** `identityId`: the socket's, lowercase. */
export function fanOut(
  subscriptions: ReadonlySet<SocketListener>,
  identityId: string,
  message: UpstreamMessage,
): void {
  if (message.type === 'event.new') boxEvent(subscriptions, message.object as EventDto);
  let change: BoxListItem | undefined | null = null;
  for (const subscription of subscriptions) {
    if (!subscription.changed) continue;
    if (change === null) change = classify(message, identityId);
    if (change === undefined) return;
    subscription.changed(change);
  }
}

function boxEvent(subscriptions: ReadonlySet<SocketListener>, dto: EventDto): void {
  if (typeof dto !== 'object' || dto === null) return;
  const boxId = typeof dto.box_id === 'string' ? dto.box_id.toLowerCase() : '';
  const eventId = eventIdOf(dto);
  if (eventId === undefined) return;
  let item: BoxEventItem | undefined;
  for (const subscription of subscriptions) {
    if (!subscription.wants(boxId)) continue;
    // A listed event is its box's new position for every subscriber: encoded once, here.
    item ??= {
      kind: 'event',
      boxId,
      eventId,
      dto,
      cursor: isListed(dto) ? encodeCursor({ boxId, eventId }) : '',
    };
    subscription.push(item);
  }
}
