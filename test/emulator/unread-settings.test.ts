// Unread counters (upstream-api.md §13.8, D12, D13), the REST ack and the websocket ack, and the
// box settings (§13.9, D14): the counting rule type by type, mute, both resets, box.settings on
// the caller's sockets only, and every §13.14 error of the ack and settings routes.
import type { Emulator } from '../../emulator';
import {
  DEMO_BOX_IDS,
  DEMO_EXTRA_TOKENS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  DEMO_UNREAD,
} from '../../emulator/seed';
import { SEED_ORG_ID } from '../../emulator/seed-loader';
import { BARE_403, call, eventsPath, expectError, NOT_MEMBER, useEmulator } from './http';
import { openSocket, sync } from './ws';

const { welcome: W, archive: A, closed: C } = DEMO_BOX_IDS;
const I = DEMO_IDENTITY_IDS;
const { alice, bob, eve } = DEMO_TOKENS;
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';
const text = { type: 'msg.text', content: { encrypted: 'aGk', public_key: 'pk' } };

const unread = async (emu: Emulator, token: string, boxId: string) =>
  ((await call(emu, 'GET', `/boxes/${boxId}`, { token })).json as { events_count: number })
    .events_count;

async function post(emu: Emulator, token: string, boxId: string, body: unknown) {
  const res = await call(emu, 'POST', eventsPath(boxId), { token, body });
  expect(res.status).toBe(201);
  return res.json as { id: string };
}

describe('unread counters', () => {
  const emu = useEmulator();
  const counts = async () => [await unread(emu(), alice, W), await unread(emu(), bob, W)];

  it('the demo seed\u2019s counts differ per user', async () => {
    expect([
      await unread(emu(), alice, W),
      await unread(emu(), alice, A),
      await unread(emu(), alice, C),
      await unread(emu(), bob, W),
      await unread(emu(), bob, A),
    ]).toEqual([
      DEMO_UNREAD.alice.welcome,
      DEMO_UNREAD.alice.archive,
      DEMO_UNREAD.alice.closed,
      DEMO_UNREAD.bob.welcome,
      DEMO_UNREAD.bob.archive,
    ]);
    expect(DEMO_UNREAD).toEqual({
      alice: { welcome: 3, archive: 0, closed: 3 },
      bob: { welcome: 4, archive: 5 },
    });
  });

  it('a counted type adds 1 for every member but its sender; edits, deletes and key shares add nothing', async () => {
    const [a, b] = await counts();
    const message = await post(emu(), bob, W, text);
    expect(await counts()).toEqual([(a as number) + 1, b]);
    await post(emu(), bob, W, {
      type: 'msg.edit',
      referrer_id: message.id,
      content: { new_encrypted: 'ZWQ', new_public_key: 'pk' },
    });
    await post(emu(), bob, W, { type: 'msg.delete', referrer_id: message.id });
    await post(emu(), alice, W, {
      type: 'state.key_share',
      extra: { misakey_share: 'bQ', other_share_hash: 'aA', encrypted_invitation_key_share: 'ZQ' },
    });
    expect(await counts()).toEqual([(a as number) + 1, b]);
    await post(emu(), alice, W, { type: 'state.access_mode', content: { value: 'public' } });
    expect(await counts()).toEqual([(a as number) + 1, (b as number) + 1]);
  });

  it('joins and leaves count for the others; a counter survives leave and rejoin (D12)', async () => {
    await post(emu(), eve, W, { type: 'member.join' });
    expect(await unread(emu(), eve, W)).toBe(0);
    await post(emu(), alice, W, text);
    expect(await unread(emu(), eve, W)).toBe(1);
    const [a, b] = await counts();
    await post(emu(), eve, W, { type: 'member.leave' });
    expect(await counts()).toEqual([(a as number) + 1, (b as number) + 1]);
    await post(emu(), alice, W, text);
    await post(emu(), eve, W, { type: 'member.join' });
    expect(await unread(emu(), eve, W)).toBe(1);
  });

  it('a muted member stops counting but keeps the value; event.new still reaches them', async () => {
    const inbox = await openSocket(emu(), I.bob, { token: bob });
    const before = await unread(emu(), bob, W);
    const mute = await call(emu(), 'PUT', `/box-users/${I.bob}/boxes/${W}/settings`, {
      token: bob,
      body: { muted: true },
    });
    expect(mute.status).toBe(204);
    const sent = await post(emu(), alice, W, text);
    expect(await unread(emu(), bob, W)).toBe(before);
    const got = await sync(inbox, I.bob);
    expect(got.map((m) => [m.type, m.object.id ?? m.object.muted])).toEqual([
      ['box.settings', true],
      ['event.new', sent.id],
    ]);
  });

  it('the websocket ack resets the sender\u2019s counter and reaches all their sockets; a foreign ack is ignored', async () => {
    const first = await openSocket(emu(), I.bob, { token: bob });
    const second = await openSocket(emu(), I.bob, { token: bob });
    const ack = JSON.stringify({ type: 'ack', object: { box_id: W, sender_id: I.bob } });
    first.ws.send(ack);
    const echoed = await sync(second, I.bob);
    expect(echoed.map((m) => JSON.stringify(m))).toEqual([ack]);
    expect(await unread(emu(), bob, W)).toBe(0);
    const aliceBefore = await unread(emu(), alice, W);
    first.ws.send(JSON.stringify({ type: 'ack', object: { box_id: W, sender_id: I.alice } }));
    await sync(first, I.bob);
    expect(await unread(emu(), alice, W)).toBe(aliceBefore);
  });
});

