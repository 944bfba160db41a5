// The upload body the upstream parses (upstream-api.md §13.7), produced as the file arrives.
// Written here rather than with a form-data library: undici's FormData takes only Blobs (a file
// already whole in memory), and `form-data` yields a legacy stream that undici does not iterate;
// this is the whole of the format, and the generator keeps backpressure from the client's
// socket to the upstream's.
import { randomBytes } from 'node:crypto';

export interface MultipartBody {
  contentType: string;
  body: AsyncIterable<Uint8Array>;
}

/**
 * Text fields first, then one file part named `fileField` (with a filename: the upstream reads
 * a part without one as a plain value, i.e. a missing file).
 */
export function multipartBody(
  fields: Record<string, string>,
  fileField: string,
  file: AsyncIterable<Uint8Array>,
): MultipartBody {
  const boundary = `----gateway${randomBytes(16).toString('hex')}`;
  const head = Object.entries(fields)
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    )
    .join('');
  const fileHead =
    `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="blob"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  async function* body(): AsyncIterable<Uint8Array> {
    yield Buffer.from(head + fileHead, 'utf8');
    for await (const chunk of file) yield chunk;
    yield Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: body() };
}
