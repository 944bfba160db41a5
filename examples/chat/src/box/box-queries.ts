import { graphql } from '../gql';

/** The open box's header: its title, the caller's mute setting and who is in it. */
export const BoxDetailsQuery = graphql(`
  query BoxDetails($boxId: UUID!) {
    box(id: $boxId) {
      id
      title
      muted
      unreadCount
      members {
        id
        displayName
      }
    }
  }
`);

export const SetBoxMutedMutation = graphql(`
  mutation SetBoxMuted($boxId: UUID!, $muted: Boolean!) {
    setBoxMuted(boxId: $boxId, muted: $muted) {
      id
      muted
    }
  }
`);

export const MarkBoxReadMutation = graphql(`
  mutation MarkBoxRead($boxId: UUID!) {
    markBoxRead(boxId: $boxId) {
      id
      unreadCount
    }
  }
`);
