// `npm run bench`: the emulator, the floor (bench/floor.ts) and the gateway in their own
// processes, each scenario measured direct, through the floor (page scenarios) and through the
// gateway at each upstream latency, then the report (report.ts) printed and written into
// bench/RESULTS.md. Environment: BENCH_DURATION (s per cell, default 10), BENCH_WARMUP (s,
// default 2), BENCH_LATENCIES (ms, default "0,20"), BENCH_SCENARIOS (default "d,a,b,c"),
// BENCH_CPU_PROF (a directory: run the gateway under --cpu-prof), BENCH_SIDES (default
// "direct,floor,gateway"), BENCH_WRITE=0 (print only).
import os from 'node:os';
import { load } from './load';
import type { Call } from './load-driver';
import {
  cpuSeconds,
  cpuTimes,
  scrapeMetrics,
  spawnEmulator,
  spawnFloor,
  spawnGateway,
  type Child,
} from './processes';
import { render, writeResults, type Cell, type Side } from './report';
import { SCENARIOS, type Scenario } from './scenarios';
import {
  CONNECTIONS,
  CPU_PROF,
  DURATION,
  LATENCIES,
  ONLY,
  SIDES,
  WARMUP,
  WIDE_ENV,
  log,
} from './settings';

async function send(origin: string, call: Call): Promise<Response> {
  return fetch(origin + call.path, { method: call.method, headers: call.headers, body: call.body });
}

/**
 * One request of each kind before measuring: a broken setup fails loudly, not as fast errors.
 * The floor must answer the gateway's bytes exactly, or it would not be the floor of that work.
 */
async function check(
  origin: string,
  scenario: Scenario,
  side: Side,
  gateway: Child,
): Promise<void> {
  for (const call of callsOf(scenario, side)) {
    const res = await send(origin, call);
    const text = await res.text();
    if (!res.ok || (side !== 'direct' && text.includes('"errors"'))) {
      throw new Error(
        `${scenario.id} ${side}: ${call.method} ${call.path} answered ${res.status} ${text.slice(0, 300)}`,
      );
    }
    if (side === 'floor' && text !== (await (await send(gateway.url, scenario.gateway)).text())) {
      throw new Error(`${scenario.id} floor: its answer differs from the gateway's`);
    }
  }
}

function callsOf(scenario: Scenario, side: Side): Call[] {
  if (side === 'direct') return scenario.direct;
  if (side === 'floor' && scenario.floor) return [scenario.floor];
  return [scenario.gateway];
}

