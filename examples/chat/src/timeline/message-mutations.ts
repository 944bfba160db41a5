import { graphql } from '../gql';

export const EditTextMessageMutation = graphql(`
  mutation EditTextMessage(
    $boxId: UUID!
    $messageId: UUID!
    $newEncrypted: String!
    $newPublicKey: String!
  ) {
    editTextMessage(
      boxId: $boxId
      messageId: $messageId
      newEncrypted: $newEncrypted
      newPublicKey: $newPublicKey
    ) {
      id
      serverEventCreatedAt
      newEncrypted
    }
  }
`);

export const DeleteMessageMutation = graphql(`
  mutation DeleteMessage($boxId: UUID!, $messageId: UUID!) {
    deleteMessage(boxId: $boxId, messageId: $messageId) {
      id
      serverEventCreatedAt
      sender {
        id
        displayName
      }
    }
  }
`);
