// Subscription.boxEvents behind one function per caller (docs/realtime.md). Subscribing:
// 1. checks each box once upstream with the caller's credentials (a box the caller may not
//    read fails here, before any socket), which also gives the replay anchor of each box;
// 2. attaches to the caller's shared upstream socket (the registry), waiting until it is open;
// 3. then the subscription catches up from those anchors, so nothing committed between the
//    check and the socket is lost.
import { callerKey, type Credentials } from '../auth/credentials';
import { UnauthenticatedError } from '../errors/gateway-errors';
import type { Logger } from '../logger';
import { logId } from '../observability/log-ids';
import type { Metrics } from '../observability/metrics';
import type { StreamCaps } from '../pipeline/stream-caps';
import { createBoxEventsApi } from '../upstream/box-events-api';
import type { UpstreamClient } from '../upstream/upstream-client';
import type { OperationStats } from '../upstream/operation-api';
import type { BoxEventsApi } from '../upstream/upstream-types';
import type { GatewayError } from '../errors/gateway-errors';
import { BoxSubscription } from './box-subscription';
import type { BoxItem, MyBoxesItem } from './realtime-items';
import { newestEventId } from './replay';
import { attachSubscription } from './attach-subscription';
import { createSocketRegistry, type SocketRegistryOptions } from './socket-registry';
import { subscribeMyBoxes } from './subscribe-my-boxes';
import { startFrom, type StartPositions } from '../resume/start-positions';
import type { ResumeHandle } from '../resume/resume-key';
import { keepsPositions, type Resumer } from '../resume/resumer';
import { DeliveryTracker } from '../resume/delivery-tracker';

/** What a subscription resolver calls: bound to the caller's credentials and request logger. */
export type SubscribeToBoxes = (
  identityId: string,
  boxIds: readonly string[],
  /** Positions from `after` (src/resume/after-argument.ts), checked already. */
  after?: StartPositions,
) => Promise<AsyncIterableIterator<BoxItem | GatewayError>>;

export interface Realtime {
  /**
   * `requestId` tags the subscription's log lines (written with the root logger: a pino child
   * per subscription would be kept, ~500 bytes, for the life of its connection).
   */
  forCaller(
    credentials: Credentials | null,
    requestId: string,
    transport: string,
    /** The operation's counted, traced API (context.ts): box checks and replays count there. */
    api: BoxEventsApi,
    /** What the transport names the operation by, for a transparent resume (src/resume/). */
    resumeHandle?: ResumeHandle,
    /** The operation's statistics, its updates' included: logged when the subscription ends. */
    stats?: OperationStats,
  ): SubscribeToBoxes;
  /** Subscription.myBoxes for one caller: the same shared socket as boxEvents. */
  myBoxesFor(
    credentials: Credentials | null,
    requestId: string,
    transport: string,
    /** As for forCaller: a resumed myBoxes stream starts with one RESYNC (subscribe-my-boxes.ts). */
    resumeHandle?: ResumeHandle,
    stats?: OperationStats,
  ): SubscribeToMyBoxes;
  /**
   * After markBoxRead: the REST ack publishes nothing upstream, so the caller's myBoxes
   * subscriptions in this process are told as the socket's own `ack` echo would tell them.
   */
  announceRead(identityId: string, boxId: string): void;
  /** Shutdown: every subscription completes, every upstream socket closes. */
  close(): void;
}

export type SubscribeToMyBoxes = (
  identityId: string,
) => Promise<AsyncIterableIterator<MyBoxesItem | GatewayError>>;

export interface RealtimeOptions extends Omit<SocketRegistryOptions, 'metrics' | 'logger'> {
  client: UpstreamClient;
  subscriberBuffer: number;
  /** MAX_STREAMS_PER_CREDENTIAL / MAX_STREAMS, checked before any upstream call. */
  caps: StreamCaps;
  /** Positions for `after` and transparent resume (off with RESUME_WINDOW_S=0). */
  resumer?: Resumer;
  metrics: Metrics;
  logger: Logger;
}

