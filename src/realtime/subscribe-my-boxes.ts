// Subscription.myBoxes for one caller (graphql-api.md §12.2): on the caller's shared upstream
// socket, like boxEvents, and resumable as §10.1 says for it (docs/realtime-resume.md). The box
// list has no replayable position upstream (no history of reads, settings, removals or
// deletions), so a resumed stream replays nothing: it starts with one RESYNC update, which tells
// the client to refetch myBoxes, rather than silently missing what changed in the gap.
import { callerKey, type Credentials } from '../auth/credentials';
import { UnauthenticatedError } from '../errors/gateway-errors';
import type { Logger } from '../logger';
import { logId } from '../observability/log-ids';
import type { Metrics } from '../observability/metrics';
import type { StreamCaps } from '../pipeline/stream-caps';
import type { ResumeHandle } from '../resume/resume-key';
import { keepsPositions, type Resumer, type ResumeStart } from '../resume/resumer';
import { createBoxEventsApi } from '../upstream/box-events-api';
import type { OperationStats } from '../upstream/operation-api';
import type { UpstreamClient } from '../upstream/upstream-client';
import { MyBoxesSubscription } from './my-boxes-subscription';
import { attachSubscription } from './attach-subscription';
import type { SocketRegistry } from './socket-registry';

export interface MyBoxesDeps {
  registry: SocketRegistry;
  client: UpstreamClient;
  caps: StreamCaps;
  subscriberBuffer: number;
  resumer?: Resumer;
  metrics: Metrics;
  logger: Logger;
}

export interface MyBoxesCaller {
  credentials: Credentials | null;
  requestId: string;
  transport: string;
  /** What the transport names the operation by, for a transparent resume (src/resume/). */
  handle?: ResumeHandle;
  /** The operation's statistics, its updates' included: logged when the subscription ends. */
  stats?: OperationStats;
}

/** A myBoxes record keeps no box positions: it only says that the client had this stream. */
const NO_POSITIONS = () => ({ boxes: new Map<string, string | null>(), sequence: 0, recent: [] });

export async function subscribeMyBoxes(
  deps: MyBoxesDeps,
  { credentials, requestId, transport, handle, stats }: MyBoxesCaller,
  identityId: string,
): Promise<MyBoxesSubscription> {
  const { metrics, logger } = deps;
  if (!credentials) throw new UnauthenticatedError();
  const caller = callerKey(credentials);
  const release = caller === null ? () => {} : deps.caps.acquire(caller);
  const me = identityId.toLowerCase();
  let resume: ResumeStart | undefined;
  try {
    resume =
      handle && caller && deps.resumer?.enabled
        ? await deps.resumer.begin({ caller, identityId: me, boxes: [], handle, requestId })
        : undefined;
  } catch (error) {
    release();
    throw error;
  }
  // The client had this stream: its record was found (within the window, or just past it), or,
  // over SSE, it names an event it got (Last-Event-ID) even where the record is gone.
  const resumed =
    resume !== undefined && (resume.outcome !== 'not_found' || handle?.lastSeen !== undefined);
  const subscriptionId = logId();
  let detach = () => {};
  const subscription = new MyBoxesSubscription({
    bufferSize: deps.subscriberBuffer,
    resumed,
    onDelivered: () => metrics.subscriptionUpdates.inc({ kind: 'my_boxes' }),
    onEnd(reason, error) {
      detach();
      release();
      if (resume && handle) resume.end(keepsPositions(reason, handle));
      metrics.subscriptionsActive.dec({ transport });
      if (error) metrics.errors.inc({ code: error.errorCode });
      const upstreamCalls = stats?.upstreamCalls;
      logger.info(
        { requestId, subscriptionId, transport, reason, upstreamCalls },
        'subscription ended',
      );
    },
  });
  resume?.attach({
    snapshot: NO_POSITIONS,
    complete: (reason) => subscription.complete(reason),
  });
  // The resume's log line: nothing is replayed, the RESYNC stands for the gap.
  if (resumed) resume?.replayed(0);
  metrics.subscriptionsActive.inc({ transport });
  logger.info({ requestId, subscriptionId, transport, myBoxes: true }, 'subscription started');
  detach = await attachSubscription(
    deps.registry,
    credentials,
    me,
    () => createBoxEventsApi(deps.client, credentials),
    subscription,
  );
  return subscription;
}
