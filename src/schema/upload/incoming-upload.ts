// One file of a multipart request (http/multipart-uploads.ts makes it), as the Upload scalar
// hands it to uploadFile: the bytes as they arrive from the client, read once, never buffered.
import type { Readable } from 'node:stream';

export class IncomingUpload {
  /** Set once something reads the bytes: the request then ends with them, not before. */
  consumed = false;
  /** Why the bytes stopped short (over MAX_UPLOAD_BYTES): the error the client should see. */
  failure?: Error;

  constructor(
    private readonly stream: Readable,
    /** What the client named the file (informative only: the upstream ignores it). */
    readonly filename: string,
  ) {}

  /** The bytes, once; a second read is a programming error. */
  read(): AsyncIterable<Uint8Array> {
    if (this.consumed) throw new Error('an upload is read once');
    this.consumed = true;
    return this.stream;
  }
}
