// The API as one operation sees it: every call counted (for the operation log line and the
// call-count tests) and at most `concurrency` calls in flight, so `boxes` with 50 ids queues
// instead of opening 150 sockets at once. One instance per request, never shared.
import type { BoxEventsApi } from './upstream-types';

export interface OperationStats {
  upstreamCalls: number;
  /** What the operation plan expected before execution (logged beside the real count). */
  estimatedUpstreamCalls?: number;
}

export function forOperation(
  api: BoxEventsApi,
  concurrency: number,
  stats: OperationStats,
): BoxEventsApi {
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    stats.upstreamCalls += 1;
    if (inFlight >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else inFlight += 1;
    try {
      return await call();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = waiting.shift();
      if (next) next();
      else inFlight -= 1;
    }
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
