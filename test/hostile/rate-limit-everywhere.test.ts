// Finding: the rate limit was bypassed over WebSocket and SSE (graphql-api.md §11), where no
// operation was counted or refused, subscription starts included, and those operations wrote no
// `graphql operation` log line or metric. One credential's operations now count the same on
// every transport, and each refusal is logged and counted.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { sseSubscribe, updates, wsClient, type WsClient } from '../helpers/realtime-clients';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { metric, operationLines, runOnce } from './transports';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60_000);

const BOX = DEMO_BOX_IDS.welcome;
const COUNT = `query Count { box(id: "${BOX}") { eventsCount } }`;
let t: TestGateway;
const clients: WsClient[] = [];

beforeEach(async () => {
  t = await startTestGateway({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await t.close();
});

const started = () => t.logs.entries().filter((e) => e.msg === 'subscription started').length;

const until = (what: string, check: () => boolean) => waitFor(what, check, 20_000);

it('5 operations over HTTP, then the same token over SSE and WebSocket: RATE_LIMITED, no upstream call', async () => {
  const token = DEMO_TOKENS.alice;
  for (let i = 0; i < 5; i++) {
    expect((await runOnce(t, 'http', { query: COUNT, token })).codes).toEqual([]);
  }
  t.resetCalls();
  const sse = await runOnce(t, 'sse', { query: COUNT, token });
  expect(sse).toMatchObject({ status: 429, codes: ['RATE_LIMITED'] });
  expect(sse.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
  const ws = await runOnce(t, 'ws', { query: COUNT, token });
  expect(ws.codes).toEqual(['RATE_LIMITED']);
  const subscription = `subscription S { boxEvents(identityId: "${DEMO_IDENTITY_IDS.alice}", boxIds: ["${BOX}"]) { boxId } }`;
  expect((await runOnce(t, 'sse', { query: subscription, token })).codes).toEqual(['RATE_LIMITED']);
  expect((await runOnce(t, 'ws', { query: subscription, token })).codes).toEqual(['RATE_LIMITED']);
  expect(t.upstreamCalls()).toEqual([]);
  expect(operationLines(t).map((l) => l.errorCodes)).toEqual([
    [],
    [],
    [],
    [],
    [],
    ['RATE_LIMITED'],
    ['RATE_LIMITED'],
    ['RATE_LIMITED'],
    ['RATE_LIMITED'],
  ]);
  expect(await metric(t, 'gateway_errors_total', 'code="RATE_LIMITED"')).toBe(4);
});

it('subscription starts count: 5 over WebSocket and SSE, then an HTTP query is refused', async () => {
  const token = DEMO_TOKENS.bob;
  const vars = { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [BOX] };
  const streams = [];
  for (let i = 0; i < 5; i++) {
    if (i % 2 === 0) {
      const client = wsClient(t.gateway.url, { token });
      clients.push(client);
      streams.push(client.subscribe(vars));
    } else {
      streams.push(sseSubscribe(t.gateway.url, vars, { token }));
    }
    await until(`subscription ${i + 1} started`, () => started() === i + 1);
  }
  // "subscription started" is logged before a subscription's own start-up reads (its box check)
  // are made; an event delivered to all five says every one of them is done, so no start-up
  // call can land after the reset below. Posted as alice: her operations count on her limit.
  const posted = await t.gql(
    `mutation Post { postTextMessage(boxId: "${BOX}", encrypted: "bGl2ZQ", publicKey: "pk") { id } }`,
    {},
    { token: DEMO_TOKENS.alice },
  );
  const eventId = posted.body.data.postTextMessage.id;
  for (const stream of streams) {
    await stream.until((r) => updates(r).some((u) => u.event?.id === eventId));
  }
  t.resetCalls();
  const refused = await runOnce(t, 'http', { query: COUNT, token });
  expect(refused).toMatchObject({ status: 429, codes: ['RATE_LIMITED'] });
  expect(t.upstreamCalls()).toEqual([]);
  for (const stream of streams) stream.stop();
  // Every subscription start wrote its operation line, as an HTTP operation does.
  expect(operationLines(t).filter((l) => l.operation === 'Follow')).toHaveLength(5);
});
