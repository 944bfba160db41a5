// startEmulator: a real HTTP server with the upstream's contract (style habit 14), used by the
// gateway when no UPSTREAM_URL is set, by its tests, and by `npm run emulator`.
import { createServer, ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { FaultPlan, sendFault, type FaultRule } from './faults';
import { Publisher } from './realtime/publisher';
import { SocketRegistry } from './realtime/registry';
import { socketSettings, type SocketOptions } from './realtime/settings';
import { firstValues, loggedBody, parseRequest, readBody } from './request-parsing';
import type { RecordedRequest } from './request-log';
import { resolveRoute } from './route-table';
import type { StreamedBody } from './route-types';
import { answer } from './routes';
import { demoSeed } from './seed';
import { storeFromSeed } from './seed-loader';
import type { Seed } from './seed-types';
import { countUnread } from './unread';
import { UPSTREAM_MAX_UPLOAD_BYTES, checkUploadLimit } from './upload-request';
import { writeReply } from './write-reply';

export type { Fault, FaultRule } from './faults';
export type { SocketOptions } from './realtime/settings';
export type { Seed } from './seed-types';
export type { RecordedRequest } from './request-log';

export interface EmulatorOptions {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default demoSeed() */
  seed?: Seed;
  /** Artificial delay before answering every request, for benchmarks. @default 0 */
  latencyMs?: number;
  /** Benchmarks turn this off so memory stays flat. @default true */
  recordRequests?: boolean;
  /** The realtime socket's settings (upstream-api.md §9.5, §9.8 #2, #10, #17). */
  socket?: SocketOptions;
  /** The largest file POST /boxes/:bid/encrypted-files accepts (D8). @default 126 MiB */
  maxUploadBytes?: number;
}

export interface Emulator {
  /** 'http://127.0.0.1:<port>', no trailing slash. */
  url: string;
  /** Every request received, faulted ones included, in arrival order. */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** Rules are matched in the order added. */
  failNext(rule: FaultRule): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Destroys every open realtime socket without a close frame (clients see 1006). Returns the count. */
  dropSockets(): number;
  /** Open realtime sockets now (all identities). */
  openSockets(): number;
  /** Delays every server→client realtime message by ms (0 = off); the delay is read when each is written. */
  setSocketDelay(ms: number): void;
  /**
   * Closes the server and destroys open (keep-alive) sockets, realtime ones without a close
   * frame; resolves when fully closed.
   */
  close(): Promise<void>;
}

/** The raw connection of a request that asked to upgrade. */
interface Upgrade {
  socket: Duplex;
  head: Buffer;
}

function checkDelay(name: string, ms: number): number {
  if (!(Number.isFinite(ms) && ms >= 0))
    throw new TypeError(`${name} must be a finite number >= 0, got ${ms}`);
  return ms;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const store = storeFromSeed(options.seed ?? demoSeed());
  const settings = socketSettings(options.socket);
  // A websocket ack for one's own identity resets that box's unread counter (§9.4, §13.8).
  const realtime = new SocketRegistry(settings, (identityId, boxId) =>
    store.unread.reset(identityId, boxId),
  );
  const publisher = new Publisher(store, realtime);
  // Counters first, so a client reading the box right after its event.new sees the new count.
  store.onCommit = (events) => {
    for (const event of events) countUnread(store, event);
    publisher.committed(events);
  };
  const routeContext = {
    store,
    publisher,
    settings: {
      allowedOrigins: settings.allowedOrigins,
      maxUploadBytes: checkUploadLimit(options.maxUploadBytes ?? UPSTREAM_MAX_UPLOAD_BYTES),
    },
  };
  const recording = options.recordRequests ?? true;
  const requests: RecordedRequest[] = [];
  const faults = new FaultPlan();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let latency = checkDelay('latencyMs', options.latencyMs ?? 0);
  let closing: Promise<void> | undefined;

  /** A timer that close() can cancel, so a delayed answer never outlives the server. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    upgrade?: Upgrade,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const route = resolveRoute(method, url.pathname);
    const streamed = !upgrade && route.kind === 'found' && route.endpoint.streamed === true;
    const entry: RecordedRequest | undefined = recording
      ? {
          method,
          path: url.pathname,
          ...(route.kind === 'not_found' ? {} : { route: route.template }),
          query: firstValues(url.searchParams),
          cookies: {},
          headers: {},
          body: undefined,
          ...(upgrade ? { upgrade: true } : {}),
          ...(streamed ? { bodyBytes: 0 } : {}),
        }
      : undefined;
    if (entry) requests.push(entry); // pushed on arrival: the log keeps arrival order
    // An upgrade request has no body: what follows its headers belongs to the new protocol.
    // A streamed route reads its body itself, as it arrives.
    const parsed = parseRequest(req, upgrade || streamed ? '' : await readBody(req));
    if (entry) {
      entry.cookies = parsed.cookies;
      entry.headers = parsed.headers;
      entry.body = loggedBody(parsed.rawBody);
    }
    const body: StreamedBody | undefined = streamed
      ? {
          stream: req,
          progress: (bytes) => {
            if (entry) entry.bodyBytes = bytes;
          },
          summary: (summary) => {
            if (entry) entry.body = summary;
          },
        }
      : undefined;
    const fault = faults.take(parsed.method, parsed.path);
    if (latency > 0) await sleep(latency);
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault && fault.kind !== 'delay') {
      sendFault(fault, parsed.method, res);
      return;
    }
    const reply = await answer(routeContext, parsed, body);
    if (reply.upgrade) {
      // Node hands every request with `Connection: upgrade` + `Upgrade` to the upgrade event,
      // and the handshake check requires both, so a 101 always comes with a raw socket.
      if (!upgrade) throw new Error('a 101 reply to a request that did not ask to upgrade');
      res.detachSocket(upgrade.socket as Socket);
      realtime.accept(req, upgrade.socket, upgrade.head, reply.upgrade.id);
      return;
    }
    await writeReply(res, reply);
  }

  const serve = (req: IncomingMessage, res: ServerResponse, upgrade?: Upgrade) => {
    handle(req, res, upgrade).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const desc = err instanceof Error ? err.message : String(err);
      void writeReply(res, {
        status: 500,
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: { code: 'internal', origin: 'internal', desc, details: {} },
      });
    });
  };
  const server = createServer((req, res) => serve(req, res));
  // Upgrade requests go through the same pipeline (log, faults, latency, routes) with a
  // response bound to the raw socket, so every refusal is an ordinary HTTP answer.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy()); // a client reset before the answer is not ours
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Socket);
    res.on('finish', () => socket.end());
    serve(req, res, { socket, head });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator is not on TCP');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    requests,
    clearRequests: () => {
      requests.length = 0; // in place: callers may hold the array
    },
    failNext: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      latency = checkDelay('latency', ms);
    },
    dropSockets: () => realtime.dropAll(),
    openSockets: () => realtime.count(),
    setSocketDelay: (ms) => realtime.setDelay(checkDelay('socket delay', ms)),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        realtime.dropAll();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
