// The emulator for the realtime bench, in its own process: the demo seed plus one box of
// alice's that 100 bench callers (`token-rt0` … `token-rt99`) have joined. Request log off.
// Prints `ready <url>` once listening; closes on SIGTERM.
import { DEMO_IDENTITY_IDS, box, demoSeed, identity, join, startEmulator, text } from '../emulator';

export const REALTIME_CALLERS = 100;
export const callerName = (i: number) => `rt${i}`;
export const REALTIME_BOX = box('Realtime bench', DEMO_IDENTITY_IDS.alice, {
  events: [
    ...Array.from({ length: REALTIME_CALLERS }, (_, i) => join(identity(callerName(i)).id)),
    text(DEMO_IDENTITY_IDS.alice),
  ],
});

async function main(): Promise<void> {
  const seed = demoSeed();
  const callers = Array.from({ length: REALTIME_CALLERS }, (_, i) => identity(callerName(i)));
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    seed: {
      ...seed,
      identities: [...seed.identities, ...callers],
      boxes: [...seed.boxes, REALTIME_BOX],
    },
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

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`realtime bench emulator failed: ${String(error)}\n`);
    process.exit(1);
  });
}
