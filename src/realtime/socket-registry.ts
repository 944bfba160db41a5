// The one place that owns upstream realtime sockets: one per credential and identity, shared by
// every subscription of that caller on every client connection (docs/realtime.md). It opens
// the socket on the first subscription, fans each `event.new` out to the subscriptions of its
// box and each change of the caller's box list to its myBoxes subscriptions, tells them when
// the socket is back, ends them on a refusal or a token that stopped working, and closes the
// socket `lingerMs` after the last one left.
//
// Each message becomes one item (realtime-items.ts), made once and pushed to every subscription
// that wants it, synchronously and so in the socket's order: whatever an update needs to read
// upstream is read by the resolvers, in the update's counted scope.
import { createHash } from 'node:crypto';
import { toUpstreamHeaders, type Credentials } from '../auth/credentials';
import { UpstreamCapacityError, type GatewayError } from '../errors/gateway-errors';
import { isUnauthenticated } from '../errors/request-errors';
import { realClock, type Clock, type ClockTimer } from '../clock';
import { toGraphQLError } from '../errors/to-graphql-error';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { UpstreamError, UpstreamTimeoutError } from '../upstream/upstream-errors';
import type { BoxEventsApi } from '../upstream/upstream-types';
import { fanOut, type SocketListener } from './socket-fan-out';
import {
  openUpstreamSocket,
  SOCKET_ROUTE,
  type UpstreamMessage,
  type UpstreamSocket,
} from './upstream-socket';

export type { SocketListener } from './socket-fan-out';

export interface SocketRegistryOptions {
  /** ws(s)://host[/prefix]; the route is appended. */
  wsBase: string;
  maxSockets: number;
  lingerMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  credentialCheckMs: number;
  /** How long a first subscription waits for the socket to open. */
  openTimeoutMs: number;
  metrics: Metrics;
  logger: Logger;
  /** The linger, credential-check, open and reconnect timers' clock; a test passes a manual one. */
  clock?: Clock;
}

interface Entry {
  identityId: string;
  socket: UpstreamSocket;
  api: BoxEventsApi;
  subscriptions: Set<SocketListener>;
  open: boolean;
  /** Settles at the first open or refusal. */
  opened: Promise<void>;
  settleOpen(error?: GatewayError): void;
  lastAttemptError?: Error;
  linger?: ClockTimer;
  check: ClockTimer;
}

export interface SocketRegistry {
  /**
   * Attaches `subscription` to the socket of (credentials, identity), opening it if needed, and
   * resolves once it is open. Rejects (and detaches) on a refusal, a timeout or the bound.
   * The returned function detaches it.
   */
  attach(
    credentials: Credentials,
    identityId: string,
    /** The socket's own API (its credential checks): built only for a new socket. */
    apiFor: () => BoxEventsApi,
    subscription: SocketListener,
  ): Promise<() => void>;
  /**
   * Handles `message` on every socket of `identityId` in this process as if the upstream had
   * sent it: what the upstream publishes nothing for (a REST ack) still reaches the caller's
   * myBoxes subscriptions.
   */
  announce(identityId: string, message: UpstreamMessage): void;
  /** Shutdown: ends every subscription, closes every upstream socket. */
  closeAll(): void;
  size(): number;
}

