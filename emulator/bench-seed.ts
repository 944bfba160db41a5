// The data the benches serve (`node dist/emulator/main.js --seed bench|realtime`):
// - bench: the demo seed (the archive box holds 1,500 messages, for the 50- and 500-event pages)
//   plus 20 dashboard boxes of alice's, 40 texts and 10 files each;
// - realtime: the demo seed plus one box of alice's that 100 bench callers (`token-rt0` …
//   `token-rt99`) have joined, for `npm run bench:realtime`.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS, demoSeed } from './seed';
import { box, file, identity, join, text, texts } from './seed-builders';
import type { Seed } from './seed-types';

export const BENCH_TOKEN = DEMO_TOKENS.alice;
/** The box of scenarios (a) and (c). */
export const PAGE_BOX = DEMO_BOX_IDS.archive;
export const DASHBOARD_SIZE = 20;

function dashboardBoxes() {
  const alice = DEMO_IDENTITY_IDS.alice;
  return Array.from({ length: DASHBOARD_SIZE }, (_, i) =>
    box(`Dashboard ${i + 1}`, alice, {
      events: [...texts(40, alice), ...Array.from({ length: 10 }, () => file(alice))],
    }),
  );
}

export const DASHBOARD_BOX_IDS: readonly string[] = dashboardBoxes().map((b) => b.id);

export function benchSeed(): Seed {
  const seed = demoSeed();
  return { ...seed, boxes: [...seed.boxes, ...dashboardBoxes()] };
}

export const REALTIME_CALLERS = 100;
export const realtimeCallerName = (i: number) => `rt${i}`;
export const REALTIME_BOX = box('Realtime bench', DEMO_IDENTITY_IDS.alice, {
  events: [
    ...Array.from({ length: REALTIME_CALLERS }, (_, i) => join(identity(realtimeCallerName(i)).id)),
    text(DEMO_IDENTITY_IDS.alice),
  ],
});

export function realtimeBenchSeed(): Seed {
  const seed = demoSeed();
  const callers = Array.from({ length: REALTIME_CALLERS }, (_, i) =>
    identity(realtimeCallerName(i)),
  );
  return {
    ...seed,
    identities: [...seed.identities, ...callers],
    boxes: [...seed.boxes, REALTIME_BOX],
  };
}
