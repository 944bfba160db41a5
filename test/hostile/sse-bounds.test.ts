// Findings on GraphQL over SSE: a body of `null`, `0` or `""` was never answered (graphql-sse
// waited for a body Fastify had already read); 100,000-deep variables after the route took the
// response hung it; a subscriber that stopped reading was never cut off (graphql-sse queued
// every frame: 18 MB for 60 posts of 300 KB). Now: a 400 at once, an answer, and SLOW_CONSUMER
// as over WebSocket.
import { request, type IncomingMessage } from 'node:http';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import WebSocket from 'ws';
import { BOX_EVENTS } from '../helpers/realtime-clients';
import { startTestGateway, type Data, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(120_000);

const BOX = DEMO_BOX_IDS.welcome;
let t: TestGateway;

describe('bodies and variables', () => {
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const stream = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${t.gateway.url}/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${DEMO_TOKENS.bob}`,
        ...headers,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });

  it.each(['null', '0', '""', '[]', '"{ __typename }"', 'true'])(
    'POST /graphql/stream with the body %s: 400 at once, no upstream call',
    async (body) => {
      t.resetCalls();
      const response = await stream(body);
      expect(response.status).toBe(400);
      const json = (await response.json()) as Data;
      expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(t.upstreamCalls()).toEqual([]);
    },
  );

  it('GET /graphql/stream with the operation in the query string still streams its result', async () => {
    const response = await fetch(
      `${t.gateway.url}/stream?query=${encodeURIComponent('{ __typename }')}`,
      { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(10_000) },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('event: next\ndata: {"data":{"__typename":"Query"}}');
  });

  const deep = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

  it('100,000-deep variables over SSE: answered 400 QUERY_TOO_COMPLEX, no upstream call', async () => {
    t.resetCalls();
    const response = await stream(
      `{"query":"query V($v: [[Int]]) { __typename }","variables":{"v":${deep(100_000)}}}`,
    );
    expect(response.status).toBe(400);
    const json = (await response.json()) as Data;
    expect(json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(json.errors[0].message).toMatch(/variables are nested more than 32 levels deep/);
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('100,000-deep variables over WebSocket: refused with QUERY_TOO_COMPLEX, the socket still serves', async () => {
    // Written by hand: no client library stringifies 100,000 levels (its stack overflows).
    const socket = new WebSocket(t.gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const messages: Data[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
    const until = (check: () => boolean) =>
      waitFor('an answer', check, 10_000).catch(() => {
        throw new Error(`no answer: ${JSON.stringify(messages)}`);
      });
    try {
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(
        JSON.stringify({
          type: 'connection_init',
          payload: { authorization: `Bearer ${DEMO_TOKENS.bob}` },
        }),
      );
      await until(() => messages.some((m) => m.type === 'connection_ack'));
      socket.send(
        `{"type":"subscribe","id":"deep","payload":{"query":"query V($v: [[Int]]) { __typename }","variables":{"v":${deep(100_000)}}}}`,
      );
      await until(() => messages.some((m) => m.id === 'deep'));
      expect(messages.find((m) => m.id === 'deep')).toMatchObject({
        type: 'error',
        payload: [{ extensions: { code: 'QUERY_TOO_COMPLEX' } }],
      });
      socket.send(
        JSON.stringify({ type: 'subscribe', id: 'next', payload: { query: '{ __typename }' } }),
      );
      await until(() => messages.some((m) => m.id === 'next' && m.type === 'complete'));
      expect(messages.find((m) => m.id === 'next')).toEqual({
        type: 'next',
        id: 'next',
        payload: { data: { __typename: 'Query' } },
      });
    } finally {
      socket.close();
    }
  });
});

describe('a subscriber that stops reading', () => {
  beforeAll(async () => {
    t = await startTestGateway({ env: { SUBSCRIBER_BUFFER: '8' } });
  });
  afterAll(() => t.close());

  /** A raw SSE request whose response we can pause, as a stalled client would. */
  function rawStream(): Promise<IncomingMessage> {
    const url = new URL(`${t.gateway.url}/stream`);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            authorization: `Bearer ${DEMO_TOKENS.bob}`,
          },
        },
        resolve,
      );
      req.on('error', reject);
      req.end(
        JSON.stringify({
          query: BOX_EVENTS,
          variables: { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [BOX] },
        }),
      );
    });
  }

  it('60 posts of 300 KB to a paused SSE reader: SLOW_CONSUMER, the rest never buffered', async () => {
    const response = await rawStream();
    expect(response.statusCode).toBe(200);
    response.pause();
    await waitFor('an upstream socket', () => t.emulator.openSockets() >= 1, 20_000);
    const text = 'A'.repeat(300 * 1024);
    for (let i = 0; i < 60; i++) {
      const posted = await t.gql(
        'mutation Post($boxId: UUID!, $text: String!) { postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id } }',
        { boxId: BOX, text: `${text}${i}` },
        { token: DEMO_TOKENS.alice },
      );
      expect(posted.body.errors).toBeUndefined();
    }
    const ended = () =>
      t.logs.entries().filter((e) => e.msg === 'subscription ended' && e.transport === 'sse');
    await waitFor('the stream ended', () => ended().length > 0);
    expect(ended()).toEqual([
      expect.objectContaining({ reason: 'slow_consumer', errorCode: 'SLOW_CONSUMER' }),
    ]);
    // Reading again, the client gets what its socket held, then the SLOW_CONSUMER result.
    let body = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (body += chunk));
    response.resume();
    await new Promise((resolve) => response.on('end', resolve));
    const frames = body
      .split('\n\n')
      // A `next` event carries an `id:` line first (resuming, docs/realtime-resume.md).
      .filter((frame) => /^event: next$/m.test(frame))
      .map((frame) => JSON.parse(/^data: (.*)$/m.exec(frame)![1]!));
    const delivered = frames.filter((f) => f.data?.boxEvents).length;
    expect(delivered).toBeLessThan(60);
    expect(frames[frames.length - 1].errors[0].extensions).toMatchObject({
      code: 'SLOW_CONSUMER',
      limit: 8,
    });
  });
});
