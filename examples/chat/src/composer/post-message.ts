import { graphql } from '../gql';

export const PostTextMessageMutation = graphql(`
  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {
    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {
      ...TimelineEvent
    }
  }
`);
