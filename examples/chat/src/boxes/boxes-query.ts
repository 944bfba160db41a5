import { graphql } from '../gql';

export const BoxesQuery = graphql(`
  query Boxes($ids: [UUID!]!) {
    boxes(ids: $ids) {
      id
      eventsCount
    }
  }
`);