export function createSocketRegistry(options: SocketRegistryOptions): SocketRegistry {
  const entries = new Map<string, Entry>();
  const { metrics, logger } = options;
  const clock = options.clock ?? realClock;

  const remove = (key: string, entry: Entry) => {
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    clock.clearTimeout(entry.linger);
    clock.clearTimeout(entry.check);
    entry.socket.close();
    metrics.upstreamSockets.set(entries.size);
  };

  const failAll = (key: string, entry: Entry, error: GatewayError) => {
    entry.settleOpen(error);
    for (const subscription of [...entry.subscriptions]) subscription.fail(error);
    remove(key, entry);
  };

  const create = (key: string, credentials: Credentials, identityId: string, api: BoxEventsApi) => {
    let settle: (error?: GatewayError) => void = () => {};
    const opened = new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    });
    opened.catch(() => {});
    const entry = {
      identityId,
      api,
      subscriptions: new Set<SocketListener>(),
      open: false,
      opened,
      settleOpen: (error?: GatewayError) => {
        settle(error);
        settle = () => {};
      },
    } as Entry;
    entry.socket = openUpstreamSocket({
      url: `${options.wsBase}${SOCKET_ROUTE.replace(':id', identityId)}`,
      headers: toUpstreamHeaders(credentials, 'GET'),
      backoff: { baseMs: options.reconnectBaseMs, maxMs: options.reconnectMaxMs },
      clock,
      onOpen() {
        entry.open = true;
        entry.settleOpen();
        for (const subscription of [...entry.subscriptions]) subscription.connected();
      },
      onMessage(message) {
        fanOut(entry.subscriptions, entry.identityId, message);
      },
      onDrop() {
        entry.open = false;
        metrics.upstreamSocketDrops.inc();
        logger.warn(
          { upstreamSockets: entries.size },
          'upstream realtime socket dropped: reconnecting',
        );
      },
      onAttemptFailed(error) {
        entry.lastAttemptError = error;
        logger.debug({ err: error }, 'upstream realtime socket attempt failed: retrying');
      },
      onRefused(error) {
        metrics.upstreamSocketRefusals.inc({ status: String(error.status) });
        logger.warn({ status: error.status }, 'upstream refused the realtime socket');
        failAll(key, entry, toGraphQLError(error));
      },
    });
    // The upstream never re-checks an open socket's token: a cheap REST call does.
    entry.check = clock.setInterval(() => {
      const boxId = [...entry.subscriptions].map((s) => s.someBox()).find(Boolean);
      if (!boxId) return;
      entry.api.countEvents(boxId).catch((error: unknown) => {
        if (!(error instanceof UpstreamError)) return;
        const mapped = toGraphQLError(error);
        if (isUnauthenticated(mapped)) failAll(key, entry, mapped);
      });
    }, options.credentialCheckMs);
    entry.check.unref();
    entries.set(key, entry);
    metrics.upstreamSockets.set(entries.size);
    return entry;
  };

  return {
    async attach(credentials, identityId, apiFor, subscription) {
      const key = socketKey(credentials, identityId);
      let entry = entries.get(key);
      if (!entry) {
        if (entries.size >= options.maxSockets) throw new UpstreamCapacityError(options.maxSockets);
        entry = create(key, credentials, identityId, apiFor());
      }
      const attached = entry;
      clock.clearTimeout(attached.linger);
      attached.linger = undefined;
      attached.subscriptions.add(subscription);
      const detach = () => {
        if (!attached.subscriptions.delete(subscription)) return;
        if (attached.subscriptions.size > 0 || entries.get(key) !== attached) return;
        attached.linger = clock.setTimeout(() => remove(key, attached), options.lingerMs);
        attached.linger.unref();
      };
      if (attached.open) {
        subscription.connected();
        return detach;
      }
      let timer: ClockTimer | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = clock.setTimeout(() => {
          const cause = attached.lastAttemptError;
          reject(
            toGraphQLError(
              cause instanceof UpstreamError
                ? cause
                : new UpstreamTimeoutError(options.openTimeoutMs, {
                    method: 'GET',
                    route: SOCKET_ROUTE,
                  }),
            ),
          );
        }, options.openTimeoutMs);
      });
      try {
        await Promise.race([attached.opened, timeout]);
      } catch (error) {
        detach();
        throw error;
      } finally {
        clock.clearTimeout(timer);
      }
      return detach;
    },
    announce(identityId, message) {
      for (const entry of entries.values()) {
        if (entry.identityId === identityId.toLowerCase()) {
          fanOut(entry.subscriptions, entry.identityId, message);
        }
      }
    },
    closeAll() {
      for (const [key, entry] of [...entries]) {
        for (const subscription of [...entry.subscriptions]) subscription.complete('shutdown');
        remove(key, entry);
      }
    },
    size: () => entries.size,
  };
}

/** Never logged: a digest, so the map holds no token either. */
function socketKey(credentials: Credentials, identityId: string): string {
  const headers = toUpstreamHeaders(credentials, 'GET');
  return createHash('sha256').update(`${headers.cookie}\n${identityId}`).digest('base64url');
}
