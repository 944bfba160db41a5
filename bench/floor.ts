// The floor of the bench: the least any gateway can spend on one page of events. A
// hand-written pass-through on node:http: one undici GET to the emulator (plus the HEAD of the
// count when asked), JSON.parse, reshape to the exact GraphQL result the gateway returns for
// bench/scenarios.ts's fragment, JSON.stringify. No GraphQL, no validation, no error handling
// beyond a 502: the gateway's CPU per operation divided by this one is its overhead, measured in
// the same run on the same noisy machine (bench/run.ts checks both answer the same bytes).
//
// `node dist/bench/floor.js` with FLOOR_UPSTREAM_URL; prints `ready <url>` once listening.
// Request: any method, `/events?box=<id>&offset=<n>&limit=<n>[&count=1]`, with the caller's
// `Authorization: Bearer <token>` (sent upstream as the same cookies the gateway sends); the body,
// if any, is read and ignored (the bench sends the gateway's own POST so the same bytes arrive).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'undici';

interface Sender {
  id: string;
  display_name: string;
  avatar_url: string | null;
  identifier_value: string;
  identifier_kind: string;
}

interface Dto {
  id: string;
  type: string;
  box_id: string;
  server_event_created_at: string;
  referrer_id: string | null;
  sender: Sender;
  content: Record<string, unknown> | null;
}

const sender = (s: Sender) => ({
  id: s.id,
  displayName: s.display_name,
  avatarUrl: s.avatar_url ?? null,
  identifierValue: s.identifier_value || null,
  identifierKind: s.identifier_kind || null,
});

/** Field for field what `...Ev` selects, in its order; a deleted message shows nulls. */
function reshape(e: Dto) {
  const c = e.content ?? {};
  const live = !('deleted' in c);
  const id = e.id.toLowerCase();
  const boxId = e.box_id.toLowerCase();
  const referrerId = e.referrer_id ? e.referrer_id.toLowerCase() : null;
  const at = e.server_event_created_at;
  if (e.type === 'msg.text') {
    return {
      id,
      type: e.type,
      boxId,
      serverEventCreatedAt: at,
      referrerId,
      sender: sender(e.sender),
      encrypted: live ? c.encrypted : null,
      publicKey: live ? c.public_key : null,
      lastEditedAt: live ? (c.last_edited_at ?? null) : null,
    };
  }
  if (e.type === 'msg.file') {
    return {
      id,
      type: e.type,
      boxId,
      serverEventCreatedAt: at,
      referrerId,
      sender: sender(e.sender),
      encrypted: live ? c.encrypted : null,
      publicKey: live ? c.public_key : null,
      encryptedFileId: live ? (c.encrypted_file_id ?? null) : null,
      isSaved: live ? (c.is_saved ?? false) : false,
    };
  }
  return {
    id,
    type: e.type,
    boxId,
    serverEventCreatedAt: at,
    referrerId,
    sender: sender(e.sender),
  };
}

async function page(upstream: Pool, request: IncomingMessage): Promise<string> {
  const url = new URL(request.url ?? '/', 'http://floor');
  const box = url.searchParams.get('box') ?? '';
  const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  const headers = { cookie: `accesstoken=${token}; tokentype=bearer` };
  const path = `/boxes/${box}/events`;
  const list = upstream.request({
    method: 'GET',
    path: `${path}?offset=${url.searchParams.get('offset')}&limit=${url.searchParams.get('limit')}`,
    headers,
  });
  const count =
    url.searchParams.get('count') === '1'
      ? upstream.request({ method: 'HEAD', path, headers, reset: false })
      : undefined;
  const [listed, counted] = await Promise.all([list, count]);
  const events = (JSON.parse(await listed.body.text()) as Dto[]).map(reshape);
  // Apollo ends every body with a newline; so does the floor, byte for byte the same answer.
  if (!counted) return `${JSON.stringify({ data: { box: { events } } })}\n`;
  await counted.body.dump();
  const eventsCount = Number(counted.headers['x-total-count']);
  return `${JSON.stringify({ data: { box: { eventsCount, events } } })}\n`;
}

function serve(upstream: Pool) {
  return (request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.once('end', () => {
      page(upstream, request).then(
        (body) => {
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          response.end(body);
        },
        (error: unknown) => {
          response.writeHead(502, { 'content-type': 'text/plain' });
          response.end(String(error));
        },
      );
    });
  };
}

function main(): void {
  const origin = process.env.FLOOR_UPSTREAM_URL;
  if (!origin) throw new Error('FLOOR_UPSTREAM_URL is not set');
  // The gateway's default UPSTREAM_CONNECTIONS, so neither side waits longer for a socket.
  const upstream = new Pool(origin, { connections: 64 });
  const server = createServer({ keepAliveTimeout: 72_000 }, serve(upstream));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP port');
    process.stdout.write(`ready http://127.0.0.1:${address.port}\n`);
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
    upstream.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main();
