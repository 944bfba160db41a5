// A closed-loop load driver: `workers` loops, each starting its next operation as soon as the
// last one ended, for a fixed time. One operation may be several HTTP calls in parallel (the
// direct REST side of scenarios a and b), so autocannon, which times single requests, cannot
// drive it; the gateway side of the same scenarios goes through this driver too, so both are
// measured the same way.
import { Pool } from 'undici';

export interface Call {
  method: 'GET' | 'HEAD' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  ops: number;
  errors: number;
  seconds: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

/** One HTTP call; resolves to false on a non-2xx answer. Bodies are always read to the end. */
async function send(pool: Pool, call: Call): Promise<boolean> {
  const res = await pool.request({
    method: call.method,
    path: call.path,
    headers: call.headers,
    body: call.body,
    // undici closes the socket after a HEAD unless told not to; a browser keeps it, and so
    // does the gateway's upstream client: the direct side must not pay a connect per count.
    reset: call.method === 'HEAD' ? false : undefined,
  });
  if (call.method === 'HEAD') await res.body.dump();
  else await res.body.text();
  return res.statusCode >= 200 && res.statusCode < 300;
}

/** A pool sized so that every call of every worker's operation can be in flight at once. */
export function poolFor(origin: string, workers: number, callsPerOp: number): Pool {
  return new Pool(origin, { connections: workers * callsPerOp, pipelining: 1 });
}

export async function runClosedLoop(options: {
  pool: Pool;
  calls: readonly Call[];
  workers: number;
  seconds: number;
}): Promise<LoadResult> {
  const { pool, calls, workers } = options;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        const ok = await Promise.all(calls.map((call) => send(pool, call)));
        if (ok.includes(false)) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    ops: latencies.length,
    errors,
    seconds,
    opsPerSec: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    meanMs: latencies.reduce((sum, l) => sum + l, 0) / latencies.length,
  };
}
