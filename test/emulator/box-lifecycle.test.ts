// POST /boxes and DELETE /boxes/:id (upstream-api.md §13.6, D15–D17, D20, D24): the view a new
// box answers with, its `create` pushed to the creator only, key shares, deletion and the
// box.delete its members receive; every §13.14 error of both routes in the upstream's order,
// and nothing changed by a refusal.
import {
  DEMO_ACR2_TOKENS,
  DEMO_BOX_IDS,
  DEMO_EXTRA_TOKENS,
  DEMO_IDENTITY_IDS,
  DEMO_SHARE_HASH,
  DEMO_TOKENS,
} from '../../emulator/seed';
import { SEED_ORG_ID } from '../../emulator/seed-loader';
import {
  acrTooLow,
  BARE_403,
  call,
  eventsPath,
  expectError,
  NOT_MEMBER,
  useEmulator,
} from './http';
import { openSocket, sync, type Inbox } from './ws';

const { welcome: W, archive: A } = DEMO_BOX_IDS;
const I = DEMO_IDENTITY_IDS;
const { alice, bob } = DEMO_TOKENS;
const bob2 = DEMO_ACR2_TOKENS.bob;
const PUBLIC_KEY = 'SXvalkvhuhcj2UiaS4d0Q3OeuHOhMVeQT7ZGfCH2YCw';
const SHARE = {
  other_share_hash: 'Nz4nJMj5DOd4UGXXOlH8Ww',
  misakey_share: 'lBHT1vfwFAIBig5Nj_sD_w',
  encrypted_invitation_key_share: 'cGYMzgIO9rc03WoSLAyoiQ',
};
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type View = Record<string, unknown>;

