// Routing, the error envelope's shape, HEAD without bodies, GET /csrf (§1.1–§1.3, §2.3).
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator/seed';
import { call, expectError, useEmulator } from './http';

const WELCOME = DEMO_BOX_IDS.welcome;
const alice = DEMO_TOKENS.alice;

describe('routing', () => {
  const emu = useEmulator();

  it('answers an unknown route with the echo 404 envelope, byte for byte', async () => {
    const res = await call(emu(), 'GET', '/nope', { token: alice });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(res.text).toBe(
      '{"code":"not_found","origin":"not_defined","desc":"Not Found","details":{}}',
    );
  });

  it.each([
    ['PUT', `/boxes/${WELCOME}/events`],
    ['DELETE', `/boxes/${WELCOME}/files`],
    ['GET', `/boxes/${WELCOME}/batch-events`],
    ['POST', '/csrf'],
  ])('answers %s %s with 405 method_not_allowed', async (method, path) => {
    const res = await call(emu(), method, path, { token: alice });
    expectError(res, 405, 'method_not_allowed');
  });

  it('404s a trailing slash and an extra segment', async () => {
    expect((await call(emu(), 'GET', `/boxes/${WELCOME}/events/`, { token: alice })).status).toBe(
      404,
    );
    expect((await call(emu(), 'GET', `/boxes/${WELCOME}/events/x`, { token: alice })).status).toBe(
      404,
    );
  });

  it('never puts a body on HEAD, errors included', async () => {
    for (const path of [
      '/nope',
      `/boxes/NOT-A-UUID/events`,
      `/boxes/${DEMO_BOX_IDS.closed}/files`,
    ]) {
      const res = await call(emu(), 'HEAD', path, { token: DEMO_TOKENS.bob });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.text).toBe('');
      expect(res.headers.get('content-length') ?? '0').toBe('0');
    }
  });

  it('runs the global CSRF middleware before routing, so an unknown POST without a token is 403', async () => {
    const res = await call(emu(), 'POST', '/nope', { token: alice, csrf: false });
    expectError(res, 403, 'forbidden', { csrf_token: 'invalid' });
  });
});

describe('GET /csrf', () => {
  const emu = useEmulator();

  it('needs no authentication, returns a fresh 32-character token and sets it as the _csrf cookie', async () => {
    const res = await call(emu(), 'GET', '/csrf');
    expect(res.status).toBe(200);
    const token = (res.json as { csrf_token: string }).csrf_token;
    expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie.startsWith(`_csrf=${token}; Path=/; Expires=`)).toBe(true);
    expect(cookie).toMatch(/; HttpOnly; Secure$/);
    expect(res.headers.get('vary')).toBe('Cookie');
  });

  it('echoes and refreshes an existing _csrf cookie', async () => {
    const res = await call(emu(), 'GET', '/csrf', { cookies: { _csrf: 'mine' } });
    expect(res.json).toEqual({ csrf_token: 'mine' });
    expect(res.headers.get('set-cookie')).toMatch(/^_csrf=mine; Path=\/; Expires=/);
  });

  it('gives a token that makes the next POST pass', async () => {
    const first = await call(emu(), 'GET', '/csrf');
    const token = (first.json as { csrf_token: string }).csrf_token;
    const res = await call(emu(), 'POST', `/boxes/${WELCOME}/events`, {
      token: DEMO_TOKENS.eve,
      csrf: false,
      cookies: { _csrf: token },
      headers: { 'x-csrf-token': token },
      body: { type: 'member.join' },
    });
    expect(res.status).toBe(201);
  });
});

describe('the request log names each route by its template (upstream-api.md §13.1)', () => {
  const emu = useEmulator();
  const B = DEMO_BOX_IDS.archive;
  const ID = 'b0b00000-0000-4000-8000-000000000002';
  const FILE = 'f0000000-0000-4000-8000-000000000001';

  it.each([
    ['GET', '/boxes/joined', '/boxes/joined'],
    ['HEAD', '/boxes/joined', '/boxes/joined'],
    ['POST', '/boxes', '/boxes'],
    ['GET', `/boxes/${B}`, '/boxes/:id'],
    ['DELETE', '/boxes/joined', '/boxes/:id'],
    ['GET', `/boxes/${B}/public`, '/boxes/:id/public'],
    ['GET', `/boxes/${B}/members`, '/boxes/:id/members'],
    ['GET', `/boxes/${B}/accesses`, '/boxes/:id/accesses'],
    ['POST', `/boxes/${B}/encrypted-files`, '/boxes/:bid/encrypted-files'],
    ['GET', `/encrypted-files/${FILE}`, '/encrypted-files/:id'],
    ['PUT', `/boxes/${B}/new-events-count/ack`, '/boxes/:id/new-events-count/ack'],
    ['GET', `/box-users/${ID}/boxes/${B}/settings`, '/box-users/:id/boxes/:bid/settings'],
    ['PUT', `/box-users/${ID}/boxes/${B}/settings`, '/box-users/:id/boxes/:bid/settings'],
    ['GET', '/auth/userinfo', '/auth/userinfo'],
    ['GET', `/boxes/${B}/events`, '/boxes/:id/events'],
    ['POST', '/boxes/joined', '/boxes/joined'],
  ])('%s %s → %s', async (method, path, template) => {
    await call(emu(), method, path, { token: alice, body: {} });
    expect(emu().requests.map((r) => [r.method, r.path, r.route])).toEqual([
      [method, path, template],
    ]);
  });

  it('an unknown path has no route', async () => {
    await call(emu(), 'GET', '/nope');
    expect(emu().requests.map((r) => 'route' in r)).toEqual([false]);
  });

  it('POST /boxes/joined matches the static route, which has no POST: 405', async () => {
    expectError(
      await call(emu(), 'POST', '/boxes/joined', { token: alice }),
      405,
      'method_not_allowed',
    );
  });
});
