// Deeply nested variables are a 400 QUERY_TOO_COMPLEX before anything recurses over them
// (issue 15: 100,000-deep arrays were a 500 with a stack trace in the log), and an APQ hash
// that is not its query's is a 400 with a persisted-query code, not INTERNAL_SERVER_ERROR.
import { DEMO_TOKENS } from '../../emulator';
import { FOLLOW_WELCOME, stillAnswers, wsFirstAnswer } from '../helpers/hostile';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

jest.setTimeout(60_000);

let t: TestGateway;
let origin: string;
beforeAll(async () => {
  t = await startTestGateway();
  origin = new URL(t.gateway.url).origin;
});
let logStart = 0;
beforeEach(() => {
  t.resetCalls();
  logStart = t.logs.lines.length;
});
afterAll(async () => {
  await t.close();
});

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const BOXES = 'query Q($ids: [UUID!]!) { boxes(ids: $ids) { eventsCount } }';
const body = (depth: number, query = BOXES) =>
  `{"query":${JSON.stringify(query)},"variables":{"ids":${nested(depth)}}}`;

/** No line of the log may carry a stack or an error level for a client's bad input. */
function expectQuietLog() {
  const lines = t.logs.lines.slice(logStart);
  const loud = lines.filter((line) => Number(JSON.parse(line).level) >= 50);
  expect(loud).toEqual([]);
  expect(lines.join('\n')).not.toMatch(/stack|RangeError|Maximum call stack/);
}

async function expectTooDeep(response: Response) {
  expect(response.status).toBe(400);
  const answer = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
  expect(answer.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 32 });
  expect(t.upstreamCalls()).toEqual([]);
  expectQuietLog();
}

describe('100,000-deep variables', () => {
  it('POST /graphql: 400 QUERY_TOO_COMPLEX, nothing logged as an error, /healthz answering', async () => {
    const { result } = await stillAnswers(t.gateway.url, () =>
      fetch(t.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.bob}` },
        body: body(100_000),
      }),
    );
    await expectTooDeep(result);
  });

  it('GET /graphql (as deep as a URL allows): 400 QUERY_TOO_COMPLEX', async () => {
    const url = `${t.gateway.url}?query=${encodeURIComponent(BOXES)}&variables=${encodeURIComponent(`{"ids":${nested(2000)}}`)}`;
    await expectTooDeep(
      await fetch(url, { headers: { authorization: `Bearer ${DEMO_TOKENS.bob}` } }),
    );
  });

  it('POST /graphql/stream: 400 QUERY_TOO_COMPLEX before the stream starts', async () => {
    const response = await fetch(`${origin}/graphql/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${DEMO_TOKENS.bob}`,
      },
      body: `{"query":${JSON.stringify(FOLLOW_WELCOME.query)},"variables":{"b":${nested(100_000)}}}`,
    });
    await expectTooDeep(response);
  });

  it('a batch (a JSON array body) is walked as well', async () => {
    const response = await fetch(t.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `[${body(100_000)}]`,
    });
    expect(response.status).toBe(400);
    expectQuietLog();
  });

  it('31 levels are not refused by the depth limit', async () => {
    const response = await fetch(t.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.bob}` },
      body: body(31),
    });
    const answer = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(answer.errors[0].extensions.code).not.toBe('QUERY_TOO_COMPLEX');
  });
});

describe('WebSocket: deep variables in a subscribe message', () => {
  it('end that operation with a code, and the process keeps answering', async () => {
    const { result } = await stillAnswers(t.gateway.url, () =>
      wsFirstAnswer(t.gateway.url, {
        init: { authorization: `Bearer ${DEMO_TOKENS.bob}` },
        raw: `{"id":"1","type":"subscribe","payload":{"query":${JSON.stringify(FOLLOW_WELCOME.query)},"variables":{"i":"${FOLLOW_WELCOME.variables.i}","b":${nested(100_000)}}}}`,
      }).catch((error: unknown) => ({ closed: String(error) })),
    );
    expect(JSON.stringify(result)).toMatch(/BAD_USER_INPUT|QUERY_TOO_COMPLEX|closed 4400/);
  });
});

describe('APQ: a sha256Hash that is not its query', () => {
  it('400 PERSISTED_QUERY_HASH_MISMATCH, nothing masked or logged as an error', async () => {
    const response = await t.post({
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors[0]).toMatchObject({
      message: 'provided sha does not match query',
      extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' },
    });
    expectQuietLog();
  });
});
