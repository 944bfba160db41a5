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
// For tests of the chat surface: what a seeded file's bytes are, the upload limit's default, and
// the organisation ids a box view carries.
export { seededFileBytes } from './chat-state';
export { UPSTREAM_MAX_UPLOAD_BYTES } from './upload-request';
export { SEED_ORG_ID, SELF_ORG_ID } from './seed-loader';
