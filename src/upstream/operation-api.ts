// The API as one operation sees it: every call counted (for the operation log line and the
// call-count tests). Its calls carry the operation's lane of the process-wide fair share
// (fair-share.ts), given to createBoxEventsApi. One instance per request, never shared.
import type { BoxEventsApi } from './upstream-types';

export interface OperationStats {
  upstreamCalls: number;
  /** What the operation plan expected before execution (logged beside the real count). */
  estimatedUpstreamCalls?: number;
}

export function forOperation(api: BoxEventsApi, stats: OperationStats): BoxEventsApi {
  const run = <T>(call: () => Promise<T>): Promise<T> => {
    stats.upstreamCalls += 1;
    return call();
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
