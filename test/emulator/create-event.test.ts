// POST /boxes/:id/events (§5.1, §6, §11): bind and validation errors, then every type's rules.
import type { EventDto } from '../../src/upstream/upstream-types';
import {
  DEMO_BOX_IDS,
  DEMO_EVENT_IDS,
  DEMO_EXTRA_TOKENS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
} from '../../emulator/seed';
import { box, identity, accessAdd } from '../../emulator/seed-builders';
import { startEmulator } from '../../emulator/emulator';
import { call, eventsPath, expectError, useEmulator } from './http';

const { welcome: WELCOME, closed: CLOSED } = DEMO_BOX_IDS;
const { alice, bob, eve } = DEMO_TOKENS;
const UNKNOWN_BOX = 'b0000000-0000-4000-8000-0000000000ff';
const NOWHERE = 'c0ffee00-0000-4000-8000-000000000000';
const TEXT = { type: 'msg.text', content: { encrypted: 'aGVsbG8', public_key: 'pk' } };
const descOf = (json: unknown) => (json as { desc: string }).desc;

describe('POST /events: bind and request validation', () => {
  const emu = useEmulator();
  const post = (body: unknown, token: string = bob, box: string = WELCOME) =>
    call(emu(), 'POST', eventsPath(box), { token, body });

  it.each<[string, unknown, Record<string, string>]>([
    ['type missing', {}, { type: 'required' }],
    ['type empty', { type: '' }, { type: 'required' }],
    ...['create', 'access.add', 'access.rm', 'member.kick', 'msg.txt', 'msg.file', 'nope'].map(
      (type): [string, unknown, Record<string, string>] => [
        `type ${type}`,
        { type, content: { encrypted: 'YQ', public_key: 'k', encrypted_file_id: NOWHERE } },
        { type: 'malformed' },
      ],
    ),
    ['msg.text without content', { type: 'msg.text' }, { content: 'required' }],
    [
      'msg.edit with content ""',
      { type: 'msg.edit', content: '', referrer_id: NOWHERE },
      { content: 'required' },
    ],
    ['state.access_mode without content', { type: 'state.access_mode' }, { content: 'required' }],
    [
      'referrer_id not a uuid',
      { type: 'member.join', referrer_id: 'x' },
      { referrer_id: 'malformed' },
    ],
    [
      'referrer_id uppercase',
      { type: 'member.join', referrer_id: NOWHERE.toUpperCase() },
      { referrer_id: 'malformed' },
    ],
    [
      'several at once',
      { type: 'msg.text', referrer_id: 'x' },
      { content: 'required', referrer_id: 'malformed' },
    ],
  ])('%s → 400 %j', async (_name, body, details) => {
    expectError(await post(body), 400, 'bad_request', details);
  });

  it('a bad box id is reported with the body errors', async () => {
    expectError(await post({}, bob, 'nope'), 400, 'bad_request', {
      box_id: 'malformed',
      type: 'required',
    });
  });

  it('an empty body is not parsed and fails with type required', async () => {
    const res = await call(emu(), 'POST', eventsPath(WELCOME), {
      token: bob,
      rawBody: '',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'bad_request', { type: 'required' });
  });

  it.each([
    ['malformed JSON', '{"type":'],
    ['a JSON array', '[]'],
    ['type of the wrong JSON type', '{"type":1}'],
    ['referrer_id of the wrong JSON type', '{"type":"member.join","referrer_id":5}'],
    ['extra that is not an object', '{"type":"state.key_share","extra":"x"}'],
  ])('%s → 400 origin body, details {}', async (_name, rawBody) => {
    const res = await call(emu(), 'POST', eventsPath(WELCOME), {
      token: bob,
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'bad_request', {}, 'body');
  });

  it.each(['text/plain', 'application/octet-stream', 'image/png'])(
    'Content-Type %s → 400 bad_request origin body (§0 #10, not the upstream 500), nothing created',
    async (contentType) => {
      const count = async () =>
        (await call(emu(), 'HEAD', eventsPath(WELCOME), { token: bob })).headers.get(
          'x-total-count',
        );
      const before = await count();
      const res = await call(emu(), 'POST', eventsPath(WELCOME), {
        token: bob,
        rawBody: JSON.stringify(TEXT),
        headers: { 'content-type': contentType },
      });
      expectError(res, 400, 'bad_request', {}, 'body');
      expect(await count()).toBe(before);
    },
  );

  it('an unknown box → 403 with an empty desc and empty details', async () => {
    const res = await post(TEXT, bob, UNKNOWN_BOX);
    expect([res.status, res.text]).toEqual([
      403,
      '{"code":"forbidden","origin":"not_defined","desc":"","details":{}}',
    ]);
  });

  it.each([
    [
      'standard base64',
      { type: 'msg.text', content: { encrypted: 'a+b/c==', public_key: 'k' } },
      { encrypted: 'malformed' },
    ],
    [
      'empty content object',
      { type: 'msg.text', content: {} },
      { encrypted: 'required', public_key: 'required' },
    ],
    [
      'null content',
      { type: 'msg.text', content: null },
      { encrypted: 'required', public_key: 'required' },
    ],
    [
      'edit with bad new_encrypted',
      { type: 'msg.edit', referrer_id: NOWHERE, content: { new_encrypted: 'a=' } },
      { new_encrypted: 'malformed' },
    ],
    [
      'access mode without value',
      { type: 'state.access_mode', content: {} },
      { value: 'required' },
    ],
    [
      'access mode with another value',
      { type: 'state.access_mode', content: { value: 'open' } },
      { value: 'malformed' },
    ],
    [
      'key share without extra',
      { type: 'state.key_share' },
      {
        misakey_share: 'required',
        other_share_hash: 'required',
        encrypted_invitation_key_share: 'required',
      },
    ],
    [
      'key share with one field',
      { type: 'state.key_share', extra: { misakey_share: 'a' } },
      { other_share_hash: 'required', encrypted_invitation_key_share: 'required' },
    ],
  ])('content: %s → 400 %j', async (_name, body, details) => {
    expectError(await post(body, alice), 400, 'bad_request', details);
  });

  it.each([
    ['a string', 'hello'],
    ['a field of the wrong type', { encrypted: 1, public_key: 'k' }],
  ])('content that cannot be unmarshalled (%s) → 400 details {}', async (_name, content) => {
    expectError(await post({ type: 'msg.text', content }), 400, 'bad_request', {});
  });
});

describe('POST /events: messages (§6.2, §6.4, §6.5)', () => {
  const emu = useEmulator();
  const post = (body: unknown, token: string = bob) =>
    call(emu(), 'POST', eventsPath(WELCOME), { token, body });

  it('a member posts a text: 201, content echoed exactly as sent (unknown keys and key order kept)', async () => {
    const content = { public_key: 'pk', zeta: [1, { b: 2, a: 1 }], encrypted: 'aGk' };
    const res = await post({ type: 'msg.text', content, ignored_top_level: true });
    expect(res.status).toBe(201);
    expect(res.text).toContain(
      '"content":{"public_key":"pk","zeta":[1,{"b":2,"a":1}],"encrypted":"aGk"}',
    );
    expect(res.json).toMatchObject({
      type: 'msg.text',
      box_id: WELCOME,
      referrer_id: null,
      sender: { id: DEMO_IDENTITY_IDS.bob },
    });
  });

  it('the new event takes the next tick of the fixed clock, identically across runs', async () => {
    const other = await startEmulator();
    try {
      const a = await post(TEXT);
      const b = await call(other, 'POST', eventsPath(WELCOME), { token: bob, body: TEXT });
      expect(a.json).toEqual(b.json);
      const newest = (await call(emu(), 'GET', eventsPath(WELCOME, '?limit=1'), { token: bob }))
        .json as EventDto[];
      expect(newest).toEqual([a.json]);
    } finally {
      await other.close();
    }
  });

  it('a text with a referrer → 400 referrer_id forbidden', async () => {
    expectError(
      await post({ ...TEXT, referrer_id: DEMO_EVENT_IDS.welcomeText }),
      400,
      'bad_request',
      { referrer_id: 'forbidden' },
    );
  });

  it.each([
    ['never joined', eve, WELCOME],
    ['left', DEMO_EXTRA_TOKENS.carol, WELCOME],
    ['kicked', bob, CLOSED],
  ])('a non-member (%s) cannot post, edit or delete: 403 not_member', async (_who, token, box) => {
    for (const body of [
      TEXT,
      { type: 'msg.edit', referrer_id: NOWHERE, content: { new_encrypted: 'YQ' } },
      { type: 'msg.delete', referrer_id: NOWHERE },
      { type: 'member.leave' },
    ]) {
      const res = await call(emu(), 'POST', eventsPath(box), { token, body });
      expectError(res, 403, 'forbidden', { reason: 'not_member', sender_id: 'forbidden' });
      expect(descOf(res.json)).toBe(`during ${body.type} event: must be a member`);
    }
  });

  const edit = (referrer_id?: string) => ({
    type: 'msg.edit',
    referrer_id,
    content: { new_encrypted: 'bmV3', new_public_key: 'npk' },
  });
  it.each([
    ['no referrer', bob, edit(), 400, 'bad_request', { referrer_id: 'required' }],
    ['an empty referrer', bob, edit(''), 400, 'bad_request', { referrer_id: 'required' }],
    ['an unknown referrer', bob, edit(NOWHERE), 404, 'not_found', {}],
    [
      'a referrer that is not a message',
      alice,
      edit(DEMO_EVENT_IDS.bobJoinWelcome),
      403,
      'forbidden',
      {},
    ],
    [
      "someone else's message, even as admin",
      alice,
      edit(DEMO_EVENT_IDS.editedText),
      403,
      'forbidden',
      {},
    ],
    ['a deleted message', alice, edit(DEMO_EVENT_IDS.deletedText), 410, 'gone', {}],
    ['a file', alice, edit(DEMO_EVENT_IDS.savedFile), 403, 'forbidden', {}],
  ])('msg.edit of %s → %i', async (_name, token, body, status, code, details) => {
    expectError(await post(body, token), status, code, details);
  });

  it('msg.edit of an own message → 201, the edit event itself with the sent content', async () => {
    const res = await post(edit(DEMO_EVENT_IDS.editedText));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      type: 'msg.edit',
      referrer_id: DEMO_EVENT_IDS.editedText,
      content: { new_encrypted: 'bmV3', new_public_key: 'npk' },
    });
  });

  const del = (referrer_id?: string) => ({ type: 'msg.delete', referrer_id });
  it.each([
    ['no referrer', bob, del(), 400, 'bad_request', { referrer_id: 'required' }],
    ['an unknown referrer', bob, del(NOWHERE), 404, 'not_found', {}],
    [
      "someone else's message as a member",
      bob,
      del(DEMO_EVENT_IDS.welcomeText),
      403,
      'forbidden',
      {},
    ],
    ['an already deleted message', alice, del(DEMO_EVENT_IDS.deletedText), 410, 'gone', {}],
    ['an already deleted file', bob, del(DEMO_EVENT_IDS.deletedFile), 410, 'gone', {}],
  ])('msg.delete of %s → %i', async (_name, token, body, status, code, details) => {
    expectError(await post(body, token), status, code, details);
  });

  it('msg.delete of a non-message (the create event) → 403', async () => {
    const events = (await call(emu(), 'GET', eventsPath(WELCOME, '?limit=0'), { token: alice }))
      .json as EventDto[];
    const create = events[events.length - 1] as EventDto;
    expectError(await post(del(create.id), alice), 403, 'forbidden', {});
  });

  it("the admin deletes a member's message: 201 with content null; it then reads as deleted by the admin", async () => {
    const res = await post(del(DEMO_EVENT_IDS.editedText), alice);
    expect(res.json).toMatchObject({
      type: 'msg.delete',
      content: null,
      referrer_id: DEMO_EVENT_IDS.editedText,
      sender: { id: DEMO_IDENTITY_IDS.alice },
    });
    const events = (await call(emu(), 'GET', eventsPath(WELCOME, '?limit=0'), { token: bob }))
      .json as EventDto[];
    const msg = events.find((e) => e.id === DEMO_EVENT_IDS.editedText) as EventDto;
    expect(msg.content).toMatchObject({
      deleted: { by_identity: { id: DEMO_IDENTITY_IDS.alice } },
    });
  });
});

