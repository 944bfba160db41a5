// Tools of the hostile suite (test/hostile/): raw requests a well-behaved client library would
// never send, and the one liveness assertion every event-loop attack is judged by.
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS } from '../../emulator';
import type { Data } from './start-test-gateway';

/**
 * Runs `attack` and, until it settles, asks GET /healthz again and again: each answer must
 * come within `withinMs`. A frozen event loop answers nothing until the attack is over, so
 * the bound is generous (seconds) and still fails a freeze of minutes. Returns the attack's
 * result and how many probes overlapped it.
 */
export async function stillAnswers<T>(
  baseUrl: string,
  attack: () => Promise<T>,
  withinMs = 5000,
): Promise<{ result: T; probes: number }> {
  let settled = false;
  const running = attack().finally(() => (settled = true));
  let probes = 0;
  while (!settled) {
    const started = performance.now();
    const response = await fetch(new URL('/healthz', baseUrl), {
      signal: AbortSignal.timeout(withinMs),
    }).catch((error: unknown) => {
      throw new Error(
        `/healthz did not answer within ${withinMs} ms while the attack ran (${String(error)})`,
      );
    });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(withinMs);
    probes++;
  }
  return { result: await running, probes };
}

/** One raw HTTP/1.1 exchange: what the server answered (maybe nothing) once it closed. */
export interface RawExchange {
  socket: Socket;
  /** Everything received, resolved when the server closes the connection. */
  closed: Promise<string>;
}

export function rawConnection(baseUrl: string): Promise<RawExchange> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
      resolve({ socket, closed });
    });
    socket.on('error', reject);
  });
}

export { deadline } from './wait-for';

/** A subscription every demo caller but eve may start: it reads the box upstream first. */
export const FOLLOW_WELCOME = {
  query:
    'subscription F($i: UUID!, $b: [UUID!]!) { boxEvents(identityId: $i, boxIds: $b) { boxId } }',
  variables: { i: DEMO_IDENTITY_IDS.bob, b: [DEMO_BOX_IDS.welcome] },
};

/**
 * A bare graphql-transport-ws exchange (no client library between us and the bytes):
 * connection_init with `init`, upgrade headers `headers`, one subscribe, and its first answer
 * as `{ errors }` or `{ data }`; a close before any answer rejects with its code.
 */
export function wsFirstAnswer(
  graphqlUrl: string,
  options: {
    init?: Record<string, unknown>;
    headers?: Record<string, string>;
    payload?: Record<string, unknown>;
    /** The subscribe message as sent, e.g. JSON too deep for JSON.stringify. */
    raw?: string;
  } = {},
): Promise<Data> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', {
      headers: options.headers,
    });
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'connection_init', payload: options.init ?? {} })),
    );
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'connection_ack') {
        const payload = options.payload ?? FOLLOW_WELCOME;
        ws.send(options.raw ?? JSON.stringify({ id: '1', type: 'subscribe', payload }));
      } else if (message.type === 'next' || message.type === 'error') {
        ws.close();
        resolve(message.type === 'error' ? { errors: message.payload } : message.payload);
      }
    });
    ws.on('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`)),
    );
    ws.on('error', reject);
    ws.on('close', (code) => reject(new Error(`closed ${code} before an answer`)));
  });
}
