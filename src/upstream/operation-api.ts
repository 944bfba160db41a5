// The API as one operation sees it: every call counted (for the operation log line and the
// call-count tests). Its client carries the operation's lane of the process-wide fair share
// (fair-share.ts withLane). One instance per request, never shared.
export interface OperationStats {
  upstreamCalls: number;
  /** What the operation plan expected before execution (logged beside the real count). */
  estimatedUpstreamCalls?: number;
}

export function forOperation<Api extends object>(api: Api, stats: OperationStats): Api {
  // Every method is one upstream call: each one is counted the same way.
  const counted: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(api)) {
    const call = method as (...args: unknown[]) => Promise<unknown>;
    counted[name] = (...args: unknown[]) => {
      stats.upstreamCalls += 1;
      return call(...args);
    };
  }
  return counted as Api;
}
