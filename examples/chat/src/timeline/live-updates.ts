// Live updates of one box (Subscription.boxEvents over the WebSocket link). Each update is
// written to the normalised cache by Apollo itself: `message`, selected with the timeline's
// fragment, lands under the edited or deleted message's own id and so changes it in place. What
// the cache cannot know by itself is that a new event belongs to the list, hence
// addEventToTimeline. After a gap (the gateway's upstream socket dropped, or this page's own
// connection did and resumed) a `resynced` notice follows the replayed events: with
// `recovered: true` nothing new was missed but edits and deletions may have been, so what is on
// screen is refetched; with `recovered: false` the gap was too long to replay, so the box's
// timeline is reset and read again.
import { useSubscription } from '@apollo/client/react';
import { graphql } from '../gql';
import { addEventToTimeline, resetTimeline } from './timeline-cache';

export const TimelineUpdatesSubscription = graphql(`
  subscription TimelineUpdates($identityId: UUID!, $boxIds: [UUID!]!) {
    boxEvents(identityId: $identityId, boxIds: $boxIds) {
      boxId
      resynced
      recovered
      event {
        ...TimelineEvent
      }
      message {
        ...TimelineEvent
      }
    }
  }
`);

/** Edits and deletions are folded into their messages: the list never shows them as events. */
const FOLDED_TYPES = new Set(['MessageEditEvent', 'MessageDeleteEvent']);
const MEMBERSHIP_TYPES = new Set(['MemberJoinEvent', 'MemberLeaveEvent', 'MemberKickEvent']);

export function useLiveUpdates(boxId: string, viewerId: string, refetch: () => unknown): void {
  useSubscription(TimelineUpdatesSubscription, {
    variables: { identityId: viewerId, boxIds: [boxId] },
    onData({ client, data }) {
      const update = data.data?.boxEvents;
      if (!update) return;
      if (update.resynced) {
        if (update.recovered === false) resetTimeline(client.cache, update.boxId);
        refetch();
        return;
      }
      if (update.event && !FOLDED_TYPES.has(update.event.__typename)) {
        addEventToTimeline(client.cache, update.boxId, update.event);
      }
      // Someone joined, left or was removed: the header's member list is out of date.
      if (update.event && MEMBERSHIP_TYPES.has(update.event.__typename)) {
        void client.refetchQueries({ include: ['BoxDetails'] });
      }
    },
  });
}
