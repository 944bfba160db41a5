// The emulator's one command line, for every use that runs it as its own process:
//
//   npm run emulator                      manual use: demo seed, port EMULATOR_PORT (default
//                                         4010), prints the tokens, box ids and a curl example
//   node dist/emulator/main.js --port 0 --seed bench --latency-ms 20 --ready-line
//                                         bench and soak: prints only `ready <url>` once listening
//   --max-upload-bytes N                  the largest file the upload route accepts (default
//                                         126 MiB, the upstream's)
//
// The request log is always off: it grows with every call, and only in-process tests read it.
// SIGINT/SIGTERM close it and exit 0. The only file in emulator/ that reads process.env or argv
// or writes to the console.
import { parseArgs } from 'node:util';
import { benchSeed, realtimeBenchSeed } from './bench-seed';
import { startEmulator } from './emulator';
import { DEMO_ACR2_TOKENS, DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from './seed';
import { UPSTREAM_MAX_UPLOAD_BYTES } from './upload-request';

const DEFAULT_PORT = 4010;
const SEEDS = { demo: undefined, bench: benchSeed, realtime: realtimeBenchSeed } as const;

interface Options {
  port: number;
  seed: keyof typeof SEEDS;
  latencyMs: number;
  readyLine: boolean;
  maxUploadBytes: number;
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      seed: { type: 'string', default: 'demo' },
      'latency-ms': { type: 'string', default: '0' },
      'ready-line': { type: 'boolean', default: false },
      'max-upload-bytes': { type: 'string', default: String(UPSTREAM_MAX_UPLOAD_BYTES) },
    },
  });
  const rawPort = values.port ?? env.EMULATOR_PORT;
  const port =
    rawPort === undefined || rawPort === ''
      ? DEFAULT_PORT
      : integer(values.port === undefined ? 'EMULATOR_PORT' : '--port', rawPort, 0, 65535);
  if (!(values.seed in SEEDS)) {
    throw new Error(`--seed must be one of ${Object.keys(SEEDS).join(', ')}, got "${values.seed}"`);
  }
  return {
    port,
    seed: values.seed as Options['seed'],
    latencyMs: integer('--latency-ms', values['latency-ms'], 0, 60_000),
    readyLine: values['ready-line'],
    maxUploadBytes: integer(
      '--max-upload-bytes',
      values['max-upload-bytes'],
      1,
      UPSTREAM_MAX_UPLOAD_BYTES,
    ),
  };
}

function banner(url: string): string {
  return [
    `box-events emulator listening on ${url}`,
    '',
    'demo tokens (cookie accesstoken=<token>; tokentype=bearer):',
    ...Object.entries(DEMO_TOKENS).map(([who, token]) => `  ${who.padEnd(6)} ${token}`),
    ...Object.entries(DEMO_ACR2_TOKENS).map(
      ([who, token]) => `  ${who.padEnd(6)} ${token} (ACR 2: box list, create, delete)`,
    ),
    '',
    'demo boxes:',
    ...Object.entries(DEMO_BOX_IDS).map(([name, id]) => `  ${name.padEnd(8)} ${id}`),
    '',
    'demo identities (the realtime socket is ws://<host>/box-users/<identity id>/ws):',
    ...Object.entries(DEMO_IDENTITY_IDS).map(([who, id]) => `  ${who.padEnd(11)} ${id}`),
    '',
    'try:',
    `  curl -i --cookie 'accesstoken=${DEMO_TOKENS.alice}; tokentype=bearer' '${url}/boxes/${DEMO_BOX_IDS.welcome}/events?offset=0&limit=5'`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = readOptions(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const emulator = await startEmulator({
    port: options.port,
    host: '127.0.0.1',
    seed: SEEDS[options.seed]?.(),
    latencyMs: options.latencyMs,
    recordRequests: false,
    maxUploadBytes: options.maxUploadBytes,
  });
  process.stdout.write(options.readyLine ? `ready ${emulator.url}\n` : banner(emulator.url));
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator failed to start: ${String(error)}\n`);
  process.exit(1);
});
