// The data the bench serves (`node dist/emulator/main.js --seed bench`): the demo seed (the archive box holds 1,500 messages, for the 50-
// and 500-event pages) plus 20 dashboard boxes of alice's, 40 texts and 10 files each.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS, demoSeed } from './seed';
import { box, file, texts } from './seed-builders';
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
