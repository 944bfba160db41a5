// Jest globalSetup of the integration project: one tsc build of src/ and emulator/ for every test
// that runs the real processes (`node dist/src/main.js`), instead of one build per test file.
// The directory is handed to the test workers through the environment (they are forked after
// this runs) and removed by global-teardown-build.ts.
import { BUILD_ENV, compileMain } from './helpers/real-process';

/** Set when this run made the build, so that the teardown removes only its own. */
export const BUILD_OWNED_ENV = `${BUILD_ENV}_OWNED`;

export default function globalSetup(): void {
  if (process.env[BUILD_ENV]) return; // a caller that built already
  process.env[BUILD_ENV] = compileMain().dir;
  process.env[BUILD_OWNED_ENV] = '1';
}
