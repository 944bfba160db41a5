// The API as one operation sees it: every call counted (for the operation log line and the
// call-count tests) and run in the operation's lane of the process-wide fair share
// (fair-share.ts). One instance per request, never shared.
import type { Lane } from './fair-share';
import type { BoxEventsApi } from './upstream-types';

export interface OperationStats {
  upstreamCalls: number;
  /** What the operation plan expected before execution (logged beside the real count). */
  estimatedUpstreamCalls?: number;
}

export function forOperation(api: BoxEventsApi, lane: Lane, stats: OperationStats): BoxEventsApi {
  const run = <T>(call: () => Promise<T>): Promise<T> => {
    stats.upstreamCalls += 1;
    return lane.run(call);
  };
  return {
    listEvents: (boxId, page) => run(() => api.listEvents(boxId, page)),
    listFiles: (boxId, page) => run(() => api.listFiles(boxId, page)),
    countEvents: (boxId) => run(() => api.countEvents(boxId)),
    countFiles: (boxId) => run(() => api.countFiles(boxId)),
    createEvent: (boxId, body) => run(() => api.createEvent(boxId, body)),
    batchAccesses: (boxId, events) => run(() => api.batchAccesses(boxId, events)),
  };
}
