// The emulator's one entry point: a stand-in for Misakey's box-events API (docs/upstream.md),
// its demo data and the seed builders tests and benchmarks compose their own data with. The
// gateway imports it only to serve it (src/process/embedded-upstream.ts, and the IDE's demo tab
// for its ids and tokens); the tests and bench/ import it too.
export { startEmulator } from './emulator';
export type {
  Emulator,
  EmulatorOptions,
  RecordedRequest,
  Fault,
  FaultRule,
  SocketOptions,
} from './emulator';
export * from './seed';
export * from './seed-builders';
export type * from './seed-types';
export * from './bench-seed';