describe('POST /events: membership (§6.6, §6.7)', () => {
  const emu = useEmulator();
  const post = (token: string, body: unknown, box: string = WELCOME) =>
    call(emu(), 'POST', eventsPath(box), { token, body });

  it('eve joins the public Welcome box, then reads its whole history', async () => {
    const res = await post(eve, { type: 'member.join' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      type: 'member.join',
      content: null,
      referrer_id: null,
      sender: { id: DEMO_IDENTITY_IDS.eve },
    });
    const head = await call(emu(), 'HEAD', eventsPath(WELCOME), { token: eve });
    expect(head.headers.get('x-total-count')).toBe('18');
  });

  it.each([
    ['an active member', bob],
    ['the admin', alice],
  ])('%s joining again → 409 conflict {}', async (_who, token) => {
    expectError(await post(token, { type: 'member.join' }), 409, 'conflict', {});
  });

  it('no matching rule on a limited box → 403 reason no_access', async () => {
    const res = await post(eve, { type: 'member.join' }, CLOSED);
    expectError(res, 403, 'forbidden', { reason: 'no_access' });
  });

  it('a kicked member whose identifier rule is back can join again (identifier rule match)', async () => {
    const carol = await post(DEMO_EXTRA_TOKENS.carol, { type: 'member.join' }, CLOSED);
    expect(carol.status).toBe(201);
  });

  it.each([
    ['nowhere → 409 conflict', NOWHERE, 409],
    ['"" → 400', '', 400],
  ])('member.join with a referrer_id pointing %s', async (_name, referrer_id, status) => {
    expect((await post(eve, { type: 'member.join', referrer_id })).status).toBe(status);
  });

  it('member.join stores an existing referrer_id unchecked', async () => {
    const res = await post(eve, { type: 'member.join', referrer_id: DEMO_EVENT_IDS.welcomeText });
    expect(res.json).toMatchObject({ referrer_id: DEMO_EVENT_IDS.welcomeText });
  });

  it('member.leave: the referrer becomes the join id whatever was sent; afterwards reads are 403', async () => {
    const res = await post(bob, { type: 'member.leave', referrer_id: NOWHERE });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      type: 'member.leave',
      content: null,
      referrer_id: DEMO_EVENT_IDS.bobJoinWelcome,
    });
    expect((await call(emu(), 'GET', eventsPath(WELCOME, '?limit=1'), { token: bob })).status).toBe(
      403,
    );
    expect((await post(bob, { type: 'member.join' })).status).toBe(201);
  });

  it('the admin cannot leave: 403 with the U+2019 apostrophe', async () => {
    const res = await post(alice, { type: 'member.leave' });
    expectError(res, 403, 'forbidden', {});
    expect(descOf(res.json)).toBe(
      'during member.leave event: admin can\u2019t leave their own box',
    );
  });
});

