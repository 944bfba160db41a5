// GET/HEAD /boxes/joined, GET /boxes/:id and GET /boxes/:id/public (upstream-api.md §13.2–§13.4,
// §13.12 D3–D6): which boxes, in which order, the box view key by key, paging, and every error
// of §13.14 for these routes in the upstream's order.
import { benchSeed, DASHBOARD_SIZE } from '../../emulator/bench-seed';
import {
  DEMO_ACR2_TOKENS,
  DEMO_BOX_IDS,
  DEMO_EXTRA_TOKENS,
  DEMO_IDENTITY_IDS,
  DEMO_SHARE_HASH,
  DEMO_TOKENS,
  DEMO_UNREAD,
} from '../../emulator/seed';
import { box, identity } from '../../emulator/seed-builders';
import { SEED_ORG_ID } from '../../emulator/seed-loader';
import {
  acrTooLow,
  BARE_403,
  call,
  eventsPath,
  expectError,
  NOT_MEMBER,
  useEmulator,
  type Res,
} from './http';

const { welcome: W, archive: A, closed: C } = DEMO_BOX_IDS;
const I = DEMO_IDENTITY_IDS;
const { alice, bob, eve } = DEMO_TOKENS;
const bob2 = DEMO_ACR2_TOKENS.bob;
const eve2 = DEMO_ACR2_TOKENS.eve;
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';

type View = Record<string, unknown>;
const ids = (res: Res) => (res.json as View[]).map((b) => b.id);
const total = (res: Res) => [res.status, res.headers.get('x-total-count'), res.text];

describe('GET /boxes/joined: the caller\u2019s boxes', () => {
  const emu = useEmulator();
  const joined = (token: string, query = '') =>
    call(emu(), 'GET', `/boxes/joined${query}`, { token });

  it('created or joined, newest visible event first; a kicked member no longer sees the box', async () => {
    expect(ids(await joined(alice))).toEqual([C, A, W]);
    expect(ids(await joined(bob2))).toEqual([A, W]);
    expect(await joined(eve2)).toMatchObject({ status: 200, json: [] });
  });

  it('each element is the box view, keys in upstream order; events_count differs per user', async () => {
    const [aliceWelcome] = (await joined(alice, '?offset=2&limit=1')).json as View[];
    const newest = (await call(emu(), 'GET', eventsPath(W, '?limit=1'), { token: alice }))
      .json as View[];
    expect(Object.keys(aliceWelcome ?? {})).toEqual([
      'id',
      'server_created_at',
      'owner_org_id',
      'datatag_id',
      'public_key',
      'title',
      'access_mode',
      'subject',
      'creator',
      'last_event',
      'events_count',
      'settings',
    ]);
    expect(aliceWelcome).toEqual({
      id: W,
      server_created_at: '2021-03-01T09:00:00Z',
      owner_org_id: SEED_ORG_ID,
      datatag_id: null,
      public_key: 'box-public-key-1',
      title: 'Welcome',
      access_mode: 'public',
      subject: null,
      // Transparent for the creator only.
      creator: {
        id: I.alice,
        display_name: 'Alice Martin',
        avatar_url: 'https://avatars.example.com/alice.png',
        identifier_value: 'alice@example.com',
        identifier_kind: 'email',
      },
      last_event: newest[0],
      events_count: DEMO_UNREAD.alice.welcome,
      settings: { identity_id: I.alice, box_id: W, muted: false },
    });
    const bobs = (await joined(bob2)).json as View[];
    expect(bobs.map((b) => [b.title, b.events_count, b.access_mode])).toEqual([
      ['Archive', DEMO_UNREAD.bob.archive, 'limited'],
      ['Welcome', DEMO_UNREAD.bob.welcome, 'public'],
    ]);
    expect(bobs[1]?.creator).toMatchObject({ identifier_value: '', identifier_kind: '' });
    expect(bobs[1]?.settings).toEqual({ identity_id: I.bob, box_id: W, muted: false });
  });

  it('pages in memory: offset and limit over the ordered list, offset past the end gives []', async () => {
    expect(ids(await joined(alice, '?offset=1&limit=1'))).toEqual([A]);
    expect(ids(await joined(alice, '?offset=1'))).toEqual([A, W]);
    expect(await joined(alice, '?offset=3')).toMatchObject({ status: 200, json: [] });
    expect(ids(await joined(alice, '?limit=&offset='))).toEqual([C, A, W]);
  });

  it('filters: the own org or an empty datatag list everything; another org lists nothing (D3, D4)', async () => {
    expect(ids(await joined(alice, `?owner_org_id=${SEED_ORG_ID}`))).toEqual([C, A, W]);
    expect(ids(await joined(alice, '?datatag_id='))).toEqual([C, A, W]);
    expect((await joined(alice, `?owner_org_id=${UNKNOWN}`)).json).toEqual([]);
  });

  it('a new message moves its box to the top', async () => {
    const res = await call(emu(), 'POST', eventsPath(W), {
      token: bob,
      body: { type: 'msg.text', content: { encrypted: 'aGk', public_key: 'pk' } },
    });
    expect(res.status).toBe(201);
    expect(ids(await joined(alice))).toEqual([W, C, A]);
  });

  describe('errors, in order: auth, ACR 2, bind (origin query), validation under "-", datatag', () => {
    it.each([
      ['an ACR-1 token, even with a bad limit', bob, '?limit=abc', 403, acrTooLow(2)],
      ['a non-integer limit', alice, '?limit=abc', 400, null],
      ['a non-integer offset, before a bad org', alice, '?offset=1.5&owner_org_id=x', 400, null],
    ])('%s', async (_name, token, query, status, body) => {
      const res = await joined(token, query);
      if (body) expect([res.status, res.json]).toEqual([status, body]);
      else expectError(res, 400, 'bad_request', {}, 'query');
    });

    it.each([
      ['owner_org_id=x', 'malformed'],
      ['datatag_id=NOT-A-UUID', 'malformed'],
      ['offset=-1', 'invalid'],
      ['limit=-1', 'invalid'],
      ['owner_org_id=x&limit=-1', 'invalid'],
      ['offset=-1&owner_org_id=x', 'invalid'],
    ])('%s → 400 {"-": "%s"}, the last failing field in declaration order', async (q, value) => {
      expectError(await joined(alice, `?${q}`), 400, 'bad_request', { '-': value });
    });

    it('a well-formed datatag_id → 404 datatag_id not_found (none exist, D4)', async () => {
      expectError(await joined(alice, `?datatag_id=${UNKNOWN}`), 404, 'not_found', {
        datatag_id: 'not_found',
      });
    });

    it('no token → 401; another OAuth client\u2019s token → 401 unauthorized client', async () => {
      expectError(await call(emu(), 'GET', '/boxes/joined'), 401, 'unauthorized');
      expectError(await joined(DEMO_EXTRA_TOKENS.otherClient), 401, 'unauthorized', {}, 'cookies');
    });
  });
});

