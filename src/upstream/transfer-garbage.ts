// Keeps what a large streamed transfer (an upload, a download) leaves behind to a few MiB.
//
// Nothing in the pipe holds the file: backpressure runs from the client's socket to the
// upstream's, and the gateway holds a few chunks at a time. But every chunk is a new buffer:
// Node's HTTP parser copies each body chunk it reads (node_http_parser.cc, on_body:
// Buffer::Copy), and each socket read of a response is a new allocation too. Once passed on,
// those buffers are garbage that only a young-generation GC frees, and V8 runs one for
// external memory only when young buffers reach 2 × its maximum semi-space (32 MiB on 64-bit),
// a constant no flag changes. The JS allocated per 64 KiB chunk is too little to fill the new
// space sooner. So the gateway's RSS settled 20-30 MiB higher than it needs, reached on the
// first large transfer or on a later one, depending on where the collection fell: a second
// 30 MiB upload after a first one raised it by 12 to 23 MiB in 4 runs of 5 (a plain Node
// http pipe, client to upstream, also grew by 5 to 9 MiB on its second transfer). A minor GC
// every COLLECT_EVERY_BYTES of streamed bytes (all transfers together) bounds that garbage.
//
// There is no API for a GC without --expose-gc, and the gateway is started as plain
// `node dist/src/main.js`, so the flag is set for one new context only, its gc read from it,
// and the flag set back: two calls, written here rather than taken from a package, and
// nothing assigned to globalThis.gc (which other libraries test for). Where that is not
// possible the transfer still works, with V8's own bound.
import { pipeline, Transform, type Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Streamed bytes between two minor GCs: the garbage a transfer can leave. Each GC is a
 * scavenge of the young generation: a median of 3 to 7 ms measured here (2 shared cores, load
 * average 7 to 13), 8 per 30 MiB, where V8 alone ran one.
 */
export const COLLECT_EVERY_BYTES = 4 * 1024 * 1024;

type Gc = (options: { type: 'minor' }) => void;

function obtainGc(): Gc | undefined {
  const exposed = (globalThis as { gc?: Gc }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as Gc) : undefined;
  } catch {
    return undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

let minorGc: Gc | undefined | null = null; // null: not looked up yet
let sinceCollect = 0;

/** Counts bytes a streamed transfer passed on; every COLLECT_EVERY_BYTES runs a minor GC. */
export function noteTransferred(bytes: number): void {
  sinceCollect += bytes;
  if (sinceCollect < COLLECT_EVERY_BYTES) return;
  sinceCollect = 0;
  if (minorGc === null) minorGc = obtainGc();
  minorGc?.({ type: 'minor' });
}

/** `source` as it flows, counted by noteTransferred; destroying either end destroys both. */
export function countTransferred(source: Readable): Readable {
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      noteTransferred(chunk.length);
      done(null, chunk);
    },
  });
  pipeline(source, counted, () => {}); // Errors reach whoever reads `counted`.
  return counted;
}