describe('member.join access rules (§6.6)', () => {
  const ann = identity('ann', { acr: 2 });
  const dom = identity('dom', { email: 'dom@corp.example' });
  const sub = identity('sub');
  const out = identity('out', { email: 'out@elsewhere.example' });
  const noRules = box('No rules', ann, { subject: sub.id });
  const domain = box('Domain', ann, { events: [accessAdd('email_domain', 'corp.example')] });
  const emu = useEmulator(() => ({ identities: [ann, dom, sub, out], boxes: [noRules, domain] }));
  const join = (who: { token: string }, boxId: string) =>
    call(emu(), 'POST', eventsPath(boxId), { token: who.token, body: { type: 'member.join' } });

  it('a limited box with no rule at all → 403 no_access (must be an admin)', async () => {
    const res = await join(out, noRules.id);
    expectError(res, 403, 'forbidden', { reason: 'no_access' });
    expect(descOf(res.json)).toBe(
      'during member.join event: checking joinability: must be an admin',
    );
  });

  it('the data subject joins a limited box without any rule', async () => {
    expect((await join(sub, noRules.id)).status).toBe(201);
  });

  it('an email_domain rule matches the part after the last @', async () => {
    expect((await join(dom, domain.id)).status).toBe(201);
    const res = await join(out, domain.id);
    expectError(res, 403, 'forbidden', { reason: 'no_access' });
    expect(descOf(res.json)).toBe(
      'during member.join event: checking joinability: must match a restriction rule',
    );
  });
});

