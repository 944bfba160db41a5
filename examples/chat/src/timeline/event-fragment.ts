// What the timeline shows of one event. The timeline query, the composer's mutation and (once
// realtime lands) the subscription all select it, so every event in the cache has these fields.
import { graphql } from '../gql';

export const TimelineEventFragment = graphql(`
  fragment TimelineEvent on BoxEvent {
    id
    type
    serverEventCreatedAt
    sender {
      id
      displayName
    }
    ... on TextMessageEvent {
      encrypted
      lastEditedAt
      deletion {
        deletedAt
        deletedBy {
          id
          displayName
        }
      }
    }
    ... on FileMessageEvent {
      isSaved
      deletion {
        deletedAt
        deletedBy {
          id
          displayName
        }
      }
    }
    ... on BoxCreatedEvent {
      title
    }
    ... on MemberKickEvent {
      kicker {
        id
        displayName
      }
    }
    ... on AccessModeChangedEvent {
      accessMode
    }
  }
`);
