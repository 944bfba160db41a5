// One entry of the emulator's request log: what tests count and inspect upstream calls by.

export interface RecordedRequest {
  method: string;
  /** Pathname only, e.g. '/boxes/<id>/events'. */
  path: string;
  /** The matched route's template, e.g. '/boxes/:id/events'; absent when no route matched. */
  route?: string;
  /** First value of each query key. */
  query: Record<string, string>;
  cookies: Record<string, string>;
  /** Lowercased names, as received (cookie header included). */
  headers: Record<string, string>;
  /**
   * Parsed JSON if it parsed, else the raw string, undefined if empty. A multipart upload keeps
   * its text fields and `{ filename, size }` per file part, never the bytes.
   */
  body: unknown;
  /** Upload only: body bytes received so far, updated as they arrive. */
  bodyBytes?: number;
  /** true when the request asked for a protocol upgrade (the realtime socket), refused or not. */
  upgrade?: boolean;
}
