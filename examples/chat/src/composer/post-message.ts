import { graphql } from '../gql';

export const PostTextMessageMutation = graphql(`
  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {
    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {
      ...TimelineEvent
    }
  }
`);

export const UploadFileMutation = graphql(`
  mutation UploadFile($boxId: UUID!, $file: Upload!, $encrypted: String!, $publicKey: String!) {
    uploadFile(boxId: $boxId, file: $file, encrypted: $encrypted, publicKey: $publicKey) {
      ...TimelineEvent
    }
  }
`);
