// Writes a route's Reply: JSON, plain text, or raw bytes streamed in chunks (the download).
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Reply } from './route-types';

/** Chunk size of a download: the bytes go out as the client takes them, not in one write. */
const DOWNLOAD_CHUNK = 64 * 1024;

function* chunks(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += DOWNLOAD_CHUNK) {
    yield bytes.subarray(at, at + DOWNLOAD_CHUNK);
  }
}

export async function writeReply(res: ServerResponse, reply: Reply): Promise<void> {
  if (reply.bytes !== undefined) {
    res.writeHead(reply.status, { ...reply.headers, 'content-length': reply.bytes.length });
    // A client that goes away mid-download rejects the pipeline; nothing is left to clean.
    await pipeline(Readable.from(chunks(reply.bytes)), res).catch(() => undefined);
    return;
  }
  if (reply.text !== undefined) {
    res
      .writeHead(reply.status, {
        ...reply.headers,
        'content-length': Buffer.byteLength(reply.text),
      })
      .end(reply.text);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, reply.headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res
    .writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(text) })
    .end(text);
}
