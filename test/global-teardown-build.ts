// Removes the build global-setup-build.ts made for this run (dist/.process-test-*).
import { rmSync } from 'node:fs';
import { BUILD_OWNED_ENV } from './global-setup-build';
import { BUILD_ENV } from './helpers/real-process';

export default function globalTeardown(): void {
  const dir = process.env[BUILD_ENV];
  if (!dir || !process.env[BUILD_OWNED_ENV]) return;
  rmSync(dir, { recursive: true, force: true });
  delete process.env[BUILD_ENV];
  delete process.env[BUILD_OWNED_ENV];
}
