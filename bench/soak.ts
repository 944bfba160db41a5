// `npm run bench:soak`: ten minutes of mixed traffic through the real gateway process, to show
// memory stays flat and nothing fails that should not. The emulator and the gateway run as two
// child processes (the gateway exactly as `npm start` runs it), the traffic comes from this one
// at a fixed concurrency, and the gateway's RSS is sampled from its /metrics before traffic,
// every minute, and at the end. Figures go to the `## Soak` section of bench/RESULTS.md, and the
// raw run to bench/out/.
//
// SOAK_MINUTES (default 10), SOAK_CONCURRENCY (default 16) and SOAK_SAMPLE_SECONDS (default 60)
// shorten or reshape a trial run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { renderSection, writeSection, type MemorySample, type SoakRun } from './soak-report';
import { newTally, pickOperation, record, type Tally } from './soak-traffic';
import { freePort, GATEWAY_NODE_FLAGS } from './processes';

const ROOT = join(__dirname, '..', '..'); // dist/bench → repository root
const GATEWAY_MAIN = join(ROOT, 'dist', 'src', 'main.js');
const EMULATOR_MAIN = join(ROOT, 'dist', 'emulator', 'main.js');

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0))
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

/** Killed if the run fails half-way, so no emulator or gateway outlives it. */
const children = new Set<ChildProcess>();

function startChild(
  main: string,
  env: Record<string, string>,
  args: readonly string[] = [],
  nodeFlags: readonly string[] = [],
): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, main, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.setEncoding('utf8');
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function startEmulator(): Promise<{ child: ChildProcess; url: string }> {
  // Demo seed, port 0, request log off (it would grow for ten minutes).
  const child = startChild(EMULATOR_MAIN, {}, ['--port', '0', '--ready-line']);
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      const match = /^ready (\S+)$/m.exec(buffered);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before starting`)));
  });
  return { child, url };
}

async function startGateway(upstreamUrl: string): Promise<{ child: ChildProcess; origin: string }> {
  const port = await freePort();
  const child = startChild(
    GATEWAY_MAIN,
    { UPSTREAM_URL: upstreamUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    [],
    GATEWAY_NODE_FLAGS,
  );
  child.stdout!.pipe(process.stdout); // warnings and errors only, at LOG_LEVEL=warn
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}`);
    const up = await fetch(`${origin}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return { child, origin };
    await sleep(100);
  }
  throw new Error('gateway did not answer /healthz within 30 s');
}

async function sampleMemory(
  origin: string,
  label: string,
  atS: number,
  operations: number,
): Promise<MemorySample> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const metric = (name: string) => {
    const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const rssBytes = metric('process_resident_memory_bytes');
  if (rssBytes === undefined)
    throw new Error('process_resident_memory_bytes missing from /metrics');
  return {
    atS,
    label,
    rssBytes,
    heapUsedBytes: metric('nodejs_heap_size_used_bytes'),
    operations,
  };
}

/** One client loop: an operation, its answer folded into the tally, the next, until `until`. */
async function worker(pool: Pool, tally: Tally, until: number): Promise<void> {
  while (Date.now() < until) {
    const op = pickOperation();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (op.token) headers.authorization = `Bearer ${op.token}`;
    const started = performance.now();
    try {
      const res = await pool.request({
        path: '/graphql',
        method: 'POST',
        headers,
        body: JSON.stringify(op.body()),
      });
      const body = await res.body.json();
      record(tally, op, { status: res.statusCode, body }, performance.now() - started);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      record(tally, op, { transportError: String(code ?? error) }, performance.now() - started);
    }
  }
}

async function stop(child: ChildProcess, timeoutMs: number): Promise<string> {
  if (child.exitCode !== null) return `already exited (${child.exitCode})`;
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  child.kill('SIGTERM');
  const result = await Promise.race([exited, sleep(timeoutMs).then(() => undefined)]);
  if (result !== undefined) return result;
  child.kill('SIGKILL');
  return `killed after ${timeoutMs} ms without exiting`;
}

async function main(): Promise<void> {
  const minutes = envInt('SOAK_MINUTES', 10);
  const concurrency = envInt('SOAK_CONCURRENCY', 16);
  const sampleS = envInt('SOAK_SAMPLE_SECONDS', 60);
  const overrides = ['SOAK_MINUTES', 'SOAK_CONCURRENCY', 'SOAK_SAMPLE_SECONDS']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]} `)
    .join('');
  const command = `${overrides}npm run bench:soak`;

  const emulator = await startEmulator();
  const gateway = await startGateway(emulator.url);
  const pool = new Pool(gateway.origin, { connections: concurrency });
  const tally = newTally();
  const startedAt = new Date();
  const samples: MemorySample[] = [await sampleMemory(gateway.origin, 'start (idle)', 0, 0)];
  log(`gateway ${gateway.origin} → emulator ${emulator.url}; ${minutes} min at ${concurrency}`);
  log(`RSS start ${(samples[0].rssBytes / 1048576).toFixed(1)} MB`);

  const t0 = Date.now();
  const until = t0 + minutes * 60_000;
  const workers = Array.from({ length: concurrency }, () => worker(pool, tally, until));
  const sampler = (async () => {
    for (let next = t0 + sampleS * 1000; next < until; next += sampleS * 1000) {
      await sleep(next - Date.now());
      const atS = Math.round((Date.now() - t0) / 1000);
      const sample = await sampleMemory(gateway.origin, `${atS} s`, atS, tally.operations);
      samples.push(sample);
      const unexpected = tally.unexpectedOperations;
      log(
        `${atS} s: ${tally.operations} ops, RSS ${(sample.rssBytes / 1048576).toFixed(1)} MB, ${unexpected} unexpected`,
      );
    }
  })();
  await Promise.all([...workers, sampler]);
  const elapsedS = (Date.now() - t0) / 1000;
  samples.push(
    await sampleMemory(
      gateway.origin,
      `end (${Math.round(elapsedS)} s)`,
      elapsedS,
      tally.operations,
    ),
  );

  await pool.close();
  const gatewayExit = await stop(gateway.child, 15_000);
  await stop(emulator.child, 5_000);

  const run: SoakRun = {
    command,
    startedAt,
    minutes,
    concurrency,
    elapsedS,
    tally,
    samples,
    gatewayExit,
  };
  const section = renderSection(run);
  process.stdout.write(`\n${section}\n`);
  await writeSection(join(ROOT, 'bench', 'RESULTS.md'), section);
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  const { latenciesMs: _latencies, ...counts } = tally;
  writeFileSync(
    join(ROOT, 'bench', 'out', `soak-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`),
    JSON.stringify({ ...run, tally: counts }, null, 2),
  );
  if (tally.unexpectedOperations > 0) process.exitCode = 1;
}

function log(line: string): void {
  process.stdout.write(`[soak] ${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
