// The bench's settings, read once from the environment (see run.ts's header), and its log.
export const CONNECTIONS = 16;
export const DURATION = Number(process.env.BENCH_DURATION ?? '10');
export const WARMUP = Number(process.env.BENCH_WARMUP ?? '2');
export const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,20').split(',').map(Number);
export const ONLY = new Set((process.env.BENCH_SCENARIOS ?? 'd,a,b,c').split(','));
export const CPU_PROF = process.env.BENCH_CPU_PROF;
/** Any of "direct", "floor", "gateway" (default: all three): skip sides while profiling. */
export const SIDES = new Set((process.env.BENCH_SIDES ?? 'direct,floor,gateway').split(','));
/** The gateway configuration of the extra (b) row: every call of the dashboard in flight at once. */
export const WIDE_ENV = { UPSTREAM_CONCURRENCY: '60', UPSTREAM_CONNECTIONS: '1024' };

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
