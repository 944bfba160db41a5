// GET /boxes/:id/members and GET /boxes/:id/accesses (upstream-api.md §13.5, §13.10, D7): who is
// in a box and in which order, who sees identifiers, the admin's access list, and every §13.14
// error of both routes.
import {
  DEMO_ACR2_TOKENS,
  DEMO_BOX_IDS,
  DEMO_EVENT_IDS,
  DEMO_EXTRA_TOKENS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
} from '../../emulator/seed';
import {
  acrTooLow,
  batchPath,
  call,
  eventsPath,
  expectError,
  NOT_MEMBER,
  useEmulator,
} from './http';

const { welcome: W, archive: A, closed: C } = DEMO_BOX_IDS;
const I = DEMO_IDENTITY_IDS;
const { alice, bob, eve } = DEMO_TOKENS;
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';

type View = Record<string, unknown>;
describe('GET /boxes/:id/members', () => {
  const emu = useEmulator();
  const members = (token: string, boxId: string) =>
    call(emu(), 'GET', `/boxes/${boxId}/members`, { token });

  it('the creator first, then active joiners newest join first; left and kicked members absent', async () => {
    const joined = await call(emu(), 'POST', eventsPath(W), {
      token: eve,
      body: { type: 'member.join' },
    });
    expect(joined.status).toBe(201);
    const res = await members(bob, W);
    expect(res.status).toBe(200);
    expect((res.json as View[]).map((m) => m.id)).toEqual([I.alice, I.eve, I.bob]);
  });

  it('identity views: transparent for the admin only', async () => {
    const asAdmin = (await members(alice, A)).json;
    const asMember = (await members(bob, A)).json;
    const bobView = {
      id: I.bob,
      display_name: 'Bob Durand',
      avatar_url: null,
      identifier_value: 'bob@example.com',
      identifier_kind: 'email',
    };
    expect((asAdmin as View[])[1]).toEqual(bobView);
    expect((asMember as View[])[1]).toEqual({
      ...bobView,
      identifier_value: '',
      identifier_kind: '',
    });
    expect(Object.keys((asMember as View[])[0] ?? {})).toEqual([
      'id',
      'display_name',
      'avatar_url',
      'identifier_value',
      'identifier_kind',
    ]);
  });

  it('a box whose only member is its creator', async () => {
    expect((await members(alice, C)).json).toMatchObject([{ id: I.alice }]);
  });

  it.each([
    ['a non-member of a public box', eve, W],
    ['a kicked member', bob, C],
    ['a member who left', DEMO_EXTRA_TOKENS.carol, W],
    ['anyone, on an unknown box', alice, UNKNOWN],
  ])('%s → 403 not_member', async (_name, token, boxId) => {
    const res = await members(token, boxId);
    expect([res.status, res.json]).toEqual([403, NOT_MEMBER]);
  });

  it('a bad id → 400 box_id malformed; no token → 401', async () => {
    expectError(await members(alice, 'nope'), 400, 'bad_request', { box_id: 'malformed' });
    expectError(await call(emu(), 'GET', `/boxes/${W}/members`), 401, 'unauthorized');
  });
});

describe('GET /boxes/:id/accesses', () => {
  const emu = useEmulator();
  const accesses = (token: string, boxId: string) =>
    call(emu(), 'GET', `/boxes/${boxId}/accesses`, { token });

  it('the active access.add views, newest first, transparent, content as stored', async () => {
    const added = await call(emu(), 'POST', batchPath(C), {
      token: alice,
      body: {
        batch_type: 'accesses',
        events: [
          {
            type: 'access.add',
            content: { restriction_type: 'email_domain', value: 'example.org', auto_invite: false },
          },
        ],
      },
    });
    expect(added.status).toBe(201);
    const [domainRule] = added.json as View[];
    const res = await accesses(alice, C);
    expect(res.status).toBe(200);
    const list = res.json as View[];
    expect(list.map((a) => [a.id, a.content])).toEqual([
      [
        domainRule?.id,
        { restriction_type: 'email_domain', value: 'example.org', auto_invite: false },
      ],
      [
        DEMO_EVENT_IDS.carolAccessClosed,
        { restriction_type: 'identifier', value: 'carol@example.com' },
      ],
    ]);
    expect(list[1]).toMatchObject({
      type: 'access.add',
      box_id: C,
      referrer_id: null,
      sender: { id: I.alice, identifier_value: 'alice@example.com', identifier_kind: 'email' },
    });
  });

  it('the rule a join adds is listed, with the joiner as sender', async () => {
    const list = (await accesses(alice, A)).json as View[];
    expect(list.map((a) => [a.content, (a.sender as View).id])).toEqual([
      [{ restriction_type: 'identifier', value: 'bob@example.com' }, I.bob],
    ]);
  });

  it('an ACR-1 caller → 403 acr 2, even on a box they are not the admin of', async () => {
    const res = await accesses(bob, W);
    expect([res.status, res.json]).toEqual([403, acrTooLow(2)]);
  });

  it.each([
    ['a member who is not the admin', DEMO_ACR2_TOKENS.bob, W],
    ['the admin, on an unknown box', alice, UNKNOWN],
  ])('%s → 403 not the creator', async (_name, token, boxId) => {
    const res = await accesses(token, boxId);
    expect([res.status, res.json]).toEqual([
      403,
      { code: 'forbidden', origin: 'not_defined', desc: 'not the creator', details: {} },
    ]);
  });

  it('a bad id → 400 box_id malformed', async () => {
    expectError(await accesses(alice, 'nope'), 400, 'bad_request', { box_id: 'malformed' });
  });
});
