// The soak's figures as a `## Soak` section of bench/RESULTS.md. Other sections of that file
// belong to other benchmarks: only this section is added or replaced, on a fresh read of the
// file just before writing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import * as prettier from 'prettier';
import type { Tally } from './soak-traffic';

export interface MemorySample {
  /** Seconds since traffic started; negative = before it. */
  atS: number;
  label: string;
  rssBytes: number;
  heapUsedBytes: number | undefined;
  operations: number;
}

export interface SoakRun {
  command: string;
  startedAt: Date;
  minutes: number;
  concurrency: number;
  elapsedS: number;
  tally: Tally;
  samples: MemorySample[];
  gatewayExit: string;
}

const SECTION = '## Soak';

export function renderSection(run: SoakRun): string {
  const { tally, samples } = run;
  const rss = samples.map((s) => s.rssBytes);
  const first = samples[0];
  const last = samples[samples.length - 1];
  const lines = [
    SECTION,
    '',
    `${run.minutes} minutes of mixed traffic at a fixed concurrency of ${run.concurrency}, against`,
    'the emulator in its own process (request log off). Gateway: `node dist/src/main.js`,',
    '`LOG_LEVEL=warn`, defaults otherwise. RSS and heap read from the gateway’s `/metrics`.',
    '',
    `- Command: \`${run.command}\``,
    `- Date: ${run.startedAt.toISOString()}`,
    `- Machine: ${machine()}`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| operations | ${tally.operations} in ${run.elapsedS.toFixed(0)} s |`,
    `| operations/s | ${(tally.operations / run.elapsedS).toFixed(0)} |`,
    `| latency p50 / p99 / max | ${latencies(tally.latenciesMs)} |`,
    `| as expected | ${tally.asExpected} |`,
    `| expected errors (by code, one per failed field) | ${counts(tally.expectedErrors)} |`,
    `| **unexpected errors** (by code, one per failed field) | ${counts(tally.unexpectedErrors)} in ${tally.unexpectedOperations} operations |`,
    `| RSS start (idle) → end | ${mb(first.rssBytes)} → ${mb(last.rssBytes)} |`,
    `| RSS max | ${mb(Math.max(...rss))} |`,
    `| RSS after the first minute, min – max | ${steadyRange(samples)} |`,
    `| gateway exit after SIGTERM | ${run.gatewayExit} |`,
    '',
    '| at | operations so far | RSS | heap used |',
    '| --- | --- | --- | --- |',
    ...samples.map(
      (s) =>
        `| ${s.label} | ${s.operations} | ${mb(s.rssBytes)} | ${s.heapUsedBytes === undefined ? '–' : mb(s.heapUsedBytes)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/**
 * Adds or replaces the `## Soak` section, leaving every other section as it is on disk now, and
 * formats the file the way `npm run lint` checks it (prettier aligns the tables).
 */
export async function writeSection(path: string, section: string): Promise<void> {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const start = current.search(/^## Soak[ \t]*$/m);
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const rest = current.slice(start + SECTION.length);
    const end = rest.search(/^## /m);
    const after = end < 0 ? '' : `\n${rest.slice(end)}`;
    next = `${current.slice(0, start)}${section}${after}`;
  }
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(next, { ...options, filepath: path }));
}

/** The first minute is V8 sizing its heap under load; a leak shows as a rise after it. */
function steadyRange(samples: MemorySample[]): string {
  const after = samples.filter((s) => s.atS > 60).map((s) => s.rssBytes);
  if (after.length === 0) return '– (run shorter than two minutes)';
  return `${mb(Math.min(...after))} – ${mb(Math.max(...after))}`;
}

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${mb(totalmem())} RAM, ${type()} ${release()}, Node ${process.version}`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function counts(byCode: Record<string, number>): string {
  const entries = Object.entries(byCode).sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return '0';
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return `${total}: ${entries.map(([code, n]) => `${code} ${n}`).join(', ')}`;
}

function latencies(values: number[]): string {
  if (values.length === 0) return '–';
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `${at(0.5).toFixed(1)} / ${at(0.99).toFixed(1)} / ${sorted[sorted.length - 1].toFixed(1)} ms`;
}
