// The memory case of issue 15: a gateway started as a real process with a small heap
// (--max-old-space-size=96) survives a flood, with no credentials, of unique padded documents
// (~1 MB of whitespace around `{ __typename }` plus a unique comment) over HTTP, SSE and
// WebSocket, and of unique 1 MB unused variables; its heap stays under the bound. Before the
// pipeline's byte-bounded caches, 320 such documents exhausted a 192 MB heap.
import WebSocket from 'ws';
import { freePort } from '../helpers/free-port';
import { buildMain, startProcess, until, type Running } from '../helpers/real-process';

jest.setTimeout(600_000);

const HEAP_MB = 96;
const PAD = 1_000_000;

let build: ReturnType<typeof buildMain>;
let running: Running | undefined;
let port: number;

beforeAll(async () => {
  build = buildMain();
  port = await freePort();
  running = startProcess(build.main, {
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
  });
  const proc = running;
  await until(
    'the gateway to serve',
    () => /GraphQL: http/.test(JSON.stringify(proc.logs)),
    60_000,
  );
}, 120_000);
afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
});

const url = (path: string) => `http://127.0.0.1:${port}${path}`;
const document = (i: number) => `{ __typename ${' '.repeat(PAD)} } # ${i}-${Math.random()}`;

async function http(body: Record<string, unknown>): Promise<number> {
  const response = await fetch(url('/graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

async function sse(body: Record<string, unknown>): Promise<number> {
  const response = await fetch(url('/graphql/stream'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Sends `count` unique padded documents on one WebSocket, each answered before the next. */
async function ws(count: number): Promise<number> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
  let answered = 0;
  let waiting: (() => void) | undefined;
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string };
    if (
      message.type === 'connection_ack' ||
      message.type === 'complete' ||
      message.type === 'error'
    ) {
      if (message.type !== 'connection_ack') answered++;
      waiting?.();
    }
  });
  const next = () => new Promise<void>((resolve) => (waiting = resolve));
  await new Promise((resolve) => socket.once('open', resolve));
  const acked = next();
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await acked;
  for (let i = 0; i < count; i++) {
    const done = next();
    socket.send(
      JSON.stringify({ type: 'subscribe', id: String(i), payload: { query: document(i) } }),
    );
    await done;
  }
  socket.close();
  return answered;
}

async function heapUsed(): Promise<number> {
  const text = await (await fetch(url('/metrics'))).text();
  return Number(/^nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text)![1]);
}

it(`a ${HEAP_MB} MB heap survives unique padded documents and unique 1 MB variables on every transport`, async () => {
  const statuses = new Set<number>();
  const flood = async (count: number, send: (i: number) => Promise<number>) => {
    let i = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (i < count) statuses.add(await send(i++));
      }),
    );
  };
  await flood(400, (i) => http({ query: document(i) }));
  await flood(100, (i) => sse({ query: document(i) }));
  expect(await ws(100)).toBe(100);
  const variable = 'v'.repeat(PAD);
  await flood(400, (i) =>
    http({ query: 'query V { __typename }', variables: { pad: `${i}${variable}` } }),
  );
  await flood(100, (i) =>
    sse({ query: 'query V { __typename }', variables: { pad: `${i}${variable}` } }),
  );

  expect(running!.child.exitCode).toBeNull();
  expect([...statuses].sort()).toEqual([200]);
  expect(await http({ query: '{ __typename }' })).toBe(200);
  expect(await heapUsed()).toBeLessThan(HEAP_MB * 1024 * 1024);
});
