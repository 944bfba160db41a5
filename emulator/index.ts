// The emulator's one entry point: a stand-in for Misakey's box-events API (upstream-api.md),
// its demo data and the seed builders tests and benchmarks compose their own data with. The
// gateway never imports it; only the process edge (src/main.ts), the tests and bench/ do.
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