describe('PUT /boxes/:id/new-events-count/ack', () => {
  const emu = useEmulator();
  const ack = (boxId: string, body: unknown, token: string = bob, options = {}) =>
    call(emu(), 'PUT', `/boxes/${boxId}/new-events-count/ack`, { token, body, ...options });

  it('204, no body, the caller\u2019s counter back to 0, and nothing published', async () => {
    const inbox = await openSocket(emu(), I.bob, { token: bob });
    expect(await unread(emu(), bob, W)).toBeGreaterThan(0);
    const res = await ack(W, { identity_id: I.bob });
    expect([res.status, res.text]).toEqual([204, '']);
    expect(await unread(emu(), bob, W)).toBe(0);
    expect(await unread(emu(), alice, W)).toBe(DEMO_UNREAD.alice.welcome);
    expect(await sync(inbox, I.bob)).toEqual([]);
  });

  it('no box or membership check: an unknown or foreign box answers 204 too (D13)', async () => {
    expect((await ack(UNKNOWN, { identity_id: I.bob })).status).toBe(204);
    expect((await ack(C, { identity_id: I.bob })).status).toBe(204);
  });

  describe('refusals, in order; the counter stays', () => {
    afterEach(async () => {
      expect(await unread(emu(), bob, W)).toBe(DEMO_UNREAD.bob.welcome);
    });

    it('CSRF: PUT is an unsafe method (D1)', async () => {
      const res = await ack(W, { identity_id: I.bob }, bob, { csrf: false });
      expectError(res, 403, 'forbidden', { csrf_token: 'invalid' });
    });

    it.each([
      ['an array body', []],
      ['a non-string identity_id', { identity_id: 7 }],
    ])('bind: %s → 400 origin body {}', async (_name, body) => {
      expectError(await ack('nope', body), 400, 'bad_request', {}, 'body');
    });

    it.each([
      ['no body', W, undefined, { identity_id: 'required' }],
      ['a bad identity', W, { identity_id: 'x' }, { identity_id: 'malformed' }],
      ['both ids bad', 'nope', {}, { box_id: 'malformed', identity_id: 'required' }],
    ])('validation: %s → 400', async (_name, boxId, body, details) => {
      expectError(await ack(boxId, body), 400, 'bad_request', details);
    });

    it('another identity than the token\u2019s → 403 bare', async () => {
      const res = await ack(W, { identity_id: I.alice });
      expect([res.status, res.json]).toEqual([403, BARE_403]);
    });
  });
});

