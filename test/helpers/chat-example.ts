// The chat example (examples/chat) as a user runs it: its production build served by
// `vite preview`, which forwards /graphql to the gateway under test. The build is made once per
// `npm test` by the root's pretest (examples/chat/scripts/check.sh), never by a test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

export const CHAT_EXAMPLE_DIR = join(__dirname, '..', '..', 'examples', 'chat');
/** The trusted-documents manifest codegen writes for the example's operations. */
export const CHAT_MANIFEST = join(CHAT_EXAMPLE_DIR, 'src', 'gql', 'persisted-documents.json');

export interface ServedExample {
  url: string;
  close(): Promise<void>;
}

export async function serveChatExample(gatewayUrl: string): Promise<ServedExample> {
  const built = join(CHAT_EXAMPLE_DIR, 'dist', 'index.html');
  const vite = join(CHAT_EXAMPLE_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(built) || !existsSync(vite)) {
    throw new Error(
      'examples/chat is not built: run `npm --prefix examples/chat run check` (npm test does it first)',
    );
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(
    process.execPath,
    [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: CHAT_EXAMPLE_DIR,
      env: { ...process.env, GATEWAY_URL: new URL(gatewayUrl).origin },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  try {
    await waitFor(
      `vite preview to answer on ${url}`,
      async () => {
        if (child.exitCode !== null) throw new Error('vite preview exited');
        return fetch(url).then(
          (response) => response.ok,
          () => false,
        );
      },
      60_000,
    );
  } catch (error) {
    child.kill();
    throw new Error(`${(error as Error).message}: ${output}`);
  }
  return {
    url,
    async close() {
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}
