// Fault injection, the request log, latency and close() (the programmatic API's contract).
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator/seed';
import { CSRF, call, eventsPath, filesPath, useEmulator } from './http';
import { waitFor } from '../helpers/wait-for';

const WELCOME = DEMO_BOX_IDS.welcome;
const { bob } = DEMO_TOKENS;
const list = eventsPath(WELCOME, '?limit=2');

const getList = (emu: Emulator) => call(emu, 'GET', list, { token: bob });
const countHead = (emu: Emulator) => call(emu, 'HEAD', eventsPath(WELCOME), { token: bob });

describe('fault injection', () => {
  const emu = useEmulator();

  it('status: answers the status with the upstream envelope by default, then serves normally', async () => {
    emu().failNext({ path: eventsPath(WELCOME), fault: { kind: 'status', status: 503 } });
    const faulted = await getList(emu());
    expect([faulted.status, faulted.text]).toEqual([
      503,
      '{"code":"internal","origin":"not_defined","desc":"Service Unavailable","details":{}}',
    ]);
    expect(faulted.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect((await getList(emu())).status).toBe(200);
  });

  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [404, 'not_found'],
    [409, 'conflict'],
    [500, 'internal'],
    [502, 'internal'],
  ])('status %i defaults to code %s', async (status, code) => {
    emu().failNext({ fault: { kind: 'status', status } });
    expect(((await getList(emu())).json as { code: string }).code).toBe(code);
  });

  it('status: sends a given body (a string verbatim) and no body on HEAD', async () => {
    emu().failNext({
      method: 'GET',
      fault: { kind: 'status', status: 500, body: { custom: true } },
    });
    expect((await getList(emu())).json).toEqual({ custom: true });
    emu().failNext({ fault: { kind: 'status', status: 502, body: 'Bad gateway' } });
    expect((await getList(emu())).text).toBe('Bad gateway');
    emu().failNext({ method: 'HEAD', fault: { kind: 'status', status: 503 } });
    const head = await countHead(emu());
    expect([head.status, head.text, head.headers.get('x-total-count')]).toEqual([503, '', null]);
  });

  it('does not run the handler: a faulted POST creates nothing', async () => {
    emu().failNext({ method: 'POST', fault: { kind: 'status', status: 500 } });
    const before = (await countHead(emu())).headers.get('x-total-count');
    await call(emu(), 'POST', eventsPath(WELCOME), {
      token: bob,
      body: { type: 'msg.text', content: { encrypted: 'YQ', public_key: 'k' } },
    });
    expect((await countHead(emu())).headers.get('x-total-count')).toBe(before);
  });

  it('reset: destroys the socket without answering, then serves normally', async () => {
    emu().failNext({ fault: { kind: 'reset' } });
    await expect(getList(emu())).rejects.toThrow();
    expect((await getList(emu())).status).toBe(200);
  });

  it('reset-mid-body: 200 headers, part of a body, then a destroyed socket', async () => {
    emu().failNext({ fault: { kind: 'reset-mid-body' } });
    const res = await fetch(`${emu().url}${list}`, {
      headers: { cookie: `accesstoken=${bob}; tokentype=bearer` },
    });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await getList(emu())).status).toBe(200);
  });

  it('delay: waits, then answers normally', async () => {
    emu().failNext({ fault: { kind: 'delay', ms: 150 } });
    const started = Date.now();
    const res = await getList(emu());
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((res.json as unknown[]).length).toBe(2);
  });

  it('garbage: 200 on GET, 201 on POST, 204 with X-Total-Count "lots" on HEAD, never JSON', async () => {
    emu().failNext({ times: 3, fault: { kind: 'garbage' } });
    const get = await getList(emu());
    const post = await call(emu(), 'POST', eventsPath(WELCOME), { token: bob, body: {} });
    const head = await countHead(emu());
    expect([get.status, post.status, head.status]).toEqual([200, 201, 204]);
    expect(() => JSON.parse(get.text)).toThrow();
    expect(() => JSON.parse(post.text)).toThrow();
    expect(head.headers.get('x-total-count')).toBe('lots');
    expect((await getList(emu())).status).toBe(200);
  });

  it('no-total-count: HEAD answered 204 without X-Total-Count', async () => {
    emu().failNext({ method: 'HEAD', fault: { kind: 'no-total-count' } });
    const head = await countHead(emu());
    expect([head.status, head.headers.get('x-total-count')]).toEqual([204, null]);
    expect((await countHead(emu())).headers.get('x-total-count')).toBe('17');
  });

  it('matches method, exact path and RegExp; rules apply in the order added; times counts uses', async () => {
    const e = emu();
    e.failNext({ method: 'HEAD', fault: { kind: 'status', status: 500 } });
    e.failNext({ path: /\/files$/, times: 2, fault: { kind: 'status', status: 502 } });
    e.failNext({ path: filesPath(WELCOME), fault: { kind: 'status', status: 504 } });
    expect((await getList(e)).status).toBe(200); // GET /events matches nothing
    const files = () => call(e, 'GET', filesPath(WELCOME, '?limit=1'), { token: bob });
    expect([
      (await files()).status,
      (await files()).status,
      (await files()).status,
      (await files()).status,
    ]).toEqual([502, 502, 504, 200]);
    expect((await countHead(e)).status).toBe(500);
    expect((await countHead(e)).status).toBe(204);
  });

  it('times: Infinity keeps failing until clearFaults()', async () => {
    emu().failNext({ times: Infinity, fault: { kind: 'status', status: 503 } });
    for (let i = 0; i < 3; i += 1) expect((await getList(emu())).status).toBe(503);
    emu().clearFaults();
    expect((await getList(emu())).status).toBe(200);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses times %p', (times) => {
    expect(() => emu().failNext({ times, fault: { kind: 'reset' } })).toThrow(TypeError);
  });

  it('refuses a status outside 100-599 and a negative delay', () => {
    expect(() => emu().failNext({ fault: { kind: 'status', status: 42 } })).toThrow(TypeError);
    expect(() => emu().failNext({ fault: { kind: 'delay', ms: -1 } })).toThrow(TypeError);
  });
});

