// A request must arrive within REQUEST_TIMEOUT_MS, headers and body (issue 15: a body trickled
// a byte at a time held its connection forever). Streams are not cut by it: the deadline ends
// once the request is received, so SSE and WebSocket subscriptions opened before a trickled
// request was cut still deliver after it.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { deadline, rawConnection } from '../helpers/hostile';
import { sseSubscribe, updates, wsClient, type WsClient } from '../helpers/realtime-clients';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(90_000);

let t: TestGateway;
const clients: WsClient[] = [];
beforeAll(async () => {
  t = await startTestGateway({ env: { REQUEST_TIMEOUT_MS: '1000' } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await t.close();
});

/** Opens a raw connection, sends `head`, then one byte of `drip` every 100 ms until closed. */
async function trickle(head: string, drip: string): Promise<string> {
  const { socket, closed } = await rawConnection(t.gateway.url);
  socket.write(head);
  let sent = 0;
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(drip[sent++ % drip.length]);
  }, 100);
  try {
    // Generous: the deadline is 1 s; a connection never cut fails here instead of hanging.
    return await Promise.race([closed, deadline(20_000, 'the trickled connection was not cut')]);
  } finally {
    clearInterval(timer);
    socket.destroy();
  }
}

describe('a request trickled a byte every 100 ms is cut with 408', () => {
  it.each([
    [
      'POST /graphql body',
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"query":"',
    ],
    [
      'POST /graphql/stream body',
      'POST /graphql/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"query":"',
    ],
    [
      'chunked body',
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    ],
  ])('%s', async (_name, head) => {
    const answer = await trickle(head, head.includes('chunked') ? '1\r\na\r\n' : 'a');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('headers trickled (slowloris)', async () => {
    const answer = await trickle('GET /graphql HTTP/1.1\r\nHost: x\r\n', 'X-Slow: y\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });
});

it('streams opened before a request was cut still deliver after it', async () => {
  const variables = { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [DEMO_BOX_IDS.welcome] };
  const ws = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
  clients.push(ws);
  const overWs = ws.subscribe(variables);
  const overSse = sseSubscribe(t.gateway.url, variables, { token: DEMO_TOKENS.bob });
  expect(await overSse.status).toBe(200);
  // Both streams are open; a request started now is cut once the deadline has passed.
  expect(
    await trickle(
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n',
      'a',
    ),
  ).toMatch(/^HTTP\/1\.1 408/);
  // Once the gateway's socket to the upstream is up, a posted message reaches both streams.
  await waitFor('an upstream socket', () => t.emulator.openSockets() >= 1, 20_000);
  const posted = await t.gql(
    'mutation P($b: UUID!) { postTextMessage(boxId: $b, encrypted: "aGk", publicKey: "pk") { id } }',
    { b: DEMO_BOX_IDS.welcome },
    { token: DEMO_TOKENS.alice },
  );
  const id = posted.body.data.postTextMessage.id;
  const delivered = (results: unknown[]) => updates(results).some((u) => u.event?.id === id);
  await Promise.all([overWs.until(delivered), overSse.until(delivered)]);
  overWs.stop();
  overSse.stop();
});
