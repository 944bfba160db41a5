// Which trusted document a request names, put in place of its query, and the only-mode rule.
// The one place that reads `documentId` and Apollo's persisted-query hash off a request, for
// POST/GET /graphql (the Apollo plugin) and for the streaming transports (pipeline/stream-operation.ts).
import type { GraphQLRequest } from '@apollo/server';
import {
  BadUserInputError,
  PersistedQueryNotAllowedError,
  PersistedQueryNotFoundError,
} from '../errors/gateway-errors';
import type { PersistedManifest } from './manifest';

export interface TrustedDocuments {
  manifest: PersistedManifest;
  /** Refuse every document that is not in the manifest (PERSISTED_DOCUMENTS_ONLY). */
  only: boolean;
}

/** What the resolver reads and rewrites: a GraphQL request's document and extensions. */
export interface DocumentRequest {
  query?: unknown;
  extensions?: Record<string, unknown> | null;
}

/**
 * Sets `request.query` to the manifest's document when the request names one, and says whether
 * the document the request will run came from the manifest. Throws (answered 400) for an
 * unknown or malformed `documentId`, or one sent with a document.
 */
export function resolveTrustedDocument(
  manifest: PersistedManifest,
  request: GraphQLRequest,
): boolean {
  return useManifestDocument(manifest, request, httpDocumentIds(request));
}

/**
 * The same for one operation over WebSocket or SSE, whose payload carries `documentId` next to
 * `query`. graphql-ws and graphql-sse insist on a `query` string, so an empty one counts as none.
 */
export function resolveStreamDocument(
  manifest: PersistedManifest,
  request: DocumentRequest & { documentId?: unknown },
): boolean {
  const { documentId, ...rest } = request;
  if (rest.query === '') delete rest.query;
  const trusted = useManifestDocument(manifest, rest, documentId === undefined ? [] : [documentId]);
  request.query = rest.query;
  request.extensions = rest.extensions;
  return trusted;
}

/** The only-mode rule, on every transport: a document not from the manifest is refused. */
export function refuseUntrusted(only: boolean, trusted: boolean): void {
  if (only && !trusted) throw new PersistedQueryNotAllowedError();
}

function useManifestDocument(
  manifest: PersistedManifest,
  request: DocumentRequest,
  documentIds: unknown[],
): boolean {
  const documentId = checkedDocumentId(documentIds);
  if (documentId !== undefined) {
    if (request.query !== undefined) {
      throw invalidDocumentId('send either documentId or query, not both');
    }
    const document = manifest.get(documentId);
    if (document === undefined) throw new PersistedQueryNotFoundError(documentId);
    request.query = document;
    return true;
  }
  const { persistedQuery, ...extensions } = request.extensions ?? {};
  const hash = (persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  const document = typeof hash === 'string' ? manifest.get(hash) : undefined;
  if (document === undefined) return false;
  // Served from the manifest, not from Apollo's APQ store: without the extension Apollo neither
  // looks the hash up nor registers the document.
  request.query = document;
  request.extensions = extensions;
  return true;
}

function httpDocumentIds(request: GraphQLRequest): unknown[] {
  const http = request.http;
  if (!http) return [];
  return http.method === 'GET'
    ? new URLSearchParams(http.search).getAll('documentId')
    : [(http.body as Record<string, unknown> | undefined)?.documentId];
}

function checkedDocumentId(value: unknown[]): string | undefined {
  if (value.length === 0 || value[0] === undefined) return undefined;
  if (value.length > 1) throw invalidDocumentId('documentId must be given once');
  if (typeof value[0] !== 'string' || value[0] === '') {
    throw invalidDocumentId('documentId must be a non-empty string');
  }
  return value[0];
}

function invalidDocumentId(reason: string): BadUserInputError {
  return new BadUserInputError(
    reason,
    { documentId: reason },
    { extensions: { http: { status: 400 } } },
  );
}
