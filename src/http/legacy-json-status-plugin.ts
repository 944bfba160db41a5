// GraphQL over HTTP (graphql-http audits 572B, FDE2, 7B9B): a client that accepts only
// `application/json` SHOULD get 200 for a request error (a document that does not parse or
// validate, variables that do not coerce), since that media type cannot tell a GraphQL error
// from a failing server. `application/graphql-response+json` keeps Apollo's 4xx. A client that
// names neither (no Accept, or */*) keeps 4xx too: that is what every client of this gateway
// relies on today, and the spec's 200 is a SHOULD for the legacy type only.
import type { ApolloServerPlugin } from '@apollo/server';
import { REQUEST_ERROR_CODES } from '../errors/request-errors';

/** The Accept header lists application/json and not the GraphQL response type. */
export function acceptsOnlyLegacyJson(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  return types.includes('application/json') && !types.includes('application/graphql-response+json');
}

export function legacyJsonStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      if (!acceptsOnlyLegacyJson(request.http?.headers.get('accept'))) return;
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          if (errors.every((e) => REQUEST_ERROR_CODES.has(e.extensions?.code))) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