describe('GET and PUT /box-users/:id/boxes/:bid/settings', () => {
  const emu = useEmulator();
  const path = (identityId: string, boxId: string) =>
    `/box-users/${identityId}/boxes/${boxId}/settings`;
  const get = (token: string, identityId: string, boxId: string) =>
    call(emu(), 'GET', path(identityId, boxId), { token });
  const put = (token: string, identityId: string, boxId: string, body: unknown, options = {}) =>
    call(emu(), 'PUT', path(identityId, boxId), { token, body, ...options });

  it('GET: muted false by default, keys in order', async () => {
    const res = await get(bob, I.bob, W);
    expect([res.status, res.text]).toEqual([
      200,
      JSON.stringify({ identity_id: I.bob, box_id: W, muted: false }),
    ]);
  });

  it('PUT: 204 with no body, box.settings to the caller\u2019s sockets only, on every PUT; {} unmutes', async () => {
    const bobInbox = await openSocket(emu(), I.bob, { token: bob });
    const aliceInbox = await openSocket(emu(), I.alice, { token: alice });
    const res = await put(bob, I.bob, W, { muted: true });
    expect([res.status, res.text]).toEqual([204, '']);
    expect((await get(bob, I.bob, W)).json).toEqual({ identity_id: I.bob, box_id: W, muted: true });
    const view = (await call(emu(), 'GET', `/boxes/${W}`, { token: bob })).json as {
      settings: unknown;
    };
    expect(view.settings).toEqual({ identity_id: I.bob, box_id: W, muted: true });
    expect((await put(bob, I.bob, W, { muted: true })).status).toBe(204);
    expect((await put(bob, I.bob, W, {})).status).toBe(204);
    expect((await get(bob, I.bob, W)).json).toMatchObject({ muted: false });
    const frame = (muted: boolean) => ({
      type: 'box.settings',
      object: { identity_id: I.bob, box_id: W, muted, owner_org_id: SEED_ORG_ID },
    });
    expect(await sync(bobInbox, I.bob)).toEqual([frame(true), frame(true), frame(false)]);
    expect(await sync(aliceInbox, I.alice)).toEqual([]);
  });

  it.each([
    ['GET', 'both ids bad', 'x', 'y', { identity_id: 'malformed', box_id: 'malformed' }],
    ['PUT', 'a bad box id', I.bob, 'y', { box_id: 'malformed' }],
  ])('%s %s → 400', async (method, _name, identityId, boxId, details) => {
    const res =
      method === 'GET' ? await get(bob, identityId, boxId) : await put(bob, identityId, boxId, {});
    expectError(res, 400, 'bad_request', details);
  });

  it('PUT binds the body first: a non-boolean muted → 400 origin body, even with bad ids', async () => {
    expectError(await put(bob, 'x', 'y', { muted: 'yes' }), 400, 'bad_request', {}, 'body');
  });

  it('PUT needs the CSRF pair (D1)', async () => {
    const res = await put(bob, I.bob, W, { muted: true }, { csrf: false });
    expectError(res, 403, 'forbidden', { csrf_token: 'invalid' });
  });

  it.each([
    ['GET', 'another identity\u2019s settings', I.alice, W, BARE_403],
    ['PUT', 'another identity\u2019s settings', I.alice, W, BARE_403],
    ['GET', 'a box the caller is not in', I.eve, W, NOT_MEMBER],
    ['PUT', 'a box the caller was kicked from', I.dave, W, NOT_MEMBER],
    ['GET', 'an unknown box', I.eve, UNKNOWN, NOT_MEMBER],
  ])('%s %s → 403', async (method, _name, identityId, boxId, body) => {
    const token = {
      [I.alice]: bob,
      [I.eve]: eve,
      [I.dave]: DEMO_EXTRA_TOKENS.dave,
    }[identityId] as string;
    const res =
      method === 'GET'
        ? await get(token, identityId, boxId)
        : await put(token, identityId, boxId, { muted: true });
    expect([res.status, res.json]).toEqual([403, body]);
  });

  it('a refused PUT publishes nothing and changes nothing', async () => {
    const inbox = await openSocket(emu(), I.eve, { token: eve });
    expect((await put(eve, I.eve, W, { muted: true })).status).toBe(403);
    expect(await sync(inbox, I.eve)).toEqual([]);
  });
});
