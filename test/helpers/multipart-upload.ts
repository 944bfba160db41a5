// A GraphQL multipart request (the spec apollo-upload-client speaks) written by hand over
// node:http, so a test controls how the file is sent: in chunks, paused, stalled. The file is
// random bytes, hashed as they are sent, so what arrives can be compared byte for byte.
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';

export const UPLOAD_FILE = `mutation Upload($boxId: UUID!, $file: Upload!, $encrypted: String!) {
  uploadFile(boxId: $boxId, file: $file, encrypted: $encrypted, publicKey: "pk") {
    id type encryptedFileId downloadPath
  }
}`;

export interface UploadOptions {
  /** The gateway's /graphql URL. */
  url: string;
  token?: string;
  /** @default { 'apollo-require-preflight': 'true' } */
  headers?: Record<string, string>;
  /** The `operations` part. */
  operations: Record<string, unknown>;
  fileBytes: number;
  /** @default 256 KiB */
  chunkBytes?: number;
  /** Send a Content-Length (as browsers and curl do) or go chunked. @default true */
  contentLength?: boolean;
  /** Called after each chunk is written and drained; sending waits for it. */
  afterChunk?: (sent: number) => Promise<void> | void;
  /** Stop sending (without ending the request) once this many file bytes are out. */
  stallAfter?: number;
}

export interface UploadResult {
  status: number;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted with toMatchObject
}

export interface Upload {
  response: Promise<UploadResult>;
  /** File bytes written so far. */
  sent(): number;
  /** sha256 of the file bytes written so far (the whole file once sending is done). */
  sha256(): string;
  /** Resolves when the whole body is written (never, for a stalled one). */
  written: Promise<void>;
}

export function sendUpload(options: UploadOptions): Upload {
  const boundary = `----test${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
      `${JSON.stringify(options.operations)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n` +
      `${JSON.stringify({ 0: ['variables.file'] })}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="secret.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(options.url);
  const headers: Record<string, string | number> = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    ...(options.headers ?? { 'apollo-require-preflight': 'true' }),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  };
  if (options.contentLength !== false) {
    headers['content-length'] = head.length + options.fileBytes + tail.length;
  }
  const hash = createHash('sha256');
  let digest: string | undefined;
  let sent = 0;
  const req = request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers,
    agent: false,
  });
  const response = new Promise<UploadResult>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  // A refusal may close the connection while we still write: that is the answer, not a failure.
  req.on('error', () => {});
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve) => {
      if (req.destroyed || req.write(chunk)) return resolve();
      const done = () => {
        req.off('drain', done);
        req.off('close', done);
        resolve();
      };
      req.on('drain', done);
      req.on('close', done);
    });
  const written = (async () => {
    await write(head);
    const chunkBytes = options.chunkBytes ?? 256 * 1024;
    while (sent < options.fileBytes && !req.destroyed) {
      if (options.stallAfter !== undefined && sent >= options.stallAfter) {
        return new Promise<void>(() => {}); // stalled for good
      }
      const chunk = randomBytes(Math.min(chunkBytes, options.fileBytes - sent));
      hash.update(chunk);
      sent += chunk.length;
      await write(chunk);
      await options.afterChunk?.(sent);
    }
    digest = hash.digest('hex');
    if (!req.destroyed) req.end(tail);
  })();
  return {
    response,
    sent: () => sent,
    sha256: () => digest ?? hash.copy().digest('hex'),
    written,
  };
}

/** sha256 and length of a GET's body, read as a stream. */
export function downloadSha256(
  url: string,
  headers: Record<string, string>,
): Promise<{
  status: number;
  headers: Record<string, unknown>;
  sha256: string;
  bytes: number;
  text: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      const start: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
        if (bytes <= 4096) start.push(chunk);
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          sha256: hash.digest('hex'),
          bytes,
          text: Buffer.concat(start).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