describe('POST /events: admin-only state events (§6.9, §6.10)', () => {
  const emu = useEmulator();
  const post = (token: string, body: unknown, box: string = WELCOME) =>
    call(emu(), 'POST', eventsPath(box), { token, body });
  const keyShare = {
    type: 'state.key_share',
    extra: { misakey_share: 'a', other_share_hash: 'b', encrypted_invitation_key_share: 'c' },
  };

  it.each([
    [
      'state.access_mode',
      'a member',
      bob,
      { type: 'state.access_mode', content: { value: 'limited' } },
    ],
    ['state.key_share', 'a member', bob, keyShare],
    [
      'state.access_mode',
      'a non-member',
      eve,
      { type: 'state.access_mode', content: { value: 'limited' } },
    ],
    ['state.key_share', 'a non-member', eve, keyShare],
  ])('%s by %s → 403 not the creator', async (type, _who, token, body) => {
    const res = await post(token, body);
    expectError(res, 403, 'forbidden', {});
    expect(descOf(res.json)).toBe(`during ${type} event: checking admin: not the creator`);
  });

  it('state.key_share by the admin → 201 with content null and no extra in the response', async () => {
    const res = await post(alice, keyShare);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ type: 'state.key_share', content: null });
    expect(res.text).not.toContain('extra');
    expect(res.text).not.toContain('misakey_share');
  });

  it('making the closed box public lets eve join it', async () => {
    const res = await post(
      alice,
      { type: 'state.access_mode', content: { value: 'public' } },
      CLOSED,
    );
    expect(res.json).toMatchObject({ type: 'state.access_mode', content: { value: 'public' } });
    expect((await post(eve, { type: 'member.join' }, CLOSED)).status).toBe(201);
  });

  it.each([
    ['state.access_mode', { type: 'state.access_mode', content: { value: 'public' } }],
    ['state.key_share', keyShare],
  ])('%s with a referrer_id pointing nowhere → 409', async (_type, body) => {
    expectError(await post(alice, { ...body, referrer_id: NOWHERE }), 409, 'conflict', {});
  });
});
