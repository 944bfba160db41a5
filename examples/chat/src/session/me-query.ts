import { graphql } from '../gql';

/** Who the token is: identityId is what the subscriptions take and how own messages are told apart. */
export const MeQuery = graphql(`
  query Me {
    me {
      identityId
      email
      acr
    }
  }
`);
