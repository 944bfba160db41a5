// How the page names an error: the gateway's code (docs/graphql-api.md#errors) first, since that is
// what a client acts on, then the message.
import { CombinedGraphQLErrors } from '@apollo/client';

export function describeError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors
      .map((e) => `${String(e.extensions?.code ?? 'ERROR')}: ${e.message}`)
      .join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
