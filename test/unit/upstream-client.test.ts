// The transport against undici's MockAgent (scripted answers) and, where a mock cannot tell the
// truth (refused port, reset socket, slow answer, a real pool of one connection), a tiny local
// node:http server on port 0.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import {
  createUpstreamClient,
  type UpstreamCallInfo,
  type UpstreamClient,
} from '../../src/upstream/upstream-client';
import { parseErrorEnvelope, toUpstreamFailure } from '../../src/upstream/upstream-failures';
import {
  UpstreamError,
  UpstreamHttpError,
  UpstreamProtocolError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../src/upstream/upstream-errors';
import { rejection } from '../helpers/rejection';
import { loadConfig, transportOptions } from '../../src/config';

/** The transport's production defaults; each test overrides what it exercises. */
const TRANSPORT = transportOptions(loadConfig({}));

const ORIGIN = 'http://upstream.test';
const ROUTE = '/boxes/:id/events';
const PATH = '/boxes/0b7e0c6c-1111-4b5c-9a35-4e8e2a7f0d11/events';
const ENVELOPE = {
  code: 'forbidden',
  origin: 'not_defined',
  desc: 'must be a member',
  details: { reason: 'not_member' },
};

/**
 * A call that never ends, for the deadline tests below (deadlines of 200-300 ms): far above them,
 * so that a loaded machine survives it, and below jest's 20 s so that the bound can fail. What
 * a deadline does is shown by the error and the request count, not by this bound.
 */
const HANG_MS = 5_000;

describe('upstream client over MockAgent', () => {
  let agent: MockAgent;
  let calls: UpstreamCallInfo[];
  let client: UpstreamClient;

  const make = (options: { timeoutMs?: number; retries?: number } = {}) =>
    createUpstreamClient({
      ...TRANSPORT,
      origin: ORIGIN,
      dispatcher: agent,
      retryMinDelayMs: 1,
      onCall: (info) => calls.push(info),
      ...options,
    });

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    calls = [];
    client = make();
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await client.close();
    await agent.close();
  });

  const upstream = () => agent.get(ORIGIN);

  describe('requests', () => {
    it('sends explicit query, JSON body with content-type, and exactly the given headers', async () => {
      let seen: { headers: unknown; body: unknown } | undefined;
      upstream()
        .intercept({ path: `${PATH}?offset=0&limit=10`, method: 'GET' })
        .reply(200, (opts) => {
          seen = { headers: opts.headers, body: opts.body };
          return [{ id: 'e1' }];
        });
      const response = await client.request({
        method: 'GET',
        path: PATH,
        route: ROUTE,
        query: { offset: 0, limit: 10 },
        headers: { cookie: 'accesstoken=t; tokentype=bearer' },
      });
      expect(response.status).toBe(200);
      expect(response.json).toEqual([{ id: 'e1' }]);
      expect(seen?.headers).toMatchObject({
        cookie: 'accesstoken=t; tokentype=bearer',
        accept: 'application/json',
      });
      expect(calls).toEqual([
        expect.objectContaining({
          method: 'GET',
          route: ROUTE,
          status: 200,
          outcome: 'ok',
          attempt: 1,
          willRetry: false,
        }),
      ]);
    });

    it('JSON-encodes a POST body', async () => {
      let seen: { headers: Record<string, string>; body: unknown } | undefined;
      upstream()
        .intercept({ path: PATH, method: 'POST' })
        .reply(201, (opts) => {
          seen = { headers: opts.headers as Record<string, string>, body: opts.body };
          return { id: 'e1' };
        });
      const response = await client.request({
        method: 'POST',
        path: PATH,
        route: ROUTE,
        body: { type: 'msg.text' },
      });
      expect(response.status).toBe(201);
      expect(seen?.headers['content-type']).toBe('application/json');
      expect(seen?.body).toBe('{"type":"msg.text"}');
    });

    it('never lets a throwing onCall hook break a call', async () => {
      await client.close();
      client = createUpstreamClient({
        ...TRANSPORT,
        origin: ORIGIN,
        dispatcher: agent,
        onCall: () => {
          throw new Error('metrics down');
        },
      });
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, []);
      await expect(
        client.request({ method: 'GET', path: PATH, route: ROUTE }),
      ).resolves.toMatchObject({ json: [] });
    });

    it('keeps a base path from the origin', async () => {
      await client.close();
      client = createUpstreamClient({ ...TRANSPORT, origin: `${ORIGIN}/api/`, dispatcher: agent });
      upstream()
        .intercept({ path: `/api${PATH}`, method: 'HEAD' })
        .reply(204, '', { headers: { 'x-total-count': '3' } });
      const response = await client.request({ method: 'HEAD', path: PATH, route: ROUTE });
      expect(response.headers['x-total-count']).toBe('3');
      expect(response.json).toBeUndefined();
    });
  });

  describe('retries', () => {
    it('retries a GET 503 then succeeds', async () => {
      upstream().intercept({ path: PATH, method: 'GET' }).reply(503, '').times(2);
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, []);
      const response = await client.request({ method: 'GET', path: PATH, route: ROUTE });
      expect(response.json).toEqual([]);
      expect(calls.map((c) => [c.attempt, c.status, c.outcome, c.willRetry])).toEqual([
        [1, 503, 'http_error', true],
        [2, 503, 'http_error', true],
        [3, 200, 'ok', false],
      ]);
    });

    it.each([502, 504])('retries a HEAD %i', async (status) => {
      upstream().intercept({ path: PATH, method: 'HEAD' }).reply(status, '');
      upstream()
        .intercept({ path: PATH, method: 'HEAD' })
        .reply(204, '', { headers: { 'x-total-count': '1' } });
      await expect(
        client.request({ method: 'HEAD', path: PATH, route: ROUTE }),
      ).resolves.toMatchObject({ status: 204 });
    });

    it.each([500, 429, 404])('does not retry a GET %i', async (status) => {
      upstream().intercept({ path: PATH, method: 'GET' }).reply(status, ENVELOPE);
      const error = await rejection(client.request({ method: 'GET', path: PATH, route: ROUTE }));
      expect(error).toBeInstanceOf(UpstreamHttpError);
      expect((error as UpstreamHttpError).status).toBe(status);
      expect(calls).toHaveLength(1);
    });

    it('never retries a POST, even on 503', async () => {
      upstream().intercept({ path: PATH, method: 'POST' }).reply(503, '');
      const error = await rejection(
        client.request({ method: 'POST', path: PATH, route: ROUTE, body: {} }),
      );
      expect((error as UpstreamHttpError).status).toBe(503);
      expect(calls).toHaveLength(1);
    });

    it('never retries a POST on a connection reset', async () => {
      const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      upstream().intercept({ path: PATH, method: 'POST' }).replyWithError(reset);
      const error = await rejection(
        client.request({ method: 'POST', path: PATH, route: ROUTE, body: {} }),
      );
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(calls).toHaveLength(1);
    });

    it('bounds attempts by `retries` and surfaces the last answer with its envelope', async () => {
      await client.close();
      client = make({ retries: 3 });
      upstream()
        .intercept({ path: PATH, method: 'GET' })
        .reply(503, { code: 'internal', origin: 'not_defined', desc: '', details: null })
        .times(4);
      const error = await rejection(client.request({ method: 'GET', path: PATH, route: ROUTE }));
      expect(error).toBeInstanceOf(UpstreamHttpError);
      expect((error as UpstreamHttpError).body).toEqual({
        code: 'internal',
        origin: 'not_defined',
        desc: '',
        details: null,
      });
      expect(calls).toHaveLength(4);
      expect(calls[3].willRetry).toBe(false);
    });

    it('retries connection errors on GET', async () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      upstream().intercept({ path: PATH, method: 'GET' }).replyWithError(refused);
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, []);
      await expect(
        client.request({ method: 'GET', path: PATH, route: ROUTE }),
      ).resolves.toMatchObject({ status: 200 });
      expect(calls.map((c) => c.outcome)).toEqual(['unavailable', 'ok']);
    });

    it('honours Retry-After (seconds)', async () => {
      upstream()
        .intercept({ path: PATH, method: 'GET' })
        .reply(503, '', { headers: { 'retry-after': '1' } });
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, []);
      const started = Date.now();
      await client.request({ method: 'GET', path: PATH, route: ROUTE });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('gives up at once when Retry-After would end past the deadline', async () => {
      await client.close();
      client = make({ timeoutMs: 5_000 });
      upstream()
        .intercept({ path: PATH, method: 'GET' })
        .reply(503, '', { headers: { 'retry-after': '30' } });
      const started = Date.now();
      const error = await rejection(client.request({ method: 'GET', path: PATH, route: ROUTE }));
      expect((error as UpstreamHttpError).status).toBe(503);
      // Before the deadline: it did not wait for it (a 5 s deadline, not 500 ms with a 400 ms
      // bound, so that a loaded machine cannot blur the two).
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(calls).toHaveLength(1);
    });
  });

  describe('answers', () => {
    it('turns a success body that is not JSON into a protocol error', async () => {
      upstream().intercept({ path: PATH, method: 'GET' }).reply(200, '<html>oops</html>');
      const error = await rejection(client.request({ method: 'GET', path: PATH, route: ROUTE }));
      expect(error).toBeInstanceOf(UpstreamProtocolError);
      expect(error.call).toEqual({ method: 'GET', route: ROUTE });
      expect(calls[0].outcome).toBe('protocol');
    });

    it('parses the error envelope of an error answer', async () => {
      upstream().intercept({ path: PATH, method: 'GET' }).reply(403, ENVELOPE);
      const error = (await rejection(
        client.request({ method: 'GET', path: PATH, route: ROUTE }),
      )) as UpstreamHttpError;
      expect(error.status).toBe(403);
      expect(error.body).toEqual(ENVELOPE);
      expect(error.call).toEqual({ method: 'GET', route: ROUTE });
    });

    it('keeps a null envelope for an error body that is not one', async () => {
      upstream().intercept({ path: PATH, method: 'GET' }).reply(400, 'Bad Request');
      const error = (await rejection(
        client.request({ method: 'GET', path: PATH, route: ROUTE }),
      )) as UpstreamHttpError;
      expect(error.body).toBeNull();
    });

    it('never puts the path, query or headers in error messages', async () => {
      upstream()
        .intercept({ path: `${PATH}?offset=0&limit=1`, method: 'GET' })
        .reply(403, ENVELOPE);
      const error = await rejection(
        client.request({
          method: 'GET',
          path: PATH,
          route: ROUTE,
          query: { offset: 0, limit: 1 },
          headers: { cookie: 'accesstoken=secret-token' },
        }),
      );
      const text = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
      expect(text).not.toContain('0b7e0c6c');
      expect(text).not.toContain('secret-token');
      expect(text).not.toContain('limit=');
    });
  });
});