describe('request log', () => {
  const emu = useEmulator();

  it('records every request with parsed query, cookies, lowercased headers and body', async () => {
    await call(emu(), 'POST', eventsPath(WELCOME, '?a=1&a=2&b='), {
      token: bob,
      headers: { 'X-Custom': 'Yes' },
      body: { type: 'member.leave' },
    });
    expect(emu().requests).toEqual([
      {
        method: 'POST',
        path: eventsPath(WELCOME),
        route: '/boxes/:id/events',
        query: { a: '1', b: '' },
        cookies: { accesstoken: bob, tokentype: 'bearer', _csrf: CSRF },
        headers: expect.objectContaining({
          'x-custom': 'Yes',
          'x-csrf-token': CSRF,
          'content-type': 'application/json',
          cookie: `accesstoken=${bob}; tokentype=bearer; _csrf=${CSRF}`,
        }),
        body: { type: 'member.leave' },
      },
    ]);
  });

  it('keeps raw text bodies, undefined for no body, and records 404s and faulted requests in order', async () => {
    emu().failNext({ path: '/faulted', fault: { kind: 'reset' } });
    await call(emu(), 'POST', '/nowhere', {
      rawBody: 'not json',
      headers: { 'content-type': 'text/plain' },
    });
    await expect(call(emu(), 'GET', '/faulted')).rejects.toThrow();
    await call(emu(), 'HEAD', eventsPath(WELCOME), { token: bob });
    expect(emu().requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/nowhere', 'not json'],
      ['GET', '/faulted', undefined],
      ['HEAD', eventsPath(WELCOME), undefined],
    ]);
  });

  it('clearRequests empties the same array', async () => {
    const log = emu().requests;
    await getList(emu());
    emu().clearRequests();
    expect(log).toHaveLength(0);
    await getList(emu());
    expect(emu().requests).toBe(log);
    expect(log).toHaveLength(1);
  });
});

describe('options and lifecycle', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('recordRequests: false keeps the log empty', async () => {
    emu = await startEmulator({ recordRequests: false });
    await getList(emu);
    expect(emu.requests).toEqual([]);
  });

  it('latencyMs delays every answer; setLatency changes it at run time', async () => {
    // A latency of a second, so that "no longer delayed" can be a comparison with it rather
    // than a bound a loaded machine (two busy loops on two cores) could miss.
    emu = await startEmulator({ latencyMs: 1000 });
    let started = Date.now();
    await getList(emu);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    emu.setLatency(0);
    started = Date.now();
    await getList(emu);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(() => emu?.setLatency(-1)).toThrow(TypeError);
  });

  it('url is http://127.0.0.1:<port> without trailing slash; a fixed port is honoured', async () => {
    const probe = await startEmulator();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    emu = await startEmulator({ port });
    expect(emu.url).toBe(`http://127.0.0.1:${port}`);
  });

  it('close() destroys keep-alive sockets and pending delayed answers, and is idempotent', async () => {
    emu = await startEmulator();
    await getList(emu); // leaves a keep-alive socket open in fetch's pool
    emu.failNext({ fault: { kind: 'delay', ms: 60_000 } });
    const pending = getList(emu).catch((err: unknown) => err);
    await waitFor('the delayed request', () => emu!.requests.length === 2);
    const started = Date.now();
    await emu.close();
    await emu.close();
    // Well before the 60 s answer it cuts short; generous for a loaded machine.
    expect(Date.now() - started).toBeLessThan(10_000);
    // fetch's TypeError comes from another realm than jest's, so check by shape.
    expect(await pending).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    await expect(getList(emu)).rejects.toThrow();
    emu = undefined;
  });
});