describe('HEAD /boxes/joined: the unpaginated count', () => {
  const emu = useEmulator();
  const head = (token: string, query = '') =>
    call(emu(), 'HEAD', `/boxes/joined${query}`, { token });

  it('counts per caller and ignores offset and limit entirely', async () => {
    expect(total(await head(alice))).toEqual([204, '3', '']);
    expect(total(await head(bob2, '?offset=5&limit=abc'))).toEqual([204, '2', '']);
    expect(total(await head(eve2))).toEqual([204, '0', '']);
    expect(total(await head(alice, `?owner_org_id=${UNKNOWN}`))).toEqual([204, '0', '']);
  });

  it.each([
    ['ACR 1', bob, '', 403],
    ['bad org', alice, '?owner_org_id=x', 400],
    ['datatag', alice, `?datatag_id=${UNKNOWN}`, 404],
  ])('%s → its status with no body', async (_name, token, query, status) => {
    const res = await head(token, query);
    expect([res.status, res.text, res.headers.get('x-total-count')]).toEqual([status, '', null]);
  });
});

describe('the page size (D6): default 10, limit=0 is 10 too, no maximum', () => {
  const emu = useEmulator(benchSeed);
  const all = DASHBOARD_SIZE + 3;

  it.each([
    ['', 10],
    ['?limit=0', 10],
    ['?limit=1000', all],
    ['?offset=20', all - 20],
  ])('GET /boxes/joined%s → %d boxes', async (query, n) => {
    const res = await call(emu(), 'GET', `/boxes/joined${query}`, { token: alice });
    expect((res.json as View[]).length).toBe(n);
  });

  it('HEAD counts them all', async () => {
    const res = await call(emu(), 'HEAD', '/boxes/joined', { token: alice });
    expect(res.headers.get('x-total-count')).toBe(String(all));
  });
});

