// Which trusted document a request names, put in place of its query. The one place that reads
// `documentId` and Apollo's persisted-query hash off a request.
import type { GraphQLRequest } from '@apollo/server';
import { BadUserInputError, PersistedQueryNotFoundError } from '../errors/gateway-errors';
import type { PersistedManifest } from './manifest';

/**
 * Sets `request.query` to the manifest's document when the request names one, and says whether
 * the document the request will run came from the manifest. Throws (answered 400) for an
 * unknown or malformed `documentId`, or one sent with a document.
 */
export function resolveTrustedDocument(
  manifest: PersistedManifest,
  request: GraphQLRequest,
): boolean {
  const documentId = readDocumentId(request);
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

function readDocumentId(request: GraphQLRequest): string | undefined {
  const http = request.http;
  if (!http) return undefined;
  const value =
    http.method === 'GET'
      ? (new URLSearchParams(http.search).getAll('documentId') as unknown[])
      : [(http.body as Record<string, unknown> | undefined)?.documentId];
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
