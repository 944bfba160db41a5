// GET /auth/userinfo (upstream-api.md §13.11, D21): the 8 claims in Hydra's key order, `mid`
// being the identity id; self-client tokens with the cookie rules, no ACR check.
import {
  DEMO_ACCOUNT_IDS,
  DEMO_ACR2_TOKENS,
  DEMO_EXTRA_TOKENS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
} from '../../emulator/seed';
import { identity } from '../../emulator/seed-builders';
import { call, expectError, useEmulator } from './http';

const I = DEMO_IDENTITY_IDS;
const SCOPE = 'openid tos privacy_policy';

describe('GET /auth/userinfo', () => {
  const emu = useEmulator();
  const userinfo = (token: string) => call(emu(), 'GET', '/auth/userinfo', { token });

  it('alice (ACR 2): every claim, in order', async () => {
    const res = await userinfo(DEMO_TOKENS.alice);
    expect([res.status, res.text]).toEqual([
      200,
      JSON.stringify({
        acr: '2',
        aid: DEMO_ACCOUNT_IDS.alice,
        amr: ['prehashed_password'],
        email: 'alice@example.com',
        mid: I.alice,
        sco: SCOPE,
        sid: '',
        sub: I.alice,
      }),
    ]);
  });

  it('the acr and amr are the token\u2019s: bob\u2019s two tokens, one identity', async () => {
    const [acr1, acr2] = [
      (await userinfo(DEMO_TOKENS.bob)).json,
      (await userinfo(DEMO_ACR2_TOKENS.bob)).json,
    ];
    expect(acr1).toEqual({
      acr: '1',
      aid: DEMO_ACCOUNT_IDS.bob,
      amr: ['emailed_code'],
      email: 'bob@example.com',
      mid: I.bob,
      sco: SCOPE,
      sid: '',
      sub: I.bob,
    });
    expect(acr2).toEqual({ ...(acr1 as object), acr: '2', amr: ['prehashed_password'] });
    expect((await userinfo(DEMO_ACR2_TOKENS.eve)).json).toMatchObject({ acr: '2', mid: I.eve });
  });

  it('an identity with no account has aid ""', async () => {
    expect((await userinfo(DEMO_EXTRA_TOKENS.carol)).json).toMatchObject({ aid: '', mid: I.carol });
  });

  it('no token → 401 missing authorization; another client\u2019s → 401 unauthorized client', async () => {
    expectError(await call(emu(), 'GET', '/auth/userinfo'), 401, 'unauthorized');
    expectError(await userinfo(DEMO_EXTRA_TOKENS.otherClient), 401, 'unauthorized', {}, 'cookies');
    const machine = await call(emu(), 'GET', '/auth/userinfo', {
      bearer: DEMO_EXTRA_TOKENS.machine,
    });
    expectError(machine, 401, 'unauthorized', {}, 'cookies');
  });

  it('a user token in the Authorization header → 401, as on every route', async () => {
    const res = await call(emu(), 'GET', '/auth/userinfo', { bearer: DEMO_TOKENS.bob });
    expectError(res, 401, 'unauthorized');
    expect((res.json as { desc: string }).desc).toBe(
      'access token must be sent using cookies and a csrf token',
    );
  });

  it('only GET is routed', async () => {
    const res = await call(emu(), 'POST', '/auth/userinfo', { token: DEMO_TOKENS.bob });
    expectError(res, 405, 'method_not_allowed');
  });
});

describe('userinfo claims a seed sets', () => {
  const zed = identity('zed', {
    acr: 0,
    accountId: 'acc00000-0000-4000-8000-00000000000f',
    amr: ['browser_cookie'],
    subject: 'hydra-subject-of-zed',
  });
  const emu = useEmulator(() => ({ identities: [zed], boxes: [] }));

  it('amr and sub come from the fixture; no ACR check (an ACR-0 token passes)', async () => {
    const res = await call(emu(), 'GET', '/auth/userinfo', { token: zed.token });
    expect(res.json).toEqual({
      acr: '0',
      aid: 'acc00000-0000-4000-8000-00000000000f',
      amr: ['browser_cookie'],
      email: 'zed@example.com',
      mid: zed.id,
      sco: SCOPE,
      sid: '',
      sub: 'hydra-subject-of-zed',
    });
  });
});
