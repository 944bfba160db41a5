// A subscriber that stops reading (docs/realtime.md): its bounded buffer overflows and its
// subscription ends with SLOW_CONSUMER, while another subscriber of the same caller, fed by the
// same upstream socket, keeps receiving at its normal pace; memory stays bounded.
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { updates, wsClient, type WsClient } from '../helpers/realtime-clients';
import { catchUpReads, postText, waitForSockets } from '../helpers/gateway-checks';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(300_000);

const MESSAGES = 1000;
/** 16 KB per message: 16 MB in all, far more than the kernel buffers of one paused socket. */
const TEXT = 'A'.repeat(16 * 1024);
const { welcome } = DEMO_BOX_IDS;

let t: TestGateway;
const clients: WsClient[] = [];

beforeAll(async () => {
  t = await startTestGateway({ env: { SUBSCRIBER_BUFFER: '64' } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await t.close();
});

async function post(i: number): Promise<{ id: string; at: number }> {
  const { id } = await postText(t, DEMO_TOKENS.alice, welcome, `${TEXT}${i}`);
  return { id, at: Date.now() };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

it(`one subscriber never reads while ${MESSAGES} messages are posted: it ends with SLOW_CONSUMER, the other is not delayed`, async () => {
  const vars = { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [welcome] };
  const normalClient = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
  const slowClient = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
  clients.push(normalClient, slowClient);
  const normal = normalClient.subscribe(vars);
  const slow = slowClient.subscribe(vars);

  // Both attached: one shared socket open, and each subscription's catch-up read made (what is
  // posted from then on is live).
  await waitForSockets(t, 1, 30_000);
  await waitFor('both catch-up reads', () => catchUpReads(t) === 2);

  // Latency is measured where the bytes reach the client's socket.
  const arrivals = new Map<string, number>();
  normalClient.sockets[0].on('message', (data: Buffer) => {
    const id = /"event":\{"__typename":"[A-Za-z]+","id":"([^"]+)"/.exec(data.toString())?.[1];
    if (id) arrivals.set(id, Date.now());
  });
  // Normal latency first: posts one at a time, both subscribers reading.
  const baseline: number[] = [];
  for (let i = 0; i < 20; i++) {
    const { id, at } = await post(i);
    await normal.until(() => arrivals.has(id));
    baseline.push(arrivals.get(id)! - at);
  }
  await slow.until((r) => updates(r).length >= 20);
  expect(t.emulator.openSockets()).toBe(1);

  slowClient.sockets[0].pause();
  const rssBefore = process.memoryUsage().rss;
  const posted: Array<{ id: string; at: number }> = [];
  const next = { i: 20 };
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next.i < 20 + MESSAGES) posted.push(await post(next.i++));
    }),
  );
  await normal.until(() => posted.every((p) => arrivals.has(p.id)), 120_000);
  const rssAfter = process.memoryUsage().rss;

  // Everything reached the reading subscriber while the other was still paused.
  const underLoad = posted.map((p) => arrivals.get(p.id)! - p.at);
  const health = await fetch(t.gateway.url.replace(/\/graphql$/, '/healthz'));
  expect(health.status).toBe(200);
  // The emulator, the posters and the clients share this process: this only catches a runaway;
  // the bound itself is what the SLOW_CONSUMER end below shows.
  expect(rssAfter - rssBefore).toBeLessThan(300 * 1024 * 1024);
  // Generous for a loaded 2-core machine, yet far below a stream stuck behind the slow reader.
  expect(median(underLoad)).toBeLessThan(Math.max(20 * median(baseline), 2_000));

  // The gateway ended the paused subscription itself, with SLOW_CONSUMER. The client may see
  // that result once it reads again, or, if the flood outlasted graphql-ws's 12 s keep-alive
  // (no pong from a paused reader), its socket closed: both end that stream and no other.
  const ended = t.logs.entries().filter((e) => e.msg === 'subscription ended');
  expect(ended).toEqual([
    expect.objectContaining({ reason: 'slow_consumer', errorCode: 'SLOW_CONSUMER' }),
  ]);
  slowClient.sockets[0].resume();
  await slow.untilDone(60_000);
  const last = slow.results[slow.results.length - 1];
  if (slow.error === undefined) {
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'SLOW_CONSUMER', limit: 64 });
  }
  expect(updates(slow.results).length).toBeLessThan(20 + MESSAGES);
  expect(normal.done).toBe(false);
  const metrics = await (await fetch(t.gateway.url.replace(/\/graphql$/, '/metrics'))).text();
  expect(metrics).toMatch(/gateway_errors_total\{code="SLOW_CONSUMER"\} 1/);
});
