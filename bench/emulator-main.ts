// The emulator as its own process for the bench: the bench seed, an artificial per-call latency
// (BENCH_LATENCY_MS) and no request log (memory stays flat). Prints one line, `ready <url>`,
// once listening; closes on SIGTERM.
import { startEmulator } from '../emulator';
import { benchSeed } from './bench-seed';

async function main(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? '0');
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    seed: benchSeed(),
    latencyMs,
    recordRequests: false,
  });
  process.stdout.write(`ready ${emulator.url}\n`);
  process.once('SIGTERM', () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench emulator failed: ${String(error)}\n`);
  process.exit(1);
});
