// Backpressure for GraphQL over SSE. graphql-sse pulls each subscription's results as fast as
// they come and queues its frames without limit until they are written, so a reader that stops
// reading held every event (18 MB for 60 posts of 300 KB) and was never cut off. Here a
// subscription's `next` frames are written by the route itself (http/frame-pump.ts, one
// serialisation per shared result), and the next result is pulled only once the previous frame
// was handed to the socket (and the socket drained): a stalled reader leaves its updates in the
// subscription's own bounded queue (SUBSCRIBER_BUFFER), which ends it with SLOW_CONSUMER exactly
// as a stalled WebSocket does. graphql-sse's own stream then carries only the keep-alive
// comments and `complete`.
import type { ServerResponse } from 'node:http';
import type { FrameSink } from './frame-pump';

/** Resolves once the response can take more (drained), or is gone. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/**
 * One subscription's `next` events on its response. Its first frame waits for `headersWritten`
 * (the route writes the status and headers once graphql-sse has answered). The `id:` line of
 * resume is added per response by resume/transport-handles.ts.
 */
export function sseSink(response: ServerResponse, headersWritten: Promise<void>): FrameSink {
  let ready = false;
  const write = (json: string): Promise<void> | undefined =>
    response.write(`event: next\ndata: ${json}\n\n`) ? undefined : drained(response);
  return {
    open: () => !response.destroyed && response.writable,
    send(json) {
      if (ready) return write(json);
      return headersWritten.then(() => {
        ready = true;
        return response.destroyed || !response.writable ? undefined : write(json);
      });
    },
  };
}

/**
 * Writes graphql-sse's stream (keep-alive comments, `complete`, a single result), waiting for
 * `drain` whenever the socket's buffer is full.
 */
export async function writeStream(
  frames: AsyncGenerator<string, void, undefined>,
  response: ServerResponse,
): Promise<void> {
  const onClose = () => void frames.return(undefined);
  response.once('close', onClose);
  try {
    for await (const frame of frames) {
      if (response.destroyed || !response.writable) break;
      if (!response.write(frame)) await drained(response);
    }
  } finally {
    response.off('close', onClose);
    if (!response.writableEnded) response.end();
  }
}
