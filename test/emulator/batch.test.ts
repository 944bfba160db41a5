// POST /boxes/:id/batch-events (§5.2, §6.11, §6.12, §11): validation, admin-only access rules,
// response order, the post-batch kick pass and all-or-nothing transactions.
import type { EventDto } from '../../src/upstream/upstream-types';
import { DEMO_BOX_IDS, DEMO_EVENT_IDS, DEMO_TOKENS } from '../../emulator/seed';
import { box, identity, join, text } from '../../emulator/seed-builders';
import { startEmulator } from '../../emulator/emulator';
import type { Seed } from '../../emulator/seed-types';
import { batchPath, call, eventsPath, expectError, useEmulator } from './http';

const ann = identity('ann', { acr: 2 });
const ben = identity('ben', { acr: 2 });
const cat = identity('cat');
const dan = identity('dan', { email: 'dan@corp.example', publicKeys: [] });
const sub = identity('sub');
const A = {
  ben: 'acce5500-0000-4000-8000-00000000000b',
  cat: 'acce5500-0000-4000-8000-00000000000c',
  dan: 'acce5500-0000-4000-8000-00000000000d',
  domain: 'acce5500-0000-4000-8000-0000000000d0',
};
const J = {
  ben: 'a0000000-0000-4000-8000-0000000000b1',
  cat: 'a0000000-0000-4000-8000-0000000000c1',
  dan: 'a0000000-0000-4000-8000-0000000000d1',
  sub: 'a0000000-0000-4000-8000-0000000000e1',
};
const UNKNOWN = 'c0ffee00-0000-4000-8000-000000000000';

function batchSeed(): Seed {
  return {
    identities: [ann, ben, cat, dan, sub],
    boxes: [
      box('Batch', ann, {
        subject: sub.id,
        accessMode: 'public',
        accesses: [
          { id: A.ben, restrictionType: 'identifier', value: 'ben@example.com' },
          { id: A.cat, restrictionType: 'identifier', value: 'cat@example.com' },
          { id: A.dan, restrictionType: 'identifier', value: 'dan@corp.example' },
          { id: A.domain, restrictionType: 'email_domain', value: 'corp.example' },
        ],
        events: [join(ben, J.ben), join(cat, J.cat), join(dan, J.dan), join(sub, J.sub), text(ben)],
      }),
    ],
  };
}
const BOX = box('Batch', ann).id;
const rm = (referrer_id: string) => ({ type: 'access.rm', referrer_id });
const add = (restriction_type: string, value: string, more: Record<string, unknown> = {}) => ({
  type: 'access.add',
  content: { restriction_type, value },
  ...more,
});

