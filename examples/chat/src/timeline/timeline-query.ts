import { graphql } from '../gql';

/** Events per page: one screenful and a little more, so the first scroll already has to fetch. */
export const PAGE_SIZE = 30;

// `first` is a variable only so PAGE_SIZE lives in one place; the cache keys the connection by
// box alone (see apollo/events-connection-policy.ts), so every page lands in one list.
export const TimelineQuery = graphql(`
  query Timeline($boxId: UUID!, $first: Int!, $after: String) {
    box(id: $boxId) {
      id
      eventsConnection(first: $first, after: $after) {
        nodes {
          ...TimelineEvent
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);
