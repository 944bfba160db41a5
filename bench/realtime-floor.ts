// The floor of the realtime bench: the cheapest hand-written bridge for its exact scenario, so
// the gateway's fan-out cost can be read as a ratio to it, measured in the same run
// (bench/realtime.ts, which also checks both answer the same bytes). node:http + ws, the subset of
// graphql-transport-ws the bench client speaks (connection_init → connection_ack, subscribe →
// next…), one upstream socket per caller to the emulator opened as the gateway opens its own
// (src/realtime/socket-registry.ts: GET /box-users/<identity>/ws with the `accesstoken` and
// `tokentype=bearer` cookies), and for each upstream `event.new` the `next` frame built once per
// operation id and written to every subscriber of that box on that caller's socket.
//
// No GraphQL, no validation, no replay, dedup, buffer bound or error handling: it knows the
// bench's selection (`boxEvents { event { id ... on TextMessageEvent { encrypted } } }`) and
// ignores the query text. `/metrics` answers the few Prometheus lines the bench reads of the
// gateway (subscriptions, upstream sockets, RSS and heap), under the gateway's names.
//
// `node dist/bench/realtime-floor.js` with FLOOR_UPSTREAM_URL; prints `ready <url>` once listening.
import { createServer } from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';

interface Subscriber {
  socket: WebSocket;
  /** The operation id of graphql-transport-ws's `subscribe`. */
  id: string;
  boxIds: Set<string>;
}

interface Caller {
  upstream: WebSocket;
  opened: Promise<void>;
  subscribers: Set<Subscriber>;
}

interface EventObject {
  id: string;
  type: string;
  box_id: string;
  content?: { encrypted?: string; deleted?: unknown } | null;
}

/** The bench's selection of one event, in the gateway's field order (lowercase ids). */
function payloadOf(event: EventObject): string {
  const id = event.id.toLowerCase();
  const c = event.content ?? {};
  const shown =
    event.type === 'msg.text'
      ? { id, encrypted: 'deleted' in c ? null : (c.encrypted ?? null) }
      : { id };
  return JSON.stringify({ data: { boxEvents: { event: shown } } });
}

function fanOut(caller: Caller, event: EventObject): void {
  const boxId = event.box_id.toLowerCase();
  const payload = payloadOf(event);
  // graphql-ws writes {id, type, payload} in that order; frames differ only in the id.
  const frames = new Map<string, string>();
  for (const subscriber of caller.subscribers) {
    if (!subscriber.boxIds.has(boxId)) continue;
    let frame = frames.get(subscriber.id);
    if (frame === undefined) {
      frame = `{"id":${JSON.stringify(subscriber.id)},"type":"next","payload":${payload}}`;
      frames.set(subscriber.id, frame);
    }
    subscriber.socket.send(frame);
  }
}

function main(): void {
  const origin = process.env.FLOOR_UPSTREAM_URL;
  if (!origin) throw new Error('FLOOR_UPSTREAM_URL is not set');
  const wsOrigin = origin.replace(/^http/, 'ws');
  const callers = new Map<string, Caller>();
  let subscriptions = 0;

  const callerOf = (token: string, identityId: string): Caller => {
    const key = `${token}\n${identityId}`;
    let caller = callers.get(key);
    if (caller) return caller;
    const upstream = new WebSocket(`${wsOrigin}/box-users/${identityId}/ws`, {
      headers: { cookie: `accesstoken=${token}; tokentype=bearer` },
      perMessageDeflate: false,
    });
    const created: Caller = {
      upstream,
      subscribers: new Set(),
      opened: new Promise((resolve, reject) => {
        upstream.once('open', resolve);
        upstream.once('error', reject);
      }),
    };
    upstream.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; object: EventObject };
      if (message.type === 'event.new') fanOut(created, message.object);
    });
    callers.set(key, created);
    caller = created;
    return caller;
  };

  const metrics = () => {
    const memory = process.memoryUsage();
    return [
      `gateway_subscriptions_active ${subscriptions}`,
      `gateway_upstream_sockets ${callers.size}`,
      `process_resident_memory_bytes ${memory.rss}`,
      `nodejs_heap_size_used_bytes ${memory.heapUsed}`,
      `nodejs_heap_size_total_bytes ${memory.heapTotal}`,
      '',
    ].join('\n');
  };

  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(request.url === '/metrics' ? 200 : 404, { 'content-type': 'text/plain' });
    response.end(request.url === '/metrics' ? metrics() : '');
  });
  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    handleProtocols: (protocols) =>
      protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false,
  });
  wss.on('connection', (socket) => {
    let token = '';
    const mine: Subscriber[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as {
        type: string;
        id?: string;
        payload?: { authorization?: string; variables?: { identityId: string; boxIds: string[] } };
      };
      if (message.type === 'connection_init') {
        token = String(message.payload?.authorization ?? '').replace(/^Bearer /, '');
        socket.send('{"type":"connection_ack"}');
      } else if (message.type === 'subscribe' && message.id && message.payload?.variables) {
        const { identityId, boxIds } = message.payload.variables;
        const caller = callerOf(token, identityId.toLowerCase());
        const subscriber = {
          socket,
          id: message.id,
          boxIds: new Set(boxIds.map((id) => id.toLowerCase())),
        };
        caller.opened.then(
          () => {
            caller.subscribers.add(subscriber);
            mine.push(subscriber);
            subscriptions++;
          },
          () => socket.close(4500, 'upstream socket failed'),
        );
      }
    });
    socket.on('close', () => {
      for (const caller of callers.values()) {
        for (const subscriber of mine) caller.subscribers.delete(subscriber);
      }
      subscriptions -= mine.length;
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP port');
    process.stdout.write(`ready http://127.0.0.1:${address.port}\n`);
  });
  process.once('SIGTERM', () => {
    for (const caller of callers.values()) caller.upstream.terminate();
    for (const client of wss.clients) client.terminate();
    server.close(() => process.exit(0));
  });
}

main();
