// graphql-ws's server (`makeServer`, the library's extension point for a transport) over a `ws`
// WebSocketServer, in place of the library's own `graphql-ws/use/ws`, which for every frame
// wrapped ws.send in a promise resolved by a write callback, kept the raw Buffer of every
// `subscribe` message for the subscription's life, and ran a keep-alive interval and a pong
// timeout per socket. Here: frames are written with ws.send and nothing waits on them (a
// subscription's frames wait for the socket themselves, http/frame-pump.ts), a message is handed
// to makeServer as a string and its Buffer dropped, and one timer pings every socket.
// The protocol itself (connection_init, ping/pong messages, subscribe/complete, close codes
// 4400, 4401, 4403, 4408, 4409, 4429, 4500) stays makeServer's.
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';

/** What makeServer's context keeps as ctx.extra. */
export interface WsExtra<R> {
  socket: WebSocket;
  request: R;
}

export interface WsAdapter {
  /** Closes every client socket with 1001 (Going away) and the server. */
  dispose(): Promise<void>;
}

/** As graphql-ws's adapter: a socket that answered no ping for this long is terminated. */
const KEEP_ALIVE_MS = 12_000;
const INTERNAL_ERROR = 'Internal server error';

export function serveGraphqlWs<P extends Record<string, unknown> | undefined, R>(
  options: ServerOptions<P, WsExtra<R>>,
  wss: WebSocketServer,
): WsAdapter {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  const fail = (socket: WebSocket) => socket.close(CloseCode.InternalServerError, INTERNAL_ERROR);
  wss.once('error', () => {
    for (const client of wss.clients) fail(client);
  });

  // One sweep for every socket: a socket whose pong to the last sweep's ping has not come is
  // terminated (it stopped reading; a socket that reads answers pings), the others pinged.
  const awaitingPong = new Set<WebSocket>();
  const keepAlive = setInterval(() => {
    for (const socket of wss.clients) {
      if (socket.readyState !== socket.OPEN) continue;
      if (awaitingPong.has(socket)) {
        socket.terminate();
        continue;
      }
      awaitingPong.add(socket);
      socket.ping();
    }
  }, KEEP_ALIVE_MS);
  keepAlive.unref();
  const ponged = function (this: WebSocket) {
    awaitingPong.delete(this);
  };

  wss.on('connection', (socket: WebSocket, request: R) => {
    socket.once('error', () => fail(socket));
    socket.on('pong', ponged);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState === socket.OPEN) socket.send(data);
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', (data) => {
            // The Buffer goes here: makeServer keeps the string of a subscribe while it runs.
            cb(String(data)).catch(() => fail(socket));
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      awaitingPong.delete(socket);
      void closed(code, String(reason));
    });
  });

  return {
    async dispose() {
      clearInterval(keepAlive);
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) =>
        wss.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