describe('parseErrorEnvelope', () => {
  it.each([
    ['the envelope shape', JSON.stringify(ENVELOPE), ENVELOPE],
    [
      'null details',
      '{"code":"internal","origin":"not_defined","desc":"","details":null}',
      { code: 'internal', origin: 'not_defined', desc: '', details: null },
    ],
    [
      'non-string detail values dropped',
      '{"code":"c","origin":"o","desc":"d","details":{"a":"x","b":1}}',
      { code: 'c', origin: 'o', desc: 'd', details: { a: 'x' } },
    ],
    ['empty body', '', null],
    ['not JSON', 'nope', null],
    ['an array', '[]', null],
    ['missing code', '{"origin":"o","desc":"d","details":{}}', null],
    ['details an array', '{"code":"c","origin":"o","desc":"d","details":[]}', null],
  ])('%s', (_name, text, expected) => {
    expect(parseErrorEnvelope(text)).toEqual(expected);
  });
});

describe('toUpstreamFailure', () => {
  const call = { method: 'GET', route: ROUTE };
  const withCode = (code: string, extra: object = {}) =>
    Object.assign(new Error('x'), { code }, extra);
  it.each([
    ['ECONNREFUSED', withCode('ECONNREFUSED'), UpstreamUnavailableError, true],
    ['ECONNRESET', withCode('ECONNRESET'), UpstreamUnavailableError, true],
    ['UND_ERR_SOCKET', withCode('UND_ERR_SOCKET'), UpstreamUnavailableError, true],
    ['EAI_AGAIN', withCode('EAI_AGAIN'), UpstreamUnavailableError, true],
    ['ENOTFOUND', withCode('ENOTFOUND'), UpstreamUnavailableError, false],
    ['UND_ERR_CLOSED', withCode('UND_ERR_CLOSED'), UpstreamUnavailableError, false],
    ['UND_ERR_HEADERS_TIMEOUT', withCode('UND_ERR_HEADERS_TIMEOUT'), UpstreamTimeoutError, false],
    ['UND_ERR_BODY_TIMEOUT', withCode('UND_ERR_BODY_TIMEOUT'), UpstreamTimeoutError, false],
    ['UND_ERR_ABORTED', withCode('UND_ERR_ABORTED'), UpstreamTimeoutError, false],
    [
      'DOMException TimeoutError',
      new DOMException('timed out', 'TimeoutError'),
      UpstreamTimeoutError,
      false,
    ],
    [
      'DOMException AbortError',
      new DOMException('aborted', 'AbortError'),
      UpstreamTimeoutError,
      false,
    ],
    [
      'AggregateError of ECONNREFUSED',
      new AggregateError([withCode('ECONNREFUSED')]),
      UpstreamUnavailableError,
      true,
    ],
  ])('%s', (_name, raw, type, retryable) => {
    const failure = toUpstreamFailure(raw, call, 1000);
    expect(failure.error).toBeInstanceOf(type);
    expect(failure.retryable).toBe(retryable);
    expect((failure.error as UpstreamError).call).toEqual(call);
  });

  it('keeps the status of a RequestRetryError', () => {
    const failure = toUpstreamFailure(
      withCode('UND_ERR_REQ_RETRY', { statusCode: 503 }),
      call,
      1000,
    );
    expect(failure.error).toBeInstanceOf(UpstreamHttpError);
    expect((failure.error as UpstreamHttpError).status).toBe(503);
  });

  it('returns an unknown error as is, so it is masked and logged', () => {
    const bug = new TypeError('boom');
    expect(toUpstreamFailure(bug, call, 1000)).toEqual({
      error: bug,
      outcome: 'unavailable',
      retryable: false,
    });
  });
});

