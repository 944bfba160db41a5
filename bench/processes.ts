// The emulator, the floor and the gateway as child processes of the bench, each measured from outside:
// CPU seconds from /proc/<pid>/stat, the gateway's counters from its /metrics.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const DIST = join(__dirname, '..');
const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/**
 * The node flags of `npm start` (package.json), so the bench and the soak run the gateway as it
 * is deployed: `node <flags> dist/src/main.js`.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = (() => {
  const packageJson = JSON.parse(readFileSync(join(DIST, '..', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  // Split by hand: /^node\s+(.*?)\s*dist…/ backtracks super-linearly (eslint regexp rules).
  const [command, ...args] = packageJson.scripts.start.trim().split(/\s+/);
  if (command !== 'node' || args.pop() !== 'dist/src/main.js') {
    throw new Error(`npm start is not "node [flags] dist/src/main.js": cannot bench it`);
  }
  return args;
})();

export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function track(child: ChildProcess, name: string): { stop(): Promise<void>; stderr: () => string } {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
      if (stderr.trim()) process.stderr.write(`[${name} stderr] ${stderr.trim()}\n`);
    },
  };
}

/** `node <script> <args>` with `env`, resolved once it prints `ready <url>`. */
async function spawnReady(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  name: string,
  nodeFlags: readonly string[] = [],
): Promise<Child> {
  const child = spawn(process.execPath, [...nodeFlags, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const handle = track(child, name);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /^ready (\S+)$/m.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}): ${handle.stderr()}`)));
  });
  return { url, pid: child.pid as number, stop: handle.stop };
}

/**
 * The emulator's CLI (`node dist/emulator/main.js`) on an ephemeral port with `seed` and an
 * artificial per-call latency.
 */
export function spawnEmulator(
  latencyMs: number,
  seed: 'bench' | 'demo' | 'realtime' = 'bench',
): Promise<Child> {
  const args = ['--port', '0', '--seed', seed, '--latency-ms', String(latencyMs), '--ready-line'];
  return spawnReady(join(DIST, 'emulator', 'main.js'), args, {}, 'emulator');
}

/**
 * The hand-written realtime bridge of bench/realtime-floor.ts in front of the emulator, with
 * `nodeFlags` (the realtime bench's GC preload, as the gateway gets).
 */
export function spawnRealtimeFloor(
  upstreamUrl: string,
  nodeFlags: readonly string[],
): Promise<Child> {
  const env = { FLOOR_UPSTREAM_URL: upstreamUrl };
  return spawnReady(join(DIST, 'bench', 'realtime-floor.js'), [], env, 'realtime floor', nodeFlags);
}

/** The hand-written pass-through of bench/floor.ts in front of the emulator. */
export function spawnFloor(upstreamUrl: string): Promise<Child> {
  return spawnReady(
    join(DIST, 'bench', 'floor.js'),
    [],
    { FLOOR_UPSTREAM_URL: upstreamUrl },
    'floor',
  );
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** This tree's gateway entry point; bench/compare.ts also runs another tree's build of it. */
export const GATEWAY_SCRIPT = join(DIST, 'src', 'main.js');

/**
 * `node <GATEWAY_NODE_FLAGS> <script>` (default dist/src/main.js) against the emulator,
 * LOG_LEVEL=warn, NODE_ENV=production, plus `env`; with `cpuProfDir`, under `--cpu-prof` (the
 * profile is written when it exits); with `nodeFlags`, those too (the realtime bench's GC preload).
 */
export async function spawnGateway(
  upstreamUrl: string,
  env: Record<string, string> = {},
  cpuProfDir?: string,
  options: { script?: string; nodeFlags?: readonly string[] } = {},
): Promise<Child> {
  const port = await freePort();
  const args = [
    ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : []),
    ...(options.nodeFlags ?? []),
  ];
  const script = options.script ?? GATEWAY_SCRIPT;
  const child = spawn(process.execPath, [...GATEWAY_NODE_FLAGS, ...args, script], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      UPSTREAM_URL: upstreamUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const handle = track(child, 'gateway');
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`gateway exited: ${handle.stderr()}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 200) throw new Error('gateway did not start in 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: base, pid: child.pid as number, stop: handle.stop };
}

/** User and system (kernel) CPU seconds a process has used so far. */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  return {
    user: Number(fields[11]) / CLOCK_TICKS_PER_SECOND,
    system: Number(fields[12]) / CLOCK_TICKS_PER_SECOND,
  };
}

export function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

/**
 * CPU seconds of a process and every live descendant (a WORKERS > 1 gateway: the cluster primary
 * and its workers), from the kernel's children lists of each of their threads.
 */
export function treeCpuSeconds(pid: number): number {
  let total = cpuSeconds(pid);
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    for (const child of children === '' ? [] : children.split(' ')) {
      total += treeCpuSeconds(Number(child));
    }
  }
  return total;
}

/** The sum over all label sets of each metric of a Prometheus text exposition. */
export async function scrapeMetrics(gatewayUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-z_:][\w:]*)(?:\{[^}]*\})? (\S+)/i.exec(line);
    if (!match) continue;
    sums.set(match[1], (sums.get(match[1]) ?? 0) + Number(match[2]));
  }
  return sums;
}

/**
 * Heap in use and RSS of the gateway (or the realtime floor, which answers the same /metrics
 * lines) right after a full GC: a process started with bench/gc-on-signal.ts preloaded.
 */
export async function memoryAfterGc(
  gateway: Child,
): Promise<{ rss: number; heap: number; heapCommitted: number }> {
  process.kill(gateway.pid, 'SIGUSR2');
  await sleep(1000);
  const metrics = await scrapeMetrics(gateway.url);
  return {
    rss: metrics.get('process_resident_memory_bytes') ?? 0,
    heap: metrics.get('nodejs_heap_size_used_bytes') ?? 0,
    heapCommitted: metrics.get('nodejs_heap_size_total_bytes') ?? 0,
  };
}
