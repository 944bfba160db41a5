// A private tsc build of src/ and emulator/ for the tests that run the real processes
// (`node dist/src/main.js`, `node dist/emulator/main.js`) as `npm start` and the bench do.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { waitFor } from './wait-for';

export const ROOT = join(__dirname, '..', '..');

/** Names the directory of the run's shared build (set by test/global-setup-build.ts). */
export const BUILD_ENV = 'GATEWAY_TEST_BUILD_DIR';

/** The entry points of a build; the run's shared one belongs to no test file, none removes it. */
export interface Build {
  main: string;
  emulatorMain: string;
}

/**
 * The run's one build of src/ and emulator/: made by the integration project's globalSetup, so
 * the six real-process test files share it. A file run outside that project builds its own
 * (left in dist/.process-test-*, as every build was before the shared one).
 */
export function buildMain(): Build {
  const dir = process.env[BUILD_ENV];
  const { main, emulatorMain } = dir ? entryPoints(dir) : compileMain();
  return { main, emulatorMain };
}

/**
 * Compiles src/ and emulator/ (main.ts embeds it) alone into a private directory under dist/ (node_modules still resolves from
 * there), so a concurrent `npm run build` or another test run never swaps files under us.
 * Type errors elsewhere in a work in progress do not stop tsc from emitting; a missing entry
 * point does fail the run.
 */
export function compileMain(): Build & { dir: string } {
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
  const build = entryPoints(dir);
  if (!existsSync(build.main)) {
    throw new Error(`tsc did not emit ${build.main}:\n${tsc.stdout}${tsc.stderr}`);
  }
  return build;
}

function entryPoints(dir: string): Build & { dir: string } {
  return {
    dir,
    main: join(dir, 'src', 'main.js'),
    emulatorMain: join(dir, 'emulator', 'main.js'),
  };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export interface Running {
  child: ChildProcess;
  /**
   * stdout's JSON log lines as objects (a cluster's workers share the primary's stdout); other
   * stdout lines as `{ stdout }`, stderr as `{ stderr }`.
   */
  logs: Array<Record<string, unknown>>;
  exited: Promise<Exit>;
}

/**
 * `node <main> ...args` with only PATH and `env` in its environment. DRAIN_DELAY_MS is 0 unless
 * `env` sets it: a test about what SIGTERM does after the drain delay need not wait it out.
 */
export function startProcess(
  main: string,
  env: Record<string, string>,
  args: string[] = [],
): Running {
  const child = spawn(process.execPath, [main, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DRAIN_DELAY_MS: '0', ...env },
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
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, logs, exited };
}

/** `waitFor` under its older name, for the real-process tests that call it so. */
export const until = waitFor;

export interface FreshResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One request on a new TCP connection (no keep-alive), so that node:cluster's round robin
 * hands it to the next worker; rejects with the connection error.
 */
export function freshRequest(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<FreshResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path ?? '/graphql',
        method: options.method ?? 'GET',
        headers: { connection: 'close', ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A GraphQL POST on a fresh connection. */
export async function freshGql(
  port: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; requestId: string; json: Record<string, unknown> }> {
  const response = await freshRequest(port, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    requestId: String(response.headers['x-request-id']),
    json: JSON.parse(response.text) as Record<string, unknown>,
  };
}
