// Token transport, client and ACR checks, CSRF double submit and the order they run in (§1.2, §2).
import { DEMO_BOX_IDS, DEMO_EXTRA_TOKENS, DEMO_TOKENS } from '../../emulator/seed';
import { box, identity, text } from '../../emulator/seed-builders';
import { batchPath, call, eventsPath, expectError, filesPath, useEmulator } from './http';

const WELCOME = DEMO_BOX_IDS.welcome;
const { alice, bob, eve } = DEMO_TOKENS;
const descOf = (json: unknown) => (json as { desc: string }).desc;

describe('authentication (§2.2)', () => {
  const emu = useEmulator();
  const get = (cookies: Record<string, string>, headers: Record<string, string> = {}) =>
    call(emu(), 'GET', eventsPath(WELCOME, '?limit=1'), { cookies, headers });

  it.each([
    ['no cookie and no header', {}],
    ['accesstoken without tokentype', { accesstoken: bob }],
    ['tokentype without accesstoken', { tokentype: 'bearer' }],
  ])('%s → 401 missing authorization', async (_name, cookies) => {
    const res = await get(cookies);
    expectError(res, 401, 'unauthorized');
    expect(descOf(res.json)).toBe('missing authorization');
  });

  it.each([
    ['tokentype other than bearer', { accesstoken: bob, tokentype: 'Bearer' }],
    ['empty accesstoken', { accesstoken: '', tokentype: 'bearer' }],
  ])('%s → 401 instead of the upstream 500 (§0 decision 10)', async (_name, cookies) => {
    expectError(await get(cookies), 401, 'unauthorized');
  });

  it('unknown cookie token → 401 token is not active, origin headers', async () => {
    const res = await get({ accesstoken: 'nope', tokentype: 'bearer' });
    expectError(res, 401, 'unauthorized', { Authorization: 'invalid' }, 'headers');
    expect(descOf(res.json)).toBe('token is not active');
  });

  it('unknown bearer token → the same 401', async () => {
    const res = await get({}, { authorization: 'Bearer nope' });
    expectError(res, 401, 'unauthorized', { Authorization: 'invalid' }, 'headers');
  });

  it('a user token in Authorization is refused: users must send cookies', async () => {
    const res = await call(emu(), 'POST', eventsPath(WELCOME), {
      bearer: eve,
      body: { type: 'member.join' },
    });
    expectError(res, 401, 'unauthorized');
    expect(descOf(res.json)).toBe('access token must be sent using cookies and a csrf token');
  });

  it('Bearer header and cookies together → 401 too much way of giving authorization', async () => {
    const res = await call(emu(), 'GET', eventsPath(WELCOME, '?limit=1'), {
      token: bob,
      bearer: DEMO_EXTRA_TOKENS.machine,
    });
    expectError(res, 401, 'unauthorized');
    expect(descOf(res.json)).toBe('too much way of giving authorization');
  });

  it('a machine token as Bearer works on POST /events (any client) and skips CSRF', async () => {
    const res = await call(emu(), 'POST', eventsPath(WELCOME), {
      bearer: DEMO_EXTRA_TOKENS.machine,
      body: { type: 'member.join' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it.each([
    ['GET', eventsPath(WELCOME, '?limit=1')],
    ['GET', filesPath(WELCOME, '?limit=1')],
    ['HEAD', eventsPath(WELCOME)],
    ['HEAD', filesPath(WELCOME)],
    ['POST', batchPath(WELCOME)],
  ])('a token of another OAuth client on %s %s → 401 unauthorized client', async (method, path) => {
    const res = await call(emu(), method, path, { token: DEMO_EXTRA_TOKENS.otherClient, body: {} });
    expect(res.status).toBe(401);
    if (method !== 'HEAD') {
      expectError(res, 401, 'unauthorized', {}, 'cookies');
      expect(descOf(res.json)).toBe('unauthorized client');
    }
  });

  it('accepts another client on POST /events (endpoint 1 is any-client)', async () => {
    const res = await call(emu(), 'POST', eventsPath(WELCOME), {
      token: DEMO_EXTRA_TOKENS.otherClient,
      body: { type: 'member.join' },
    });
    expect(res.status).toBe(201);
  });

  it('junk Authorization plus cookies authenticates by cookie and bypasses CSRF (§2.3 side effect)', async () => {
    const res = await call(emu(), 'POST', eventsPath(WELCOME), {
      token: eve,
      csrf: false,
      headers: { authorization: 'junk' },
      body: { type: 'member.join' },
    });
    expect(res.status).toBe(201);
  });
});

describe('ACR (§2.2)', () => {
  const weak = identity('weak', { acr: 0 });
  const emu = useEmulator(() => ({
    identities: [weak],
    boxes: [box('Mine', weak, { events: [text(weak)] })],
  }));

  it('batch-events needs ACR 2: an ACR-1 caller gets 403 origin acr, required_acr "2"', async () => {
    const { startEmulator } = await import('../../emulator/emulator');
    const demo = await startEmulator();
    try {
      const res = await call(demo, 'POST', batchPath(WELCOME), {
        token: bob,
        body: { batch_type: 'lol' },
      });
      expectError(res, 403, 'forbidden', { acr: 'forbidden', required_acr: '2' }, 'acr');
      expect(descOf(res.json)).toBe('acr is too low');
    } finally {
      await demo.close();
    }
  });

  it.each([
    ['GET', eventsPath(box('Mine', weak).id, '?limit=1')],
    ['POST', eventsPath(box('Mine', weak).id)],
  ])('below ACR 1 → 403 origin acr, required_acr "1" on %s', async (method, path) => {
    const res = await call(emu(), method, path, { token: weak.token, body: { type: 'msg.text' } });
    expectError(res, 403, 'forbidden', { acr: 'forbidden', required_acr: '1' }, 'acr');
  });

  it('HEAD below ACR 1 → 403 without body', async () => {
    const res = await call(emu(), 'HEAD', eventsPath(box('Mine', weak).id), { token: weak.token });
    expect([res.status, res.text]).toEqual([403, '']);
  });
});

describe('CSRF (§2.3)', () => {
  const emu = useEmulator();
  const post = (cookies: Record<string, string>, headers: Record<string, string>) =>
    call(emu(), 'POST', eventsPath(WELCOME), {
      token: eve,
      csrf: false,
      cookies,
      headers,
      body: { type: 'member.join' },
    });

  it.each([
    ['neither cookie nor header', {}, {}],
    ['header without cookie', {}, { 'x-csrf-token': 'abc' }],
    ['cookie without header', { _csrf: 'abc' }, {}],
    ['cookie and header differ', { _csrf: 'abc' }, { 'x-csrf-token': 'abd' }],
  ])('%s → 403 csrf_token invalid', async (_name, cookies, headers) => {
    const res = await post(cookies, headers);
    expectError(res, 403, 'forbidden', { csrf_token: 'invalid' });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('matching cookie and header (header name case-insensitive) passes and refreshes the cookie', async () => {
    const res = await post({ _csrf: 'abc' }, { 'X-CSRF-TOKEN': 'abc' });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toMatch(
      /^_csrf=abc; Path=\/; Expires=.*; HttpOnly; Secure$/,
    );
  });

  it('is not checked on GET or HEAD, which still get a _csrf cookie', async () => {
    const get = await call(emu(), 'GET', eventsPath(WELCOME, '?limit=1'), { token: bob });
    const head = await call(emu(), 'HEAD', eventsPath(WELCOME), { token: bob });
    expect([get.status, head.status]).toEqual([200, 204]);
    expect(get.headers.get('set-cookie')).toMatch(/^_csrf=[A-Za-z0-9]{32}; /);
  });
});

describe('processing order (§1.2)', () => {
  const emu = useEmulator();

  it('CSRF before authentication: no token and no CSRF → 403 csrf', async () => {
    const res = await call(emu(), 'POST', eventsPath(WELCOME), {
      csrf: false,
      body: { type: 'x' },
    });
    expectError(res, 403, 'forbidden', { csrf_token: 'invalid' });
  });

  it('authentication before validation: bad box id without a token → 401', async () => {
    const res = await call(emu(), 'GET', eventsPath('bad', '?limit=-1'));
    expectError(res, 401, 'unauthorized');
  });

  it('ACR before validation: an ACR-1 batch with an invalid body → 403 acr', async () => {
    const res = await call(emu(), 'POST', batchPath('bad'), {
      token: bob,
      body: { batch_type: 1 },
    });
    expect((res.json as { origin: string }).origin).toBe('acr');
  });

  it('validation before membership: a non-member sending limit=-1 gets 400, not 403', async () => {
    const res = await call(emu(), 'GET', eventsPath(DEMO_BOX_IDS.closed, '?limit=-1'), {
      token: eve,
    });
    expectError(res, 400, 'bad_request', { '-': 'invalid' });
  });

  it('alice (ACR 2) passes every check on batch-events', async () => {
    const res = await call(emu(), 'POST', batchPath(WELCOME), {
      token: alice,
      body: {
        batch_type: 'accesses',
        events: [
          { type: 'access.add', content: { restriction_type: 'email_domain', value: 'x.org' } },
        ],
      },
    });
    expect(res.status).toBe(201);
  });
});
