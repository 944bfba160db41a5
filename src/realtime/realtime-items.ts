// What the realtime streams yield (docs/realtime.md): upstream-level items, below schema/. The
// GraphQL objects (BoxEventUpdate, MyBoxUpdate) are made from them by the subscription resolvers
// (src/schema/subscription/), and every upstream read an update needs there (an edit's message,
// a box view) goes through that update's counted scope (GatewayContext.forUpdate).
//
// An item of the upstream socket is one object per upstream message and socket, pushed to every
// subscription of that socket: execution/shared-subscribe.ts keys its shared results by it.
import type { EventDto } from '../upstream/upstream-types';

/** An event of a subscribed box, live or replayed, as the upstream sent or listed it. */
export interface BoxEventItem {
  readonly kind: 'event';
  /** Lowercase. */
  readonly boxId: string;
  /** Lowercase: the key of "each event once". */
  readonly eventId: string;
  readonly dto: EventDto;
  /**
   * The box's position once this item is delivered. A listed event is its box's new position
   * for every subscriber, so the registry encodes it once; '' until a subscription stamps its
   * own (an unlisted event, a replayed one).
   */
  readonly cursor: string;
}

/** The notice after a gap in one box (graphql-api.md §10, §10.1). */
export interface BoxResyncItem {
  readonly kind: 'resync';
  readonly boxId: string;
  /** Every missed listed event was delivered before it (false: beyond the bound, or unread). */
  readonly recovered: boolean;
  readonly cursor: string;
}

export type BoxItem = BoxEventItem | BoxResyncItem;

/** Which change of the caller's box list a socket message is (graphql-api.md §12.2). */
export type BoxListChange = 'NEW_EVENT' | 'READ' | 'SETTINGS' | 'ADDED' | 'REMOVED' | 'DELETED';

/** One change of the caller's box list. */
export interface BoxListItem {
  readonly kind: 'change';
  /** Lowercase UUID. */
  readonly boxId: string;
  readonly change: BoxListChange;
}

/** Changes of the box list may have been missed (an upstream drop, a resume): refetch it. */
export interface BoxListResyncItem {
  readonly kind: 'resync';
}

export type MyBoxesItem = BoxListItem | BoxListResyncItem;

/** The upstream types GET /boxes/:id/events lists (docs/upstream.md#event-types's visible set). */
const LISTED_TYPES = new Set([
  'create',
  'member.join',
  'member.leave',
  'member.kick',
  'msg.text',
  'msg.file',
  'state.key_share',
  'state.access_mode',
]);

/** Whether the REST list can show this event, i.e. whether it can anchor a replay. */
export const isListed = (dto: EventDto): boolean =>
  typeof dto.type === 'string' && LISTED_TYPES.has(dto.type);

/**
 * The lowercase id of an event, or undefined for one with no string id, which can be neither
 * routed nor delivered once (the schema's mapping would refuse it too).
 */
export const eventIdOf = (dto: EventDto): string | undefined =>
  typeof dto.id === 'string' && dto.id !== '' ? dto.id.toLowerCase() : undefined;

/** The sender's id, lowercase, when the event names one. */
export function senderIdOf(dto: EventDto): string | undefined {
  const sender: unknown = dto.sender;
  if (typeof sender !== 'object' || sender === null) return undefined;
  const id: unknown = (sender as Record<string, unknown>).id;
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}