describe('batch validation', () => {
  const emu = useEmulator(batchSeed);
  const post = (body: unknown, token = ann.token, boxId = BOX) =>
    call(emu(), 'POST', batchPath(boxId), { token, body });

  it.each<[string, unknown, Record<string, string>]>([
    [
      'the tested example',
      { batch_type: 'lol', events: [] },
      { batch_type: 'malformed', events: 'required' },
    ],
    ['nothing', {}, { batch_type: 'required', events: 'required' }],
    ['events null', { batch_type: 'accesses', events: null }, { events: 'required' }],
    ['element without type', { batch_type: 'accesses', events: [{}] }, { events: 'required' }],
    [
      'element of another type',
      { batch_type: 'accesses', events: [{ type: 'msg.text', content: {} }] },
      { events: 'malformed' },
    ],
    [
      'access.add without content',
      { batch_type: 'accesses', events: [{ type: 'access.add' }] },
      { events: 'required' },
    ],
    [
      'referrer not a uuid',
      { batch_type: 'accesses', events: [{ type: 'access.rm', referrer_id: 'x' }] },
      { events: 'malformed' },
    ],
    [
      'the last failing element wins',
      { batch_type: 'accesses', events: [{ type: 'x' }, { type: '' }] },
      { events: 'required' },
    ],
  ])('%s → 400 %j', async (_name, body, details) => {
    expectError(await post(body), 400, 'bad_request', details);
  });

  it.each([
    ['events not an array', '{"batch_type":"accesses","events":{}}'],
    ['batch_type a number', '{"batch_type":1,"events":[]}'],
    ['malformed JSON', '{"batch_type"'],
  ])('%s → 400 origin body', async (_name, rawBody) => {
    const res = await call(emu(), 'POST', batchPath(BOX), {
      token: ann.token,
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'bad_request', {}, 'body');
  });

  it('a non-JSON Content-Type → 400 bad_request origin body (§0 #10), nothing created', async () => {
    const res = await call(emu(), 'POST', batchPath(BOX), {
      token: ann.token,
      rawBody: JSON.stringify({ batch_type: 'accesses', events: [rm(A.ben)] }),
      headers: { 'content-type': 'text/plain' },
    });
    expectError(res, 400, 'bad_request', {}, 'body');
    const events = await call(emu(), 'GET', eventsPath(BOX, '?offset=0&limit=500'), {
      token: ann.token,
    });
    expect((events.json as EventDto[]).filter((e) => e.type === 'access.rm')).toEqual([]);
  });

  it('an unknown box → 404 id not_found', async () => {
    const res = await post({ batch_type: 'accesses', events: [rm(A.ben)] }, ann.token, UNKNOWN);
    expect(res.json).toEqual({
      code: 'not_found',
      origin: 'not_defined',
      desc: 'checking exist: getting box create event',
      details: { id: 'not_found' },
    });
  });

  it('a non-admin member with ACR 2 → 403 not the creator', async () => {
    const res = await post(
      { batch_type: 'accesses', events: [add('identifier', 'x@y.z')] },
      ben.token,
    );
    expectError(res, 403, 'forbidden', {});
    expect((res.json as { desc: string }).desc).toBe(
      'doing access.add event: checking admin: not the creator',
    );
  });

  it.each<[string, unknown, number, string, Record<string, string>]>([
    [
      'a duplicate access',
      add('identifier', 'ben@example.com'),
      409,
      'conflict',
      { content: 'conflict', box_id: 'conflict' },
    ],
    [
      'an unknown restriction type',
      add('phone', '123'),
      400,
      'bad_request',
      { restriction_type: 'malformed' },
    ],
    ['a missing value', add('email_domain', ''), 400, 'bad_request', { value: 'required' }],
    ['content that is not an object', { type: 'access.add', content: 'x' }, 400, 'bad_request', {}],
    [
      'auto_invite without extra',
      add('identifier', 'cat2@example.com', {
        content: { restriction_type: 'identifier', value: 'n@example.com', auto_invite: true },
      }),
      400,
      'bad_request',
      { extra: 'required' },
    ],
    [
      'extra without auto_invite',
      add('identifier', 'n@example.com', { extra: { k: 'v' } }),
      400,
      'bad_request',
      { auto_invite: 'invalid' },
    ],
    [
      'an invitee without public key',
      {
        type: 'access.add',
        content: { restriction_type: 'identifier', value: 'nobody@example.com', auto_invite: true },
        extra: { k: 'v' },
      },
      409,
      'conflict',
      {},
    ],
    [
      'an invitee with no identity at all',
      {
        type: 'access.add',
        content: { restriction_type: 'identifier', value: 'cat@other.example', auto_invite: true },
        extra: { nope: 'v' },
      },
      409,
      'conflict',
      {},
    ],
    ['access.rm of an unknown access', rm(UNKNOWN), 404, 'not_found', { id: 'not_found' }],
    [
      'access.rm without referrer',
      { type: 'access.rm' },
      400,
      'bad_request',
      { referrer_id: 'required' },
    ],
    [
      'access.rm with content',
      { type: 'access.rm', referrer_id: A.ben, content: { a: 1 } },
      400,
      'bad_request',
      { content: 'forbidden' },
    ],
    [
      'access.rm with content null',
      { type: 'access.rm', referrer_id: A.ben, content: null },
      400,
      'bad_request',
      { content: 'forbidden' },
    ],
    ['access.rm of a join event', rm(J.ben), 404, 'not_found', { id: 'not_found' }],
  ])('%s → %i', async (_name, element, status, code, details) => {
    expectError(await post({ batch_type: 'accesses', events: [element] }), status, code, details);
  });
});

describe('auto-invite (§6.11)', () => {
  const inv = identity('inv', { publicKeys: ['pk-a', 'pk-b'] });
  const emu = useEmulator(() => ({ ...batchSeed(), identities: [...batchSeed().identities, inv] }));
  const post = (extra: unknown) =>
    call(emu(), 'POST', batchPath(BOX), {
      token: ann.token,
      body: {
        batch_type: 'accesses',
        events: [
          {
            type: 'access.add',
            content: {
              restriction_type: 'identifier',
              value: 'inv@example.com',
              auto_invite: true,
            },
            extra,
          },
        ],
      },
    });

  it('extra mapping one of the invitee public keys → 201, extra not returned', async () => {
    const res = await post({ 'pk-b': 'encrypted' });
    expect(res.status).toBe(201);
    expect(res.json).toEqual([
      expect.objectContaining({
        type: 'access.add',
        content: { restriction_type: 'identifier', value: 'inv@example.com', auto_invite: true },
      }),
    ]);
    expect(res.text).not.toContain('extra');
  });

  it.each([
    ['a key the invitee does not have', { nope: 'x' }],
    ['two entries', { 'pk-a': 'x', 'pk-b': 'y' }],
    ['no entry', {}],
  ])('extra with %s → 400', async (_name, extra) => {
    expect((await post(extra)).status).toBe(400);
  });

  it('an email_domain rule ignores auto_invite and extra', async () => {
    const res = await call(emu(), 'POST', batchPath(BOX), {
      token: ann.token,
      body: {
        batch_type: 'accesses',
        events: [
          {
            type: 'access.add',
            content: { restriction_type: 'email_domain', value: 'inv.example', auto_invite: true },
          },
        ],
      },
    });
    expect(res.status).toBe(201);
  });
});

describe('kick pass and response order (§5.2)', () => {
  const emu = useEmulator(batchSeed);
  const post = (events: unknown[]) =>
    call(emu(), 'POST', batchPath(BOX), {
      token: ann.token,
      body: { batch_type: 'accesses', events },
    });
  const annView = {
    id: ann.id,
    display_name: 'Ann',
    avatar_url: null,
    identifier_value: '',
    identifier_kind: '',
  };

  it('answers the request events in order, then the kicks (the tested [rm, rm, add, kick])', async () => {
    const res = await post([rm(A.ben), rm(A.cat), add('identifier', 'cat@example.com')]);
    expect(res.status).toBe(201);
    const list = res.json as EventDto[];
    expect(list.map((e) => [e.type, e.referrer_id, e.sender.id])).toEqual([
      ['access.rm', A.ben, ann.id],
      ['access.rm', A.cat, ann.id],
      ['access.add', null, ann.id],
      ['member.kick', J.ben, ben.id],
    ]);
    expect(list[0]?.content).toBeNull();
    expect(list[2]?.content).toEqual({ restriction_type: 'identifier', value: 'cat@example.com' });
    expect(list[3]?.content).toEqual({ kicker: annView });
  });

  it('a kicked member loses read access and the kick is listed and counted', async () => {
    const before = Number(
      (await call(emu(), 'HEAD', eventsPath(BOX), { token: ann.token })).headers.get(
        'x-total-count',
      ),
    );
    await post([rm(A.ben)]);
    expect(
      (await call(emu(), 'GET', eventsPath(BOX, '?limit=1'), { token: ben.token })).status,
    ).toBe(403);
    const newest = (await call(emu(), 'GET', eventsPath(BOX, '?limit=1'), { token: ann.token }))
      .json as EventDto[];
    expect(newest[0]).toMatchObject({
      type: 'member.kick',
      sender: { id: ben.id },
      referrer_id: J.ben,
    });
    const after = Number(
      (await call(emu(), 'HEAD', eventsPath(BOX), { token: ann.token })).headers.get(
        'x-total-count',
      ),
    );
    expect(after).toBe(before + 1);
  });

  it('email_domain rules do not protect from the kick pass', async () => {
    const res = await post([rm(A.dan)]);
    expect((res.json as EventDto[]).map((e) => [e.type, e.sender.id])).toEqual([
      ['access.rm', ann.id],
      ['member.kick', dan.id],
    ]);
  });

  it('with no rule left everyone but the admin and the data subject is kicked, even in public mode', async () => {
    const res = await post([rm(A.ben), rm(A.cat), rm(A.dan), rm(A.domain)]);
    const kicks = (res.json as EventDto[]).filter((e) => e.type === 'member.kick');
    expect(kicks.map((k) => [k.sender.id, k.referrer_id])).toEqual([
      [ben.id, J.ben],
      [cat.id, J.cat],
      [dan.id, J.dan],
    ]);
  });

  it('a batch that removes nothing kicks nobody', async () => {
    const res = await post([add('email_domain', 'new.example')]);
    expect((res.json as EventDto[]).map((e) => e.type)).toEqual(['access.add']);
  });
});

describe('atomicity (§5.2)', () => {
  const emu = useEmulator(batchSeed);
  const post = (events: unknown[]) =>
    call(emu(), 'POST', batchPath(BOX), {
      token: ann.token,
      body: { batch_type: 'accesses', events },
    });

  it('an error in the third element rolls back the first two, kicks included', async () => {
    const listBefore = await call(emu(), 'GET', eventsPath(BOX, '?limit=0'), { token: ann.token });
    const failed = await post([rm(A.ben), rm(A.cat), rm(UNKNOWN)]);
    expectError(failed, 404, 'not_found', { id: 'not_found' });
    const listAfter = await call(emu(), 'GET', eventsPath(BOX, '?limit=0'), { token: ann.token });
    expect(listAfter.text).toBe(listBefore.text);
    expect(
      (await call(emu(), 'GET', eventsPath(BOX, '?limit=1'), { token: ben.token })).status,
    ).toBe(200);
    // The same removals still succeed: nothing of the failed batch was kept.
    const retried = await post([rm(A.ben), rm(A.cat)]);
    expect(retried.status).toBe(201);
  });

  it('a duplicate inside one batch fails the whole batch', async () => {
    const res = await post([add('email_domain', 'x.example'), add('email_domain', 'x.example')]);
    expectError(res, 409, 'conflict', { content: 'conflict', box_id: 'conflict' });
    expect((await post([add('email_domain', 'x.example')])).status).toBe(201);
  });

  it('a failed batch consumes no ids or ticks: later output equals a run without it', async () => {
    const clean = await startEmulator({ seed: batchSeed() });
    try {
      await post([rm(A.ben), rm(UNKNOWN)]);
      const body = { batch_type: 'accesses', events: [rm(A.ben)] };
      const a = await call(emu(), 'POST', batchPath(BOX), { token: ann.token, body });
      const b = await call(clean, 'POST', batchPath(BOX), { token: ann.token, body });
      expect(a.json).toEqual(b.json);
    } finally {
      await clean.close();
    }
  });
});

describe('batch on the demo data', () => {
  const emu = useEmulator();

  it('a member who joined (auto identifier rule) survives an unrelated batch; removing the last closed-box rule changes no membership there', async () => {
    const { alice, eve } = DEMO_TOKENS;
    expect(
      (
        await call(emu(), 'POST', eventsPath(DEMO_BOX_IDS.welcome), {
          token: eve,
          body: { type: 'member.join' },
        })
      ).status,
    ).toBe(201);
    const res = await call(emu(), 'POST', batchPath(DEMO_BOX_IDS.welcome), {
      token: alice,
      body: { batch_type: 'accesses', events: [add('email_domain', 'example.org')] },
    });
    expect((res.json as EventDto[]).map((e) => e.type)).toEqual(['access.add']);
    const closed = await call(emu(), 'POST', batchPath(DEMO_BOX_IDS.closed), {
      token: alice,
      body: { batch_type: 'accesses', events: [rm(DEMO_EVENT_IDS.carolAccessClosed)] },
    });
    expect((closed.json as EventDto[]).map((e) => e.type)).toEqual(['access.rm']);
  });

  it('access.rm of an already removed access → 404', async () => {
    const res = await call(emu(), 'POST', batchPath(DEMO_BOX_IDS.closed), {
      token: DEMO_TOKENS.alice,
      body: { batch_type: 'accesses', events: [rm(DEMO_EVENT_IDS.bobAccessClosed)] },
    });
    expectError(res, 404, 'not_found', { id: 'not_found' });
  });
});