export function createRealtime(options: RealtimeOptions): Realtime {
  const { metrics, logger } = options;
  const registry = createSocketRegistry(options);

  return {
    forCaller:
      (credentials, requestId, transport, api, handle, stats) =>
      async (identityId, boxIds, after) => {
        if (!credentials) throw new UnauthenticatedError();
        // Rejected credentials (caller null) fail at their first upstream read, with their reason.
        const caller = callerKey(credentials);
        const release = caller === null ? () => {} : options.caps.acquire(caller);
        const boxes = [...new Set(boxIds.map((id) => id.toLowerCase()))];
        let anchors: Map<string, string | null>;
        let resume: Awaited<ReturnType<Resumer['begin']>> | undefined;
        try {
          // Every box is checked upstream, also those that start from a cursor (no right).
          anchors = new Map(
            await Promise.all(
              boxes.map(async (box) => [box, await newestEventId(api, box)] as const),
            ),
          );
          resume =
            handle && caller && options.resumer?.enabled
              ? await options.resumer.begin({ caller, identityId, boxes, handle, requestId })
              : undefined;
        } catch (error) {
          release();
          throw error;
        }
        // A resume's stored positions and `after`: the replay starts at the stored one and skips
        // to `after`'s when it passes it (start-positions.ts), so whichever is newer wins.
        const start = startFrom(anchors, after, resume?.positions);
        const tracker = new DeliveryTracker({
          starts: start.anchors,
          resumed: start.resumed,
          alsoAfter: start.alsoAfter,
          onResumeReplayed: (count) =>
            resume ? resume.replayed(count) : options.resumer?.countReplayed(count),
          onAdvance: resume && (() => resume.advanced()),
        });
        const subscriptionId = logId();
        const started = Date.now();
        let delivered = 0;
        let detach = () => {};
        const subscription = new BoxSubscription({
          api,
          identityId: identityId.toLowerCase(),
          anchors: start.anchors,
          tracker,
          bufferSize: options.subscriberBuffer,
          onDelivered(kind) {
            delivered++;
            metrics.subscriptionUpdates.inc({ kind });
          },
          onReplayed: (count) => metrics.replayedEvents.inc(count),
          onEnd(reason, error) {
            detach();
            release();
            if (resume && handle) resume.end(keepsPositions(reason, handle));
            metrics.subscriptionsActive.dec({ transport });
            if (error) metrics.errors.inc({ code: error.errorCode });
            logger.info(
              {
                requestId,
                subscriptionId,
                transport,
                reason,
                errorCode: error?.errorCode,
                delivered,
                upstreamCalls: stats?.upstreamCalls,
                durationMs: Date.now() - started,
              },
              'subscription ended',
            );
          },
        });
        resume?.attach({
          snapshot: () => tracker.snapshot(),
          complete: (reason) => subscription.complete(reason),
        });
        metrics.subscriptionsActive.inc({ transport });
        logger.info(
          { requestId, subscriptionId, transport, boxes: boxes.length },
          'subscription started',
        );
        detach = await attachSubscription(
          registry,
          credentials,
          identityId.toLowerCase(),
          // The upstream socket is shared by every subscription of the caller: its own reads
          // (credential checks) belong to no one operation, so they use an uncounted API,
          // built once per socket.
          () => createBoxEventsApi(options.client, credentials),
          subscription,
        );
        return subscription;
      },
    myBoxesFor: (credentials, requestId, transport, handle, stats) => (identityId) =>
      subscribeMyBoxes(
        { ...options, registry },
        { credentials, requestId, transport, handle, stats },
        identityId,
      ),
    announceRead: (identityId, boxId) =>
      registry.announce(identityId, {
        type: 'ack',
        object: { box_id: boxId.toLowerCase(), sender_id: identityId.toLowerCase() },
      }),
    close: () => registry.closeAll(),
  };
}
