// `npm run emulator`: the emulator on its own, for manual use. The only file in emulator/
// that reads process.env or writes to the console.
import { startEmulator } from './emulator';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from './seed';

const DEFAULT_PORT = 4010;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new Error(`EMULATOR_PORT must be an integer from 1 to 65535, got "${raw}"`);
  }
  return port;
}

async function main(): Promise<void> {
  let port: number;
  try {
    port = parsePort(process.env.EMULATOR_PORT);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const emulator = await startEmulator({ port, host: '127.0.0.1', recordRequests: false });
  const lines = [
    `box-events emulator listening on ${emulator.url}`,
    '',
    'demo tokens (cookie accesstoken=<token>; tokentype=bearer):',
    ...Object.entries(DEMO_TOKENS).map(([who, token]) => `  ${who.padEnd(6)} ${token}`),
    '',
    'demo boxes:',
    ...Object.entries(DEMO_BOX_IDS).map(([name, id]) => `  ${name.padEnd(8)} ${id}`),
    '',
    'demo identities (the realtime socket is ws://<host>/box-users/<identity id>/ws):',
    ...Object.entries(DEMO_IDENTITY_IDS).map(([who, id]) => `  ${who.padEnd(11)} ${id}`),
    '',
    'try:',
    `  curl -i --cookie 'accesstoken=${DEMO_TOKENS.alice}; tokentype=bearer' '${emulator.url}/boxes/${DEMO_BOX_IDS.welcome}/events?offset=0&limit=5'`,
  ];
  console.log(lines.join('\n'));
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
