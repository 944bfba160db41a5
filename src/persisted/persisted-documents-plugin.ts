// Trusted documents (docs/frontend.md#trusted-documents) as an Apollo plugin. Apollo Server 5 has
// no persisted-document list of its own (GraphOS's lists live in Apollo's router) and The Guild's
// plugin is for Yoga/envelop, so: this file.
//
// A request names a document by `documentId` (POST body or GET query string; `sha256:<hex>`
// matches key `<hex>`) or by Apollo's `extensions.persistedQuery.sha256Hash`; requestDidStart,
// which runs before Apollo reads the request's query, puts the manifest's document in its place.
// With `only`, a document that did not come from the manifest is refused in didResolveSource:
// before parsing, before any upstream call. An unknown hash in Apollo's APQ form is left to
// Apollo, whose PERSISTED_QUERY_NOT_FOUND answer makes its client link send the full document
// (which only-mode then refuses).
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { GatewayContext } from '../context';
import { GatewayError } from '../errors/gateway-errors';
import { refuseUntrusted, resolveTrustedDocument, type TrustedDocuments } from './resolve-document';

/**
 * How long a CDN or browser may keep a GET answer to a trusted query sent without credentials.
 * Such an answer depends on nothing but the document and its variables (the gateway has no
 * identity to forward), so sharing it is safe; a minute bounds how stale it gets.
 */
export const PUBLIC_MAX_AGE_SECONDS = 60;

export function persistedDocumentsPlugin({
  manifest,
  only,
}: TrustedDocuments): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const trusted = resolveTrustedDocument(manifest, request);
      return {
        async didResolveSource() {
          refuseUntrusted(only, trusted);
        },
        async willSendResponse({ response }) {
          if (!trusted || request.http?.method !== 'GET') return;
          const failed = response.body.kind !== 'single' || response.body.singleResult.errors;
          response.http.headers.set('cache-control', cacheControl(request, Boolean(failed)));
          if (!failed) response.http.headers.set('vary', 'authorization, cookie');
        },
      };
    },
    // A refusal thrown before execution comes here; rethrown, Apollo answers with it (400)
    // instead of a masked 500 (the same path the token limit takes).
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof GatewayError) throw error;
    },
  };
}

function cacheControl(request: GraphQLRequest, failed: boolean): string {
  if (failed) return 'no-store';
  const headers = request.http?.headers;
  const credentialed = headers?.has('authorization') || headers?.has('cookie');
  return credentialed ? 'private, no-store' : `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`;
}
