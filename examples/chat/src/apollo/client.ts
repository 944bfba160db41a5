// One Apollo Client per signed-in user (the page makes a new one when the token changes, so
// no cached data crosses users). Operations go to /graphql on the page's own origin, which the
// example's server forwards to the gateway (vite.config.ts): queries and mutations over HTTP,
// subscriptions over graphql-ws on the same path. The trusted-documents link is in front of
// both, so subscriptions too are sent as their manifest hash.
import { ApolloClient, ApolloLink } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import type { DocumentNode } from 'graphql';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { createClient as createWsClient } from 'graphql-ws';
import { createCache } from './cache';
import type { ConnectionStatus } from './connection-status';

export function createClient(token: string, status: ConnectionStatus): ApolloClient {
  const transport = ApolloLink.split(isSubscription, wsLink(token, status), httpLink(token));
  return new ApolloClient({
    link: ApolloLink.from([trustedDocumentsLink(), transport]),
    cache: createCache(),
  });
}

function isSubscription({ query }: ApolloLink.Operation): boolean {
  const definition = getMainDefinition(query);
  return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
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

/**
 * apollo-upload-client's link: JSON POSTs as usual, and the GraphQL multipart request spec when
 * the variables hold a File (uploadFile). A multipart POST needs Apollo's preflight header, which
 * the gateway requires of every upload (its CSRF rule); JSON POSTs do not need it but carry it.
 */
function httpLink(token: string): ApolloLink {
  return new UploadHttpLink({
    uri: '/graphql',
    headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
  });
}

/**
 * graphql-ws on the page's own /graphql, credentials in connection_init. Lazy (the default):
 * the socket opens with the first subscription and closes after the last, so a page for another
 * user leaves no socket behind. The link sends the document with the hash; the gateway runs the
 * manifest's copy (and in only-mode refuses a hash it does not hold).
 *
 * It never gives up: graphql-ws retries 5 times by default and takes a refused connection (a
 * gateway restarting) as fatal. Retrying forever with backoff, it re-sends each subscription
 * under the same operation id, and the gateway resumes it where it stopped: what was posted
 * meanwhile arrives, then a notice (live-updates.ts). `status` drives the banner meanwhile.
 */
function wsLink(token: string, status: ConnectionStatus): GraphQLWsLink {
  return new GraphQLWsLink(
    createWsClient({
      url: new URL('/graphql', location.href).href.replace(/^http/, 'ws'),
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: backoff,
      on: {
        connecting: (isRetry) => isRetry && status.set('reconnecting'),
        connected: () => status.set('live'),
        // 1000: the lazy client closed it, no subscription left; anything else is a drop.
        closed: (event) =>
          status.set((event as { code?: number }).code === 1000 ? 'idle' : 'reconnecting'),
      },
    }),
  );
}

/** 0.5 s doubling to 10 s, with jitter, so a restarted gateway is not hit by every page at once. */
function backoff(retries: number): Promise<void> {
  const ceiling = Math.min(10_000, 500 * 2 ** retries);
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + (Math.random() * ceiling) / 2));
}
