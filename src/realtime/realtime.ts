// Subscription.boxEvents behind one function per caller (graphql-api.md §10). Subscribing:
// 1. checks each box once upstream with the caller's credentials (a box the caller may not
//    read fails here, before any socket), which also gives the replay anchor of each box;
// 2. attaches to the caller's shared upstream socket (the registry), waiting until it is open;
// 3. then the subscription catches up from those anchors, so nothing committed between the
//    check and the socket is lost.
import { UnauthenticatedError } from '../errors/gateway-errors';
import type { Logger } from '../logger';
import { logId } from '../observability/log-ids';
import type { Metrics } from '../observability/metrics';
import { createBoxEventsApi } from '../upstream/box-events-api';
import type { UpstreamClient } from '../upstream/upstream-client';
import { BoxSubscription, type SubscriptionItem } from './box-subscription';
import { newestEventId } from './replay';
import { createSocketRegistry, type SocketRegistryOptions } from './socket-registry';
import { startFrom, type StartPositions } from '../resume/start-positions';
import type { ResumeHandle } from '../resume/resume-key';
import { keepsPositions, type Resumer } from '../resume/resumer';
import { DeliveryTracker } from '../resume/delivery-tracker';
import { callerKey, type Credentials } from '../auth/credentials';

/** What a subscription resolver calls: bound to the caller's credentials and request logger. */
export type SubscribeToBoxes = (
  identityId: string,
  boxIds: readonly string[],
  /** Positions from `after` (src/resume/after-argument.ts), checked already. */
  after?: StartPositions,
) => Promise<AsyncIterableIterator<SubscriptionItem>>;

export interface Realtime {
  /**
   * `requestId` tags the subscription's log lines (written with the root logger: a pino child
   * per subscription would be kept, ~500 bytes, for the life of its connection).
   */
  forCaller(
    credentials: Credentials | null,
    requestId: string,
    transport: string,
    /** What the transport names the operation by, for a transparent resume (src/resume/). */
    resumeHandle?: ResumeHandle,
  ): SubscribeToBoxes;
  /** Shutdown: every subscription completes, every upstream socket closes. */
  close(): void;
}

export interface RealtimeOptions extends Omit<SocketRegistryOptions, 'metrics' | 'logger'> {
  client: UpstreamClient;
  subscriberBuffer: number;
  /** Positions for `after` and transparent resume (off with RESUME_WINDOW_S=0). */
  resumer?: Resumer;
  metrics: Metrics;
  logger: Logger;
}

export function createRealtime(options: RealtimeOptions): Realtime {
  const { metrics, logger } = options;
  const registry = createSocketRegistry(options);

  return {
    forCaller: (credentials, requestId, transport, handle) => async (identityId, boxIds, after) => {
      if (!credentials) throw new UnauthenticatedError();
      const api = createBoxEventsApi(options.client, credentials);
      const boxes = [...new Set(boxIds.map((id) => id.toLowerCase()))];
      // Every box is checked upstream, also those that start from a cursor (which carries no right).
      const anchors = new Map(
        await Promise.all(boxes.map(async (box) => [box, await newestEventId(api, box)] as const)),
      );
      const caller = callerKey(credentials);
      const resume =
        handle && caller && options.resumer?.enabled
          ? await options.resumer.begin({ caller, identityId, boxes, handle, requestId })
          : undefined;
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
        onOdd: (dto, reason) =>
          logger.warn(
            { requestId, eventId: dto.id, eventType: dto.type, reason },
            'odd replayed event',
          ),
        onDelivered(kind) {
          delivered++;
          metrics.subscriptionUpdates.inc({ kind });
        },
        onReplayed: (count) => metrics.replayedEvents.inc(count),
        onEnd(reason, error) {
          detach();
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
      try {
        detach = await registry.attach(credentials, identityId.toLowerCase(), api, subscription);
        // Ended while attaching (e.g. a refusal failed it): onEnd ran with the no-op detach.
        if (subscription.finished) detach();
      } catch (error) {
        await subscription.return();
        throw error;
      }
      return subscription;
    },
    close: () => registry.closeAll(),
  };
}