async function measure(
  latencyMs: number,
  scenario: Scenario,
  side: Side,
  processes: { emulator: Child; gateway: Child; floor?: Child },
  connections = CONNECTIONS,
): Promise<Cell> {
  const { emulator, gateway, floor } = processes;
  const direct = side === 'direct';
  const served = side === 'floor' ? floor : gateway;
  if (!served) throw new Error('the floor side needs the floor process');
  const origin = direct ? emulator.url : served.url;
  const calls = callsOf(scenario, side);
  await check(origin, scenario, side, gateway);
  if (WARMUP > 0) await load(origin, calls, scenario.load, WARMUP, connections);

  const before = {
    metrics: await scrapeMetrics(gateway.url),
    emulator: cpuSeconds(emulator.pid),
    served: cpuTimes(served.pid),
    client: process.cpuUsage(),
  };
  const result = await load(origin, calls, scenario.load, DURATION, connections);
  const after = {
    metrics: await scrapeMetrics(gateway.url),
    emulator: cpuSeconds(emulator.pid),
    served: cpuTimes(served.pid),
    client: process.cpuUsage(before.client),
  };
  const delta = (name: string) => (after.metrics.get(name) ?? 0) - (before.metrics.get(name) ?? 0);
  const cell: Cell = {
    ...result,
    latencyMs,
    scenario,
    side,
    connections,
    emulatorCores: (after.emulator - before.emulator) / result.seconds,
    clientCores: (after.client.user + after.client.system) / 1e6 / result.seconds,
  };
  if (!direct) {
    const user = after.served.user - before.served.user;
    const system = after.served.system - before.served.system;
    cell.gatewayCores = (user + system) / result.seconds;
    cell.gatewayKernelShare = system / (user + system);
    if (side === 'floor') {
      cell.upstreamPerOp = scenario.minUpstreamCalls;
      cell.gatewayCpuMsPerOp = ((user + system) * 1000) / result.ops;
    } else {
      const operations = delta('gateway_operations_total');
      cell.upstreamPerOp = delta('gateway_upstream_requests_total') / operations;
      cell.gatewayCpuMsPerOp = (delta('process_cpu_seconds_total') * 1000) / operations;
    }
  }
  log(
    `  ${latencyMs} ms ${scenario.id} ${side.padEnd(15)} ×${String(connections).padEnd(2)} ${result.opsPerSec.toFixed(0).padStart(6)} ops/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms` +
      (cell.gatewayCpuMsPerOp !== undefined
        ? `  cpu ${cell.gatewayCpuMsPerOp.toFixed(3)} ms/op (kernel ${((cell.gatewayKernelShare ?? 0) * 100).toFixed(0)}%)  upstream ${cell.upstreamPerOp?.toFixed(2)}/op`
        : '') +
      `  errors ${result.errors}`,
  );
  return cell;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const scenarios = SCENARIOS.filter((s) => ONLY.has(s.id));
  const cells: Cell[] = [];
  for (const latencyMs of LATENCIES) {
    log(`upstream latency ${latencyMs} ms`);
    const emulator = await spawnEmulator(latencyMs);
    const gateway = await spawnGateway(emulator.url, {}, CPU_PROF);
    const floor = SIDES.has('floor') ? await spawnFloor(emulator.url) : undefined;
    const processes = { emulator, gateway, floor };
    try {
      for (const scenario of scenarios) {
        if (SIDES.has('direct'))
          cells.push(await measure(latencyMs, scenario, 'direct', processes));
        if (floor && scenario.floor)
          cells.push(await measure(latencyMs, scenario, 'floor', processes));
        if (SIDES.has('gateway'))
          cells.push(await measure(latencyMs, scenario, 'gateway', processes));
      }
      // (d) one operation at a time on one keep-alive connection, with nothing else running: the
      // latency a single client sees, beside direct REST and the floor (issue 18 item 4).
      const d = scenarios.find((s) => s.id === 'd');
      if (d && latencyMs === 0) {
        if (SIDES.has('direct')) cells.push(await measure(latencyMs, d, 'direct', processes, 1));
        if (floor) cells.push(await measure(latencyMs, d, 'floor', processes, 1));
        if (SIDES.has('gateway')) cells.push(await measure(latencyMs, d, 'gateway', processes, 1));
      }
    } finally {
      await floor?.stop();
      await gateway.stop();
    }
    const b = scenarios.find((s) => s.id === 'b');
    if (b && !CPU_PROF) {
      // (b) one dashboard at a time too: its latency with no queueing behind other operations.
      const single = await spawnGateway(emulator.url);
      try {
        if (SIDES.has('direct'))
          cells.push(await measure(latencyMs, b, 'direct', { emulator, gateway: single }, 1));
        if (SIDES.has('gateway'))
          cells.push(await measure(latencyMs, b, 'gateway', { emulator, gateway: single }, 1));
      } finally {
        await single.stop();
      }
    }
    if (b && SIDES.has('gateway') && !CPU_PROF) {
      const wide = await spawnGateway(emulator.url, WIDE_ENV);
      try {
        cells.push(await measure(latencyMs, b, 'gateway, cap 60', { emulator, gateway: wide }));
        cells.push(await measure(latencyMs, b, 'gateway, cap 60', { emulator, gateway: wide }, 1));
      } finally {
        await wide.stop();
      }
    }
    await emulator.stop();
  }
  const report = render(cells, startedAt, loadBefore);
  process.stdout.write(`${report}\n`);
  if (process.env.BENCH_WRITE !== '0') await writeResults(report);
}

// ---------------------------------------------------------------------------------------------

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
