// Finding: no cap on streams per credential (500 idle SSE streams of one token were accepted).
// MAX_STREAMS_PER_CREDENTIAL and MAX_STREAMS bound active subscriptions over WebSocket and SSE
// together, refused with QUERY_TOO_COMPLEX before any upstream call; a slot frees when its
// subscription ends.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import {
  BOX_EVENTS,
  sseSubscribe,
  wsClient,
  type Received,
  type WsClient,
} from '../helpers/realtime-clients';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { runOnce } from './transports';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60_000);

const BOX = DEMO_BOX_IDS.welcome;
let t: TestGateway;
const clients: WsClient[] = [];
const streams: Received[] = [];

beforeAll(async () => {
  t = await startTestGateway({ env: { MAX_STREAMS_PER_CREDENTIAL: '2', MAX_STREAMS: '3' } });
});
afterAll(async () => {
  for (const stream of streams) stream.stop();
  await Promise.all(clients.map((c) => c.close()));
  await t.close();
});

const count = (msg: string) => t.logs.entries().filter((e) => e.msg === msg).length;
const until = (what: string, check: () => boolean) => waitFor(what, check, 20_000);

/** The catch-up reads a started subscription makes once its upstream socket is open. */
const catchUps = (token: string) =>
  t.emulator.requests.filter((r) => r.query.limit === '100' && r.cookies.accesstoken === token)
    .length;

const who = (name: 'alice' | 'bob') => ({
  token: DEMO_TOKENS[name],
  variables: { identityId: DEMO_IDENTITY_IDS[name], boxIds: [BOX] },
});

function open(name: 'alice' | 'bob', transport: 'ws' | 'sse'): Received {
  const { token, variables } = who(name);
  if (transport === 'sse') {
    const stream = sseSubscribe(t.gateway.url, variables, { token });
    streams.push(stream);
    return stream;
  }
  const client = wsClient(t.gateway.url, { token });
  clients.push(client);
  const stream = client.subscribe(variables);
  streams.push(stream);
  return stream;
}

it('refuses a credential its third stream and the process its fourth, on both transports, with no upstream call', async () => {
  const first = open('bob', 'ws');
  open('bob', 'sse');
  await until('two started', () => count('subscription started') === 2);
  await until('their catch-up reads', () => catchUps(DEMO_TOKENS.bob) === 2);

  for (const transport of ['ws', 'sse'] as const) {
    t.resetCalls();
    const refused = await runOnce(t, transport, { query: BOX_EVENTS, ...who('bob') });
    expect(refused.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refused.errors[0].message).toMatch(/MAX_STREAMS_PER_CREDENTIAL/);
    expect(t.upstreamCalls()).toEqual([]);
  }

  open('alice', 'sse');
  await until('three started', () => count('subscription started') === 3);
  await until('its catch-up read', () => catchUps(DEMO_TOKENS.alice) === 1);
  t.resetCalls();
  const full = await runOnce(t, 'ws', { query: BOX_EVENTS, ...who('alice') });
  expect(full.codes).toEqual(['QUERY_TOO_COMPLEX']);
  expect(full.errors[0].message).toMatch(/MAX_STREAMS\)/);
  expect(t.upstreamCalls()).toEqual([]);

  // One of bob's ends: his slot (and the process's) is free again.
  first.stop();
  await until('one ended', () => count('subscription ended') === 1);
  open('bob', 'sse');
  await until('a new one started', () => count('subscription started') === 4);
});
