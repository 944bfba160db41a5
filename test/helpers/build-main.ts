// main.ts compiled as `npm start` runs it, for tests of the real process (signals, exit codes,
// start-up refusals).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Compiles src/ and emulator/ (main.ts embeds it) alone into a private directory under dist/ (node_modules still resolves from
 * there), so a concurrent `npm run build` or another test run never swaps files under us.
 * Type errors elsewhere in a work in progress do not stop tsc from emitting; a missing entry
 * point does fail the test.
 */
export function buildMain(): { dir: string; main: string } {
  // A fresh clone has no dist/ yet: `npm test` type-checks but does not build.
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'dist', '.main-test-'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.json'),
      compilerOptions: { outDir: dir, rootDir: ROOT, sourceMap: false },
      include: [join(ROOT, 'src'), join(ROOT, 'emulator')],
    }),
  );
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const main = join(dir, 'src', 'main.js');
  try {
    require.resolve(main);
  } catch {
    throw new Error(`tsc did not emit ${main}:\n${tsc.stdout}${tsc.stderr}`);
  }
  return { dir, main };
}