describe('POST /boxes', () => {
  const emu = useEmulator();
  const create = (body: unknown, token: string = bob2, options = {}) =>
    call(emu(), 'POST', '/boxes', { token, body, ...options });
  const joinedCount = async (token = bob2) =>
    (await call(emu(), 'HEAD', '/boxes/joined', { token })).headers.get('x-total-count');

  it('201 + the box view: creator transparent, create as last event, nothing unread, default settings', async () => {
    const res = await create({ title: 'Project', public_key: PUBLIC_KEY });
    expect(res.status).toBe(201);
    const view = res.json as View;
    const id = view.id as string;
    expect(id).toMatch(UUID_V4);
    const lastEvent = view.last_event as View;
    expect(view).toEqual({
      id,
      server_created_at: lastEvent.server_event_created_at,
      owner_org_id: SEED_ORG_ID,
      datatag_id: null,
      public_key: PUBLIC_KEY,
      title: 'Project',
      access_mode: 'limited',
      subject: null,
      creator: {
        id: I.bob,
        display_name: 'Bob Durand',
        avatar_url: null,
        identifier_value: 'bob@example.com',
        identifier_kind: 'email',
      },
      last_event: {
        type: 'create',
        content: { owner_org_id: SEED_ORG_ID, public_key: PUBLIC_KEY, title: 'Project' },
        box_id: id,
        id: lastEvent.id,
        server_event_created_at: lastEvent.server_event_created_at,
        referrer_id: null,
        sender: { ...(view.creator as View), identifier_value: '', identifier_kind: '' },
      },
      events_count: 0,
      settings: { identity_id: I.bob, box_id: id, muted: false },
    });
    expect(Object.keys(lastEvent.content as View)).toEqual(['owner_org_id', 'public_key', 'title']);
    const listed = (await call(emu(), 'GET', '/boxes/joined?limit=1', { token: bob2 }))
      .json as View[];
    expect(listed).toEqual([view]);
    const events = await call(emu(), 'GET', eventsPath(id), { token: bob });
    expect(events.json).toEqual([lastEvent]);
  });

  it('pushes its create event to the creator only, transparent, with owner_org_id (D24)', async () => {
    const bobInbox = await openSocket(emu(), I.bob, { token: bob });
    const aliceInbox = await openSocket(emu(), I.alice, { token: alice });
    const view = (await create({ title: 'Project', public_key: PUBLIC_KEY })).json as View;
    const last = view.last_event as View;
    expect(await sync(bobInbox, I.bob)).toEqual([
      {
        type: 'event.new',
        object: { ...last, sender: view.creator, owner_org_id: SEED_ORG_ID },
      },
    ]);
    expect(await sync(aliceInbox, I.alice)).toEqual([]);
  });

  it('a title of 50 bytes passes; 51 bytes (26 characters) is malformed (D17)', async () => {
    expect((await create({ title: '\u00e9'.repeat(25), public_key: 'pk' })).status).toBe(201);
    const res = await create({ title: `a${'\u00e9'.repeat(25)}`, public_key: 'pk' });
    expectError(res, 400, 'bad_request', { title: 'malformed' });
  });

  it('a key share makes the public view reachable; the prefixed key format passes', async () => {
    const res = await create({
      title: 'Shared',
      public_key: `com.misakey.aes-rsa-enc:${PUBLIC_KEY}`,
      key_share: SHARE,
    });
    expect(res.status).toBe(201);
    const id = (res.json as View).id as string;
    const pub = await call(
      emu(),
      'GET',
      `/boxes/${id}/public?other_share_hash=${SHARE.other_share_hash}`,
    );
    expect(pub.json).toMatchObject({ title: 'Shared', owner_org_id: SEED_ORG_ID });
  });

  it('a duplicate other_share_hash → 409 conflict {} and no box (D15)', async () => {
    const body = { title: 'Dup', public_key: PUBLIC_KEY, key_share: SHARE };
    expect((await create(body)).status).toBe(201);
    const before = await joinedCount();
    expectError(await create(body), 409, 'conflict');
    expectError(
      await create({ ...body, key_share: { ...SHARE, other_share_hash: DEMO_SHARE_HASH } }),
      409,
      'conflict',
    );
    expect(await joinedCount()).toBe(before);
  });

  describe('refusals, in the upstream order; none creates a box', () => {
    let before: string | null;
    beforeEach(async () => {
      before = await joinedCount();
    });
    afterEach(async () => {
      expect(await joinedCount()).toBe(before);
    });

    it('CSRF first: no token pair → 403 csrf_token invalid, even for an ACR-1 caller', async () => {
      const res = await create({}, bob, { csrf: false });
      expectError(res, 403, 'forbidden', { csrf_token: 'invalid' });
    });

    it('then auth: no token → 401; a machine token → 401 unauthorized client', async () => {
      expectError(await call(emu(), 'POST', '/boxes', { body: {} }), 401, 'unauthorized');
      const res = await call(emu(), 'POST', '/boxes', {
        bearer: DEMO_EXTRA_TOKENS.machine,
        body: { title: 'T', public_key: PUBLIC_KEY },
      });
      expectError(res, 401, 'unauthorized', {}, 'cookies');
    });

    it('then ACR 2: an ACR-1 caller → 403 acr, even with an invalid body', async () => {
      const res = await create({}, bob);
      expect([res.status, res.json]).toEqual([403, acrTooLow(2)]);
    });

    it.each([
      ['a body that is not JSON', '{', 'application/json'],
      ['a title that is not a string', JSON.stringify({ title: 1 }), 'application/json'],
      ['an array body', '[]', 'application/json'],
    ])('then bind: %s → 400 origin body', async (_name, rawBody, type) => {
      const res = await create(undefined, bob2, { rawBody, headers: { 'content-type': type } });
      expectError(res, 400, 'bad_request', {}, 'body');
    });

    it.each([
      ['{}', {}, { title: 'required', public_key: 'required' }],
      [
        'bad org',
        { title: 'T', public_key: 'pk', owner_org_id: 'x' },
        { owner_org_id: 'malformed' },
      ],
      [
        'a bad key share is not looked at while a field above fails',
        { public_key: 'pk', key_share: { other_share_hash: 'a=' } },
        { title: 'required' },
      ],
      [
        'then the key share, under flat keys',
        { title: 'T', public_key: 'pk', key_share: { other_share_hash: 'a=', misakey_share: '' } },
        {
          other_share_hash: 'malformed',
          misakey_share: 'required',
          encrypted_invitation_key_share: 'required',
        },
      ],
    ])('then validation: %s → 400', async (_name, body, details) => {
      expectError(await create(body), 400, 'bad_request', details);
    });

    it('then the organisation: another org → 403 bare, before the key format', async () => {
      const res = await create({ title: 'T', public_key: 'not base64!', owner_org_id: UNKNOWN });
      expect([res.status, res.json]).toEqual([403, BARE_403]);
    });

    it('then the key format: not URL-safe base64 → 400 bad_request with details {} (D16)', async () => {
      const res = await create({ title: 'T', public_key: 'not base64!', key_share: SHARE });
      expectError(res, 400, 'bad_request', {});
    });
  });
});