describe('GET /boxes/:id', () => {
  const emu = useEmulator();
  const get = (token: string, id: string) => call(emu(), 'GET', `/boxes/${id}`, { token });

  it('a member gets the view; it equals the list element', async () => {
    const res = await get(bob, A);
    const listed = (await call(emu(), 'GET', '/boxes/joined', { token: bob2 })).json as View[];
    expect([res.status, res.json]).toEqual([200, listed[0]]);
  });

  it.each([
    ['not a UUID', 'YOU_KNOW_IM_BAD'],
    ['uppercase', W.toUpperCase()],
  ])('%s → 400 box_id malformed', async (_name, id) => {
    expectError(await get(alice, id), 400, 'bad_request', { box_id: 'malformed' });
  });

  it('unknown box → 403 bare', async () => {
    expect((await get(alice, UNKNOWN)).json).toEqual(BARE_403);
  });

  it('a non-member who could join (public box) → 403 not_member', async () => {
    const res = await get(eve, W);
    expect([res.status, res.json]).toEqual([403, NOT_MEMBER]);
  });

  it('a non-member no rule matches → 403 no_access, must match a restriction rule', async () => {
    const res = await get(eve, C);
    expect([res.status, res.json]).toEqual([
      403,
      {
        code: 'forbidden',
        origin: 'not_defined',
        desc: 'must match a restriction rule',
        details: { reason: 'no_access' },
      },
    ]);
  });

  it('a kicked member whose rule was removed → no_access too', async () => {
    expect((await get(bob, C)).json).toMatchObject({ details: { reason: 'no_access' } });
  });

  it('DELETE /boxes/joined reaches DeleteBox with id "joined" → 400 box_id malformed', async () => {
    const res = await call(emu(), 'DELETE', '/boxes/joined', {
      token: alice,
      body: { user_confirmation: 'delete' },
    });
    expectError(res, 400, 'bad_request', { box_id: 'malformed' });
  });
});

describe('GET /boxes/:id of a box with no access rule at all', () => {
  const ann = identity('ann', { acr: 2 });
  const ben = identity('ben');
  const lonely = box('Lonely', ann);
  const emu = useEmulator(() => ({ identities: [ann, ben], boxes: [lonely] }));

  it('→ 403 no_access, must be an admin', async () => {
    const res = await call(emu(), 'GET', `/boxes/${lonely.id}`, { token: ben.token });
    expect(res.json).toEqual({
      code: 'forbidden',
      origin: 'not_defined',
      desc: 'must be an admin',
      details: { reason: 'no_access' },
    });
  });

  it('a custom seed\u2019s boxes belong to the default organisation (D3)', async () => {
    const res = await call(emu(), 'GET', `/boxes/${lonely.id}`, { token: ann.token });
    expect((res.json as View).owner_org_id).toBe('cc411b8f-28bf-4d4e-abd9-99226b41da27');
  });
});

describe('GET /boxes/:id/public: the invitation view, no token', () => {
  const emu = useEmulator();
  const pub = (id: string, query: string) => call(emu(), 'GET', `/boxes/${id}/public${query}`);

  it('200 {title, creator (opaque), owner_org_id}, in that order', async () => {
    const res = await pub(W, `?other_share_hash=${DEMO_SHARE_HASH}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      JSON.stringify({
        title: 'Welcome',
        creator: {
          id: I.alice,
          display_name: 'Alice Martin',
          avatar_url: 'https://avatars.example.com/alice.png',
          identifier_value: '',
          identifier_kind: '',
        },
        owner_org_id: SEED_ORG_ID,
      }),
    );
  });

  it.each([
    ['missing hash', W, '', { other_share_hash: 'required' }],
    ['padded hash', W, '?other_share_hash=abc%3D', { other_share_hash: 'malformed' }],
    ['bad box id and no hash', 'nope', '', { box_id: 'malformed', other_share_hash: 'required' }],
  ])('%s → 400 with those details', async (_name, id, query, details) => {
    expectError(await pub(id, query), 400, 'bad_request', details);
  });

  it('unknown hash → 404 other_share_hash not_found', async () => {
    expectError(await pub(W, '?other_share_hash=bm9wZQ'), 404, 'not_found', {
      other_share_hash: 'not_found',
    });
  });

  it('a state.key_share replaces the box’s shares (D18)', async () => {
    const res = await call(emu(), 'POST', eventsPath(W), {
      token: alice,
      body: {
        type: 'state.key_share',
        extra: {
          misakey_share: 'bQ',
          other_share_hash: 'bmV3',
          encrypted_invitation_key_share: 'ZQ',
        },
      },
    });
    expect(res.status).toBe(201);
    expect((await pub(W, '?other_share_hash=bmV3')).status).toBe(200);
    expect((await pub(W, `?other_share_hash=${DEMO_SHARE_HASH}`)).status).toBe(404);
  });

  it('a hash of another box → 403 other_share_hash invalid', async () => {
    const res = await pub(A, `?other_share_hash=${DEMO_SHARE_HASH}`);
    expect(res.json).toEqual({
      code: 'forbidden',
      origin: 'not_defined',
      desc: 'wrong other share hash',
      details: { other_share_hash: 'invalid' },
    });
  });
});