type Handler = (req: IncomingMessage, res: ServerResponse, count: number) => void;

async function startServer(
  handler: Handler,
): Promise<{ url: string; server: Server; requests: () => number }> {
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    handler(req, res, count);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, requests: () => count };
}

async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('upstream client over a real socket', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  const serve = async (
    handler: Handler,
    options: { timeoutMs?: number; retries?: number; connections?: number } = {},
  ) => {
    const started = await startServer(handler);
    const client = createUpstreamClient({
      ...TRANSPORT,
      origin: started.url,
      retryMinDelayMs: 5,
      ...options,
    });
    cleanups.push(
      () => stopServer(started.server),
      () => client.close(),
    );
    return { ...started, client };
  };

  it('maps a refused port to UpstreamUnavailableError after bounded retries', async () => {
    const { url, server } = await startServer(() => undefined);
    await stopServer(server);
    const calls: UpstreamCallInfo[] = [];
    const client = createUpstreamClient({
      ...TRANSPORT,
      origin: url,
      retries: 2,
      retryMinDelayMs: 1,
      onCall: (c) => calls.push(c),
    });
    cleanups.push(() => client.close());
    const error = await rejection(client.request({ method: 'GET', path: PATH, route: ROUTE }));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).not.toContain('127.0.0.1');
    expect(calls.map((c) => c.outcome)).toEqual(['unavailable', 'unavailable', 'unavailable']);
  });

  it('retries a GET whose connection is reset, then succeeds', async () => {
    const { client, requests } = await serve((req, res, count) => {
      if (count === 1) req.socket.destroy();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await expect(
      client.request({ method: 'GET', path: PATH, route: ROUTE }),
    ).resolves.toMatchObject({ json: [] });
    expect(requests()).toBe(2);
  });

  it('times out a slow answer at the deadline', async () => {
    const { client } = await serve(() => undefined, { timeoutMs: 200 });
    const started = Date.now();
    const error = await rejection(client.request({ method: 'GET', path: PATH, route: ROUTE }));
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(HANG_MS);
  });

  it('times out a body that stalls after the headers', async () => {
    const { client } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
      },
      { timeoutMs: 200 },
    );
    const started = Date.now();
    await expect(
      client.request({ method: 'GET', path: PATH, route: ROUTE }),
    ).rejects.toBeInstanceOf(UpstreamTimeoutError);
    expect(Date.now() - started).toBeLessThan(HANG_MS);
  });

  it('ends a call queued behind a busy pool at its own deadline', async () => {
    const { client } = await serve(() => undefined, { timeoutMs: 300, connections: 1 });
    const started = Date.now();
    const results = await Promise.allSettled([
      client.request({ method: 'GET', path: PATH, route: ROUTE }),
      client.request({ method: 'GET', path: PATH, route: ROUTE }),
    ]);
    expect(
      results.map((r) => r.status === 'rejected' && r.reason instanceof UpstreamTimeoutError),
    ).toEqual([true, true]);
    expect(Date.now() - started).toBeLessThan(HANG_MS);
  });

  it('keeps one deadline across retries', async () => {
    const { client, requests } = await serve(
      (_req, res, count) => {
        if (count === 1) res.writeHead(503).end();
        // later attempts never answer
      },
      { timeoutMs: 300, retries: 5 },
    );
    const started = Date.now();
    await expect(
      client.request({ method: 'GET', path: PATH, route: ROUTE }),
    ).rejects.toBeInstanceOf(UpstreamTimeoutError);
    expect(Date.now() - started).toBeLessThan(HANG_MS);
    expect(requests()).toBe(2);
  });

  it('consumes every error body: one connection serves 20 error answers in a row', async () => {
    const body = JSON.stringify({ ...ENVELOPE, desc: 'x'.repeat(64 * 1024) });
    const { client } = await serve(
      (_req, res) => {
        res.writeHead(403, { 'content-type': 'application/json' }).end(body);
      },
      { connections: 1, timeoutMs: 2000 },
    );
    for (let i = 0; i < 20; i++) {
      const error = (await rejection(
        client.request({ method: 'GET', path: PATH, route: ROUTE }),
      )) as UpstreamHttpError;
      expect(error.status).toBe(403);
    }
    for (let i = 0; i < 20; i++) {
      await expect(
        client.request({ method: 'HEAD', path: PATH, route: ROUTE }),
      ).rejects.toBeInstanceOf(UpstreamHttpError);
    }
  });

  it('ping answers true when GET /csrf answers, false when the upstream is down', async () => {
    const { client } = await serve((req, res) => {
      if (req.url === '/csrf')
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"csrf_token":"x"}');
      else res.writeHead(404).end();
    });
    await expect(client.ping()).resolves.toBe(true);
    const { url, server } = await startServer(() => undefined);
    await stopServer(server);
    const down = createUpstreamClient({ ...TRANSPORT, origin: url, retries: 0 });
    cleanups.push(() => down.close());
    await expect(down.ping()).resolves.toBe(false);
  });
});
