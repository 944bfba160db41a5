import { graphql } from '../gql';

/** The sidebar: the caller's boxes, newest activity first, with what a row shows. */
export const MyBoxesQuery = graphql(`
  query MyBoxes($first: Int!) {
    myBoxes(first: $first) {
      nodes {
        ...BoxRow
      }
    }
  }
`);

export const BoxRowFragment = graphql(`
  fragment BoxRow on Box {
    id
    title
    unreadCount
    muted
    lastEvent {
      id
      type
      sender {
        id
        displayName
      }
      ... on TextMessageEvent {
        encrypted
      }
    }
  }
`);

/**
 * The list as it changes. `box` is selected with the row's own fields, so Apollo's normalised
 * cache updates the row (Box:<id>) by itself; the page refetches the list only when its set or
 * order changes.
 */
export const MyBoxesUpdatesSubscription = graphql(`
  subscription MyBoxesUpdates($identityId: UUID!) {
    myBoxes(identityId: $identityId) {
      boxId
      change
      box {
        ...BoxRow
      }
    }
  }
`);

export const CreateBoxMutation = graphql(`
  mutation CreateBox($title: String!, $publicKey: String!) {
    createBox(title: $title, publicKey: $publicKey) {
      ...BoxRow
    }
  }
`);

export const OpenBoxToLinkMutation = graphql(`
  mutation OpenBoxToLink($boxId: UUID!) {
    setBoxAccessMode(boxId: $boxId, mode: PUBLIC) {
      id
    }
  }
`);

export const JoinBoxMutation = graphql(`
  mutation JoinBox($boxId: UUID!) {
    joinBox(boxId: $boxId) {
      id
    }
  }
`);
