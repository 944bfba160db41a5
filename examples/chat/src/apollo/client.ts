// One Apollo Client per signed-in demo user (the page makes a new one when the token changes, so
// no cached data crosses users). Operations go to /graphql on the page's own origin, which the
// example's server forwards to the gateway (vite.config.ts).
import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { DocumentNode } from 'graphql';
import { createCache } from './cache';

export function createClient(token: string): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([trustedDocumentsLink(), httpLink(token)]),
    cache: createCache(),
  });
}

/**
 * Sends each operation as the hash codegen computed for it (persisted-documents.json), never
 * the document: what a gateway running with PERSISTED_DOCUMENTS_ONLY=true accepts. A gateway
 * without the manifest answers PERSISTED_QUERY_NOT_FOUND; the link then sends full documents
 * for the rest of the session, so the page also works against a plain `npm start`.
 */
function trustedDocumentsLink(): ApolloLink {
  return new PersistedQueryLink({
    generateHash: codegenHash,
    disable: ({ meta }) => meta.persistedQueryNotFound || meta.persistedQueryNotSupported,
  });
}

/** The hash the client preset embedded in the document (codegen.ts writes the same one to the manifest). */
function codegenHash(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') {
    throw new Error(
      'an operation not written with graphql() from src/gql has no trusted-document hash',
    );
  }
  return hash;
}

function httpLink(token: string): HttpLink {
  return new HttpLink({
    uri: '/graphql',
    // The JSON content type already satisfies the gateway's CSRF check for POSTs.
    headers: { authorization: `Bearer ${token}` },
  });
}
