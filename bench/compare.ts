// Side-by-side gateways in one run, in alternating rounds, at 0 ms upstream latency: the figures
// that only a same-minute comparison can give on a shared machine (issue 11, items 3 and 5).
//   BENCH_COMPARE=tracing  this tree with no OTEL_* set, against the build of the tree before
//                          tracing was merged (BENCH_BEFORE_DIST: its dist/src/main.js), and
//                          this tree tracing every operation to a local sink that answers 200.
//   BENCH_COMPARE=workers  this tree with WORKERS=1 against WORKERS=2.
//   BENCH_COMPARE=before   the builds at BENCH_BEFORE_DIST (comma-separated dist/ directories)
//                          against this tree: the A/B of one change or of a series.
// CPU per operation is the gateway's whole process tree (primary and workers) from
// /proc/<pid>/stat, divided by the operations the load answered; every side is read the same way.
// Environment: BENCH_ROUNDS (default 3), BENCH_SCENARIOS (default "d,c"), BENCH_DURATION, BENCH_WARMUP.
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import { basename, dirname } from 'node:path';
import { load } from './load';
import { cpuSeconds, spawnEmulator, spawnGateway, treeCpuSeconds, type Child } from './processes';
import { SCENARIOS } from './scenarios';
import { CONNECTIONS, DURATION, WARMUP, log } from './settings';

const MODE = process.env.BENCH_COMPARE ?? 'tracing';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '3');
const ONLY = new Set((process.env.BENCH_SCENARIOS ?? 'd,c').split(','));

interface SideSpec {
  label: string;
  env: Record<string, string>;
  script?: string;
}

interface Round {
  opsPerSec: number;
  cpuMsPerOp: number;
  cores: number;
  emulatorCores: number;
  errors: number;
}

/** The OTLP/HTTP collector of the traced side: 200 to every export, counted. */
async function startSink(): Promise<{ server: Server; url: string; exports: () => number }> {
  let exports = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/v1/traces') exports += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no sink port');
  return { server, url: `http://127.0.0.1:${address.port}`, exports: () => exports };
}

function sidesOf(sinkUrl: string): SideSpec[] {
  if (MODE === 'workers') {
    return [
      { label: 'WORKERS=1', env: { WORKERS: '1' } },
      { label: 'WORKERS=2', env: { WORKERS: '2' } },
    ];
  }
  const before = process.env.BENCH_BEFORE_DIST;
  if (!before) throw new Error(`BENCH_COMPARE=${MODE} needs BENCH_BEFORE_DIST (a built dist/)`);
  if (MODE === 'before') {
    // Several builds, comma-separated, each named by its directory: one run for a series.
    return [
      ...before.split(',').map((dist) => ({
        label: basename(dirname(dist)),
        env: {},
        script: `${dist}/src/main.js`,
      })),
      { label: 'this tree', env: {} },
    ];
  }
  return [
    { label: 'before tracing', env: {}, script: `${before}/src/main.js` },
    { label: 'this tree, tracing off', env: {} },
    { label: 'this tree, tracing on', env: { OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl } },
  ];
}

/** The middle value (the upper of the two middle ones for an even count). */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main(): Promise<void> {
  const started = new Date();
  const loadAvg = os.loadavg();
  const sink = await startSink();
  const emulator = await spawnEmulator(0);
  const specs = sidesOf(sink.url);
  // The gateways inherit this environment: only the traced side may see an OTEL_* setting.
  for (const name of Object.keys(process.env))
    if (name.startsWith('OTEL_')) delete process.env[name];
  const gateways: Child[] = [];
  const scenarios = SCENARIOS.filter((s) => ONLY.has(s.id));
  const rounds = new Map<string, Round[]>();
  try {
    for (const spec of specs)
      gateways.push(await spawnGateway(emulator.url, spec.env, undefined, { script: spec.script }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of scenarios) {
        // The order turns each round, so no side always runs first (or after the same one).
        for (let k = 0; k < specs.length; k++) {
          const i = (k + round) % specs.length;
          const gateway = gateways[i];
          const check = await fetch(gateway.url + scenario.gateway.path, {
            method: 'POST',
            headers: scenario.gateway.headers,
            body: scenario.gateway.body,
          });
          const text = await check.text();
          if (!check.ok || text.includes('"errors"'))
            throw new Error(`${specs[i].label}: ${text.slice(0, 300)}`);
          if (WARMUP > 0)
            await load(gateway.url, [scenario.gateway], scenario.load, WARMUP, CONNECTIONS);
          const cpu0 = treeCpuSeconds(gateway.pid);
          const emu0 = cpuSeconds(emulator.pid);
          const result = await load(
            gateway.url,
            [scenario.gateway],
            scenario.load,
            DURATION,
            CONNECTIONS,
          );
          const cpu = treeCpuSeconds(gateway.pid) - cpu0;
          const cell: Round = {
            opsPerSec: result.opsPerSec,
            cpuMsPerOp: (cpu * 1000) / result.ops,
            cores: cpu / result.seconds,
            emulatorCores: (cpuSeconds(emulator.pid) - emu0) / result.seconds,
            errors: result.errors,
          };
          const key = `${scenario.id}|${specs[i].label}`;
          rounds.set(key, [...(rounds.get(key) ?? []), cell]);
          log(
            `  round ${round + 1} (${scenario.id}) ${specs[i].label.padEnd(24)} ${cell.opsPerSec.toFixed(0).padStart(5)} ops/s  cpu ${cell.cpuMsPerOp.toFixed(3)} ms/op  ${cell.cores.toFixed(2)} cores  emulator ${cell.emulatorCores.toFixed(2)}  errors ${cell.errors}`,
          );
        }
      }
    }
  } finally {
    for (const gateway of gateways) await gateway.stop();
    await emulator.stop();
    sink.server.close();
  }
  const lines = [
    `BENCH_COMPARE=${MODE}, ${started.toISOString()}, ${ROUNDS} rounds of ${DURATION} s cells (${WARMUP} s warm-up), ${CONNECTIONS} connections, 0 ms upstream latency, load average ${loadAvg.map((l) => l.toFixed(2)).join(' / ')} at start${MODE === 'tracing' ? `; the sink received ${sink.exports()} OTLP exports` : ''}`,
    '',
    "| scenario | side | ops/s, each round | ops/s (median) | CPU ms/op, each round | CPU ms/op (median) | ÷ first side, CPU/op (median of the rounds' ratios) | gateway cores (median) | emulator cores (median) | errors |",
    '| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const scenario of scenarios) {
    const first = rounds.get(`${scenario.id}|${specs[0].label}`) ?? [];
    for (const spec of specs) {
      const cells = rounds.get(`${scenario.id}|${spec.label}`) ?? [];
      const ratio = median(cells.map((c, r) => c.cpuMsPerOp / first[r].cpuMsPerOp));
      lines.push(
        `| (${scenario.id}) ${scenario.title} | ${spec.label} | ${cells.map((c) => c.opsPerSec.toFixed(0)).join(' / ')} | ${median(cells.map((c) => c.opsPerSec)).toFixed(0)} | ${cells.map((c) => c.cpuMsPerOp.toFixed(3)).join(' / ')} | ${median(cells.map((c) => c.cpuMsPerOp)).toFixed(3)} | ${ratio.toFixed(3)} × | ${median(cells.map((c) => c.cores)).toFixed(2)} | ${median(cells.map((c) => c.emulatorCores)).toFixed(2)} | ${cells.reduce((s, c) => s + c.errors, 0)} |`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  log(`compare failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
