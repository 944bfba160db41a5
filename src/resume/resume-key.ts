// The key a subscription's positions are kept under (graphql-api.md §10.1): the credential, the
// identity and the client's own name for the operation (the graphql-ws operation id, or the
// SSE stream's id with the request body). One caller's id therefore finds nothing of another's.
// A digest: the store holds no token, id or box list in its keys.
import { createHash } from 'node:crypto';

/** What a transport knows about the operation, for a transparent resume. */
export interface ResumeHandle {
  transport: 'ws' | 'sse';
  /** The graphql-ws operation id; for SSE the stream id and a digest of the request body. */
  id: string;
  /** WebSocket: whether its connection has closed (then an end is not the client's `complete`). */
  connectionClosed?(): boolean;
  /** SSE: the number of the last `next` event the client says it got (Last-Event-ID). */
  lastSeen?: number;
}

export function resumeKey(caller: string, identityId: string, handle: ResumeHandle): string {
  return createHash('sha256')
    .update(`${caller}\n${identityId.toLowerCase()}\n${handle.transport}\n${handle.id}`)
    .digest('base64url');
}
