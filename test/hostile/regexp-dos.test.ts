// Regular expressions on input must run in linear time (issue 15). Two were quadratic:
// armor.ts's suggestion stripper on messages that echo a variable's value, and the Bearer
// parser on a connection_init value holding "\n". Each attack must leave the process answering
// /healthz while it runs; on the old code each froze the event loop for minutes.
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import { stillAnswers, wsFirstAnswer } from '../helpers/hostile';
import { sseSubscribe, wsClient, type WsClient } from '../helpers/realtime-clients';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

jest.setTimeout(90_000);

let t: TestGateway;
const clients: WsClient[] = [];

beforeAll(async () => {
  // Introspection off (as in production) turns on the suggestion stripping.
  t = await startTestGateway({ env: { INTROSPECTION: 'false' } });
});
beforeEach(() => t.resetCalls());
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await t.close();
});

/** ~1 MB of "Did you mean " with no "?": the old regexp retried from each occurrence. */
const SUGGESTIONS = 'Did you mean '.repeat(75_000);

describe('a variable value echoed in an error message ("Did you mean " × 75,000)', () => {
  it('HTTP: answered with BAD_USER_INPUT while /healthz keeps answering', async () => {
    const { result } = await stillAnswers(t.gateway.url, () =>
      t.gql('query Q($id: UUID!) { box(id: $id) { id } }', { id: SUGGESTIONS }),
    );
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('WebSocket: the subscription fails with BAD_USER_INPUT while /healthz keeps answering', async () => {
    const client = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
    clients.push(client);
    const { result } = await stillAnswers(t.gateway.url, async () => {
      const received = client.subscribe({
        identityId: SUGGESTIONS,
        boxIds: [DEMO_BOX_IDS.welcome],
      });
      await received.untilDone(60_000);
      return received;
    });
    const errors = result.results[0]?.errors ?? (result.error as Array<{ extensions: object }>);
    expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('SSE: the stream answers BAD_USER_INPUT while /healthz keeps answering', async () => {
    const { result } = await stillAnswers(t.gateway.url, async () => {
      const received = sseSubscribe(
        t.gateway.url,
        { identityId: SUGGESTIONS, boxIds: [DEMO_BOX_IDS.welcome] },
        { token: DEMO_TOKENS.bob },
      );
      await received.untilDone(60_000);
      return received;
    });
    const first = result.results[0];
    const errors = first.errors ?? first.body?.errors;
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('suggestions themselves are still stripped (the linear scan does what the regexp did)', async () => {
    const response = await t.gql('{ boxx(id: "x") { id } }');
    expect(response.status).toBe(400);
    const message = response.body.errors?.[0].message ?? '';
    expect(message).toContain('Cannot query field "boxx" on type "Query".');
    expect(message).not.toContain('Did you mean');
  });
});

describe('connection_init: "Bearer" + 500,000 spaces + "\\nx" (a newline no HTTP header can hold)', () => {
  it('is refused with UNAUTHENTICATED, no upstream call, while /healthz keeps answering', async () => {
    const authorization = `Bearer${' '.repeat(500_000)}\nx`;
    const { result } = await stillAnswers(t.gateway.url, async () => {
      return wsFirstAnswer(t.gateway.url, { init: { authorization } });
    });
    expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(t.upstreamCalls()).toEqual([]);
  });
});
