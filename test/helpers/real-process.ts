// A private tsc build of src/ and emulator/ for the tests that run the real processes
// (`node dist/src/main.js`, `node dist/emulator/main.js`) as `npm start` and the bench do.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');

/**
 * Compiles src/ and emulator/ (main.ts embeds it) alone into a private directory under dist/ (node_modules still resolves from
 * there), so a concurrent `npm run build` or another test run never swaps files under us.
 * Type errors elsewhere in a work in progress do not stop tsc from emitting; a missing entry
 * point does fail the test.
 */
export function buildMain(): { dir: string; main: string; emulatorMain: string } {
  // A fresh clone has no dist/ yet: `npm test` type-checks but does not build.
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'dist', '.process-test-'));
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
  return { dir, main, emulatorMain: join(dir, 'emulator', 'main.js') };
}

export interface Running {
  child: ChildProcess;
  /** stdout's JSON log lines as objects; other stdout lines as `{ stdout }`, stderr as `{ stderr }`. */
  logs: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** `node <main> ...args` with only PATH and `env` in its environment. */
export function startProcess(
  main: string,
  env: Record<string, string>,
  args: string[] = [],
): Running {
  const child = spawn(process.execPath, [main, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ stdout: line });
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => logs.push({ stderr: chunk.toString('utf8') }));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, logs, exited };
}

export async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
