// One measured load on one origin: autocannon for single-request scenarios, the closed-loop
// driver (load-driver.ts) for those whose operation is several calls, the same on every side.
import autocannon from 'autocannon';
import { poolFor, runClosedLoop, type Call, type LoadResult } from './load-driver';
import type { Scenario } from './scenarios';

export async function load(
  origin: string,
  calls: Call[],
  mode: Scenario['load'],
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  if (mode === 'autocannon') {
    const [call] = calls;
    const result = await autocannon({
      url: origin + call.path,
      method: call.method,
      headers: call.headers,
      body: call.body,
      connections,
      duration: seconds,
    });
    return {
      ops: result.requests.total,
      errors: result.errors + result.timeouts + result.non2xx,
      seconds: result.duration,
      opsPerSec: result.requests.total / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      meanMs: result.latency.mean,
    };
  }
  const pool = poolFor(origin, connections, calls.length);
  try {
    return await runClosedLoop({ pool, calls, workers: connections, seconds });
  } finally {
    await pool.close();
  }
}
