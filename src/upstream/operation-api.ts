// The API as one operation sees it: every call counted (for the operation log line and the
// call-count tests) and at most `concurrency` calls in flight, so `boxes` with 50 ids queues
// instead of opening 150 sockets at once. One instance per request, never shared.
export interface OperationStats {
  upstreamCalls: number;
  /** What the operation plan expected before execution (logged beside the real count). */
  estimatedUpstreamCalls?: number;
}

export function forOperation<Api extends object>(
  api: Api,
  concurrency: number,
  stats: OperationStats,
): Api {
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
  // Every method is one upstream call: each one is counted and queued the same way.
  const counted: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(api)) {
    const call = method as (...args: unknown[]) => Promise<unknown>;
    counted[name] = (...args: unknown[]) => run(() => call(...args));
  }
  return counted as Api;
}