describe('DELETE /boxes/:id', () => {
  const emu = useEmulator();
  const del = (id: string, body: unknown, token: string = alice, options = {}) =>
    call(emu(), 'DELETE', `/boxes/${id}`, { token, body, ...options });

  it('204, box.delete to the members at deletion time, then the box and its share are gone', async () => {
    const inboxes: Record<string, Inbox> = {};
    for (const [id, token] of [
      [I.alice, alice],
      [I.bob, bob],
      [I.eve, DEMO_TOKENS.eve],
      [I.carol, DEMO_EXTRA_TOKENS.carol],
    ] as const) {
      inboxes[id] = await openSocket(emu(), id, { token });
    }
    const res = await del(W, { user_confirmation: 'delete' });
    expect([res.status, res.text]).toEqual([204, '']);
    const message = {
      type: 'box.delete',
      object: {
        id: W,
        owner_org_id: SEED_ORG_ID,
        sender_id: I.alice,
        public_key: 'box-public-key-1',
      },
    };
    const got = [];
    for (const [id, inbox] of Object.entries(inboxes)) got.push(await sync(inbox, id));
    expect(got).toEqual([[message], [message], [], []]);
    expect((await call(emu(), 'GET', `/boxes/${W}`, { token: alice })).json).toEqual(BARE_403);
    expect((await call(emu(), 'GET', eventsPath(W), { token: bob })).json).toEqual(NOT_MEMBER);
    const joined = (await call(emu(), 'GET', '/boxes/joined', { token: alice })).json as View[];
    expect(joined.map((b) => b.id)).not.toContain(W);
    const pub = await call(emu(), 'GET', `/boxes/${W}/public?other_share_hash=${DEMO_SHARE_HASH}`);
    expectError(pub, 404, 'not_found', { other_share_hash: 'not_found' });
  });

  it('the French confirmation works too', async () => {
    expect((await del(A, { user_confirmation: 'supprimer' })).status).toBe(204);
  });

  describe('refusals, in the upstream order; the box stays', () => {
    afterEach(async () => {
      expect((await call(emu(), 'GET', `/boxes/${W}`, { token: alice })).status).toBe(200);
    });

    it('CSRF: DELETE is an unsafe method (D1)', async () => {
      const res = await del(W, { user_confirmation: 'delete' }, alice, { csrf: false });
      expectError(res, 403, 'forbidden', { csrf_token: 'invalid' });
    });

    it('ACR 2: an ACR-1 member → 403 acr', async () => {
      const res = await del(W, { user_confirmation: 'delete' }, bob);
      expect(res.json).toEqual(acrTooLow(2));
    });

    it.each([
      ['no body', undefined, W, { user_confirmation: 'required' }],
      ['a wrong word', { user_confirmation: 'yes' }, W, { user_confirmation: 'malformed' }],
      ['a bad id and no word', {}, 'nope', { box_id: 'malformed', user_confirmation: 'required' }],
      ['a non-admin without a word: validation first', {}, W, { user_confirmation: 'required' }],
    ])('%s → 400', async (_name, body, id, details) => {
      expectError(await del(id, body, bob2), 400, 'bad_request', details);
    });

    it.each([
      ['a member who is not the admin', W, bob2],
      ['an unknown box', UNKNOWN, alice],
    ])('%s → 403 checking admin: not the creator', async (_name, id, token) => {
      const res = await del(id, { user_confirmation: 'delete' }, token);
      expect(res.json).toEqual({
        code: 'forbidden',
        origin: 'not_defined',
        desc: 'checking admin: not the creator',
        details: {},
      });
    });
  });
});
