// A process's resident memory as the kernel counts it (/proc/<pid>/status VmRSS): what an
// operator's container limit sees, whatever the process itself reports.
import { readFileSync } from 'node:fs';
import { waitFor } from './wait-for';

const MIB = 1024 * 1024;

/** VmRSS of `pid`, in MiB. */
export function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return (Number(match[1]) * 1024) / MIB;
}

/**
 * VmRSS once it has stopped moving: the last `samples` readings, taken as the wait polls, lie
 * within `spreadMiB` of each other; their largest is returned. Work a request left behind (a
 * JIT compilation of a hot path holds tens of MiB while it runs, then frees them) settles
 * before the figure is taken, and the largest of several readings is never a lucky low one.
 */
export async function settledRssMiB(pid: number, samples = 10, spreadMiB = 0.5): Promise<number> {
  const readings: number[] = [];
  await waitFor(
    `the RSS of ${pid} to settle`,
    () => {
      readings.push(rssMiB(pid));
      const last = readings.slice(-samples);
      return last.length === samples && Math.max(...last) - Math.min(...last) <= spreadMiB;
    },
    30_000,
  );
  return Math.max(...readings.slice(-samples));
}
