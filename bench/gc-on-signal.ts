// Preloaded into the gateway by the realtime bench only (`node --expose-gc --require
// dist/bench/gc-on-signal.js …`): SIGUSR2 runs a full GC, so the bench reads heap and RSS
// (prom-client's /metrics, read at scrape time) with no garbage in them. The gateway's code knows
// nothing of it.
const fullGc = (globalThis as { gc?: () => void }).gc;
if (!fullGc) throw new Error('gc-on-signal needs node --expose-gc');
const collect: () => void = fullGc;
process.on('SIGUSR2', () => {
  collect();
  collect();
});
export {};
