// The cache writes that keep a timeline true after something happens in a box, without a refetch:
// the composer's own post, and edits and deletions by their mutations. Realtime updates
// (live-updates.ts) add their new `event` through addEventToTimeline; their `message` is written
// by Apollo as a result of its own and updates the message in place (same __typename and id),
// the way applyEdit and applyDeletion do by hand.
import { isReference, type ApolloCache } from '@apollo/client';
import type { CachedEventsConnection } from '../apollo/events-connection-policy';

/**
 * Puts a new event at the head of its box's timeline and counts it, once: your own message will
 * also come back on a live feed, and must not show twice.
 */
export function addEventToTimeline(
  cache: ApolloCache,
  boxId: string,
  event: { __typename: string; id: string },
): void {
  const box = cache.identify({ __typename: 'Box', id: boxId });
  let added = false;
  cache.modify<{ eventsConnection: CachedEventsConnection }>({
    id: box,
    fields: {
      eventsConnection(existing, { toReference }) {
        const ref = toReference(event);
        // The connection is stored inline on the Box (it has no id), never as a reference.
        if (
          !ref ||
          isReference(existing) ||
          existing.nodes.some((node) => node.__ref === ref.__ref)
        )
          return existing;
        added = true;
        return { ...existing, nodes: [ref, ...existing.nodes] };
      },
    },
  });
  if (!added) return;
  cache.modify<{ eventsCount: number | null }>({
    id: box,
    fields: { eventsCount: (count) => (typeof count === 'number' ? count + 1 : count) },
  });
}

/** Forgets the box's loaded timeline (after a gap too long to replay): it is read again. */
export function resetTimeline(cache: ApolloCache, boxId: string): void {
  const box = cache.identify({ __typename: 'Box', id: boxId });
  cache.evict({ id: box, fieldName: 'eventsConnection' });
  cache.evict({ id: box, fieldName: 'eventsCount' });
  cache.gc();
}

export interface EditResult {
  serverEventCreatedAt: string;
  newEncrypted: string;
}

/** A text message as the list shows it once edited: the edited values, lastEditedAt set. */
export function applyEdit(cache: ApolloCache, messageId: string, edit: EditResult): void {
  cache.modify({
    id: cache.identify({ __typename: 'TextMessageEvent', id: messageId }),
    fields: {
      encrypted: () => edit.newEncrypted,
      lastEditedAt: () => edit.serverEventCreatedAt,
    },
  });
}

export interface DeletionResult {
  serverEventCreatedAt: string;
  sender: { id: string };
}

/** A message as the list shows it once deleted (`deletion` set, the content null). */
export function applyDeletion(
  cache: ApolloCache,
  message: { __typename: 'TextMessageEvent' | 'FileMessageEvent'; id: string },
  deletion: DeletionResult,
): void {
  cache.modify({
    id: cache.identify(message),
    fields: {
      encrypted: () => null,
      deletion: (_current, { toReference }) => ({
        __typename: 'MessageDeletion',
        deletedAt: deletion.serverEventCreatedAt,
        deletedBy: toReference({ __typename: 'Identity', id: deletion.sender.id }),
      }),
    },
  });
}
