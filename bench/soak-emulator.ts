// The emulator as the soak's upstream, in its own process so its memory never mixes with the
// gateway's. Port 0, request log off (it would grow for ten minutes); prints one JSON line with
// its URL for the parent to read, and closes on SIGTERM.
import { startEmulator } from '../emulator';

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', recordRequests: false });
  process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
  process.once('SIGTERM', () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`soak emulator failed to start: ${String(error)}\n`);
  process.exit(1);
});
