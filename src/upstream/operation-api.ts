// The transport as one operation sees it: every request counted (for the operation log line and
// the call-count tests) and run in the operation's lane of the process-wide fair share
// (fair-share.ts). Counted here, at the one method every API call goes through, rather than by
// wrapping each API method: an operation then builds one small object, not a wrapper per method
// of every API (bench/RESULTS.md, issue 15's side-by-side run). One instance per request.
import type { Lane } from './fair-share';
import type { UpstreamClient } from './upstream-client';

export interface OperationStats {
  upstreamCalls: number;
  /** What the operation plan expected before execution (logged beside the real count). */
  estimatedUpstreamCalls?: number;
}

export function forOperation(
  client: UpstreamClient,
  lane: Lane,
  stats: OperationStats,
): UpstreamClient {
  // Each method spelled out, not `{ ...client, request }`: a spread followed by a property is
  // built on V8's slow path (~2 µs), and this runs once per operation.
  return {
    request(request) {
      stats.upstreamCalls += 1;
      return client.request(request, lane);
    },
    ping: () => client.ping(),
    close: () => client.close(),
  };
}
