// Every mutation over real HTTP (docs/graphql-api.md#type-reference): the event it returns, the
// exact request body the emulator received, its error cases with their exact extensions, and fresh
// reads after a write in the same operation. Each describe block writes to its own gateway and
// emulator, so no write leaks into another block.
import { box, identity, join } from '../../emulator';
import {
  DEMO_BOX_IDS,
  DEMO_EVENT_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_NAMES,
  DEMO_TOKENS,
} from '../../emulator';
import type { Seed } from '../../emulator';
import {
  describeCalls,
  startTestGateway,
  type GqlResponse,
  type TestGateway,
} from '../helpers/start-test-gateway';

const { welcome: W, closed: C } = DEMO_BOX_IDS;
const E = DEMO_EVENT_IDS;
const UNKNOWN_BOX = 'b0000000-0000-4000-8000-0000000000ff';
const UNKNOWN_EVENT = 'd0000000-0000-4000-8000-0000000000ff';
const UUID = expect.stringMatching(
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
);
const TIMESTAMP = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
const BASE = 'id type boxId referrerId serverEventCreatedAt sender { id displayName }';

const who = (name: 'alice' | 'bob' | 'eve') => ({
  id: DEMO_IDENTITY_IDS[name],
  displayName: DEMO_NAMES[name],
});

/** The one error of a failed mutation, asserted whole; data is null (mutation fields are non-null). */
function expectOneError(
  res: GqlResponse,
  field: string,
  extensions: Record<string, unknown>,
  status = 200,
) {
  expect(res.status).toBe(status);
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors).toHaveLength(1);
  const [error] = res.body.errors ?? [];
  expect(error.extensions).toEqual(extensions);
  if (status === 200) expect(error.path).toEqual([field]);
}

const forbidden = (details: Record<string, string> = {}) => ({
  code: 'FORBIDDEN',
  ...(details.reason ? { reason: details.reason } : {}),
  upstream: { status: 403, code: 'forbidden', origin: 'not_defined', details },
});
const NOT_MEMBER = forbidden({ reason: 'not_member', sender_id: 'forbidden' });
const NO_ACCESS = forbidden({ reason: 'no_access' });
const upstreamError = (code: string, status: number, upstreamCode: string, details = {}) => ({
  code,
  upstream: { status, code: upstreamCode, origin: 'not_defined', details },
});
const NOT_FOUND = upstreamError('NOT_FOUND', 404, 'not_found');
const CONFLICT = upstreamError('CONFLICT', 409, 'conflict');
const GONE = upstreamError('GONE', 410, 'gone');
const badInput = (fields: Record<string, string>) => ({
  ...upstreamError('BAD_USER_INPUT', 400, 'bad_request', fields),
  fields,
});

function useGateway(seed?: () => Seed) {
  const ref: { t: TestGateway } = {} as { t: TestGateway };
  beforeAll(async () => {
    ref.t = await startTestGateway({ emulator: { seed: seed?.() } });
  });
  afterAll(() => ref.t.close());
  beforeEach(() => ref.t.resetCalls());
  return ref;
}

const posts = (t: TestGateway) =>
  t.upstreamCalls().map((call) => [call.method, call.path, call.body]);

describe('postTextMessage', () => {
  const g = useGateway();

  it('returns the created TextMessageEvent after one POST with the documented body', async () => {
    const res = await g.t.gql(
      `mutation { postTextMessage(boxId: "${W}", encrypted: "aGVsbG8", publicKey: "pk-1") {
        __typename ${BASE} encrypted publicKey lastEditedAt deletion { deletedAt } } }`,
      undefined,
      { token: DEMO_TOKENS.bob },
    );
    expect(res.body).toEqual({
      data: {
        postTextMessage: {
          __typename: 'TextMessageEvent',
          id: UUID,
          type: 'msg.text',
          boxId: W,
          referrerId: null,
          serverEventCreatedAt: TIMESTAMP,
          sender: who('bob'),
          encrypted: 'aGVsbG8',
          publicKey: 'pk-1',
          lastEditedAt: null,
          deletion: null,
        },
      },
    });
    expect(posts(g.t)).toEqual([
      [
        'POST',
        `/boxes/${W}/events`,
        { type: 'msg.text', content: { encrypted: 'aGVsbG8', public_key: 'pk-1' } },
      ],
    ]);
  });

  it('a later field of the same operation reads fresh data: the HEAD comes after the POST', async () => {
    const before = await g.t.gql(`{ box(id: "${W}") { eventsCount } }`, undefined, {
      token: DEMO_TOKENS.bob,
    });
    const n = before.body.data.box.eventsCount;
    g.t.resetCalls();
    const res = await g.t.gql(
      `mutation {
        first: postTextMessage(boxId: "${W}", encrypted: "b25l", publicKey: "k") { id box { eventsCount events(limit: 1) { id } } }
        second: postTextMessage(boxId: "${W}", encrypted: "dHdv", publicKey: "k") { id box { eventsCount events(limit: 1) { id } } }
      }`,
      undefined,
      { token: DEMO_TOKENS.bob },
    );
    const { first, second } = res.body.data;
    expect(first.box).toEqual({ eventsCount: n + 1, events: [{ id: first.id }] });
    expect(second.box).toEqual({ eventsCount: n + 2, events: [{ id: second.id }] });
    // Mutations run in series; the reads below each come after its POST (HEAD and GET of one
    // tick may arrive in either order).
    const calls = describeCalls(g.t.upstreamCalls());
    const reads = [`GET /boxes/${W}/events?offset=0&limit=1`, `HEAD /boxes/${W}/events`];
    expect(calls[0]).toBe(`POST /boxes/${W}/events`);
    expect(calls.slice(1, 3).sort()).toEqual(reads);
    expect(calls[3]).toBe(`POST /boxes/${W}/events`);
    expect(calls.slice(4).sort()).toEqual(reads);
  });

  it.each(['aGk=', 'a+b/c', 'with space', ''])(
    'encrypted %p is not unpadded URL-safe base64 → BAD_USER_INPUT, no upstream call',
    async (encrypted) => {
      const res = await g.t.gql(
        `mutation ($e: String!) { postTextMessage(boxId: "${W}", encrypted: $e, publicKey: "k") { id } }`,
        { e: encrypted },
        { token: DEMO_TOKENS.bob },
      );
      expectOneError(
        res,
        'postTextMessage',
        { code: 'BAD_USER_INPUT', fields: { encrypted: 'must be unpadded URL-safe base64' } },
        400,
      );
      expect(g.t.upstreamCalls()).toEqual([]);
    },
  );

  it('a non-member → FORBIDDEN with reason not_member', async () => {
    const res = await g.t.gql(
      `mutation { postTextMessage(boxId: "${W}", encrypted: "aGk", publicKey: "k") { id } }`,
      undefined,
      { token: DEMO_TOKENS.eve },
    );
    expectOneError(res, 'postTextMessage', NOT_MEMBER);
  });

  it('an unknown box → FORBIDDEN without a reason (the upstream answers a bare 403)', async () => {
    const res = await g.t.gql(
      `mutation { postTextMessage(boxId: "${UNKNOWN_BOX}", encrypted: "aGk", publicKey: "k") { id } }`,
      undefined,
      { token: DEMO_TOKENS.alice },
    );
    expectOneError(res, 'postTextMessage', forbidden());
  });

  it('an uppercase box id is sent upstream in lowercase', async () => {
    const res = await g.t.gql(
      `mutation { postTextMessage(boxId: "${W.toUpperCase()}", encrypted: "aGk", publicKey: "k") { boxId } }`,
      undefined,
      { token: DEMO_TOKENS.bob },
    );
    expect(res.body).toEqual({ data: { postTextMessage: { boxId: W } } });
    expect(describeCalls(g.t.upstreamCalls())).toEqual([`POST /boxes/${W}/events`]);
  });
});

describe('editTextMessage', () => {
  const g = useGateway();
  const edit = (token: string, messageId: string, newEncrypted = 'bmV3') =>
    g.t.gql(
      `mutation ($m: UUID!, $e: String!) { editTextMessage(boxId: "${W}", messageId: $m, newEncrypted: $e, newPublicKey: "npk") {
        __typename ${BASE} newEncrypted newPublicKey } }`,
      { m: messageId, e: newEncrypted },
      { token },
    );

  it('returns the MessageEditEvent; the list then shows the edit folded in', async () => {
    const res = await edit(DEMO_TOKENS.bob, E.editedText);
    expect(res.body).toEqual({
      data: {
        editTextMessage: {
          __typename: 'MessageEditEvent',
          id: UUID,
          type: 'msg.edit',
          boxId: W,
          referrerId: E.editedText,
          serverEventCreatedAt: TIMESTAMP,
          sender: who('bob'),
          newEncrypted: 'bmV3',
          newPublicKey: 'npk',
        },
      },
    });
    expect(posts(g.t)).toEqual([
      [
        'POST',
        `/boxes/${W}/events`,
        {
          type: 'msg.edit',
          content: { new_encrypted: 'bmV3', new_public_key: 'npk' },
          referrer_id: E.editedText,
        },
      ],
    ]);
    const list = await g.t.gql(
      `{ box(id: "${W}") { events(offset: 7, limit: 1) { id ... on TextMessageEvent { encrypted publicKey lastEditedAt } } } }`,
      undefined,
      { token: DEMO_TOKENS.bob },
    );
    expect(list.body.data.box.events).toEqual([
      {
        id: E.editedText,
        encrypted: 'bmV3',
        publicKey: 'npk',
        lastEditedAt: res.body.data.editTextMessage.serverEventCreatedAt,
      },
    ]);
  });

  it("someone else's message → FORBIDDEN (even for the admin)", async () => {
    expectOneError(await edit(DEMO_TOKENS.alice, E.editedText), 'editTextMessage', forbidden());
  });

  it('a deleted message → GONE', async () => {
    expectOneError(await edit(DEMO_TOKENS.alice, E.deletedText), 'editTextMessage', GONE);
  });

  it('an unknown message → NOT_FOUND', async () => {
    expectOneError(await edit(DEMO_TOKENS.bob, UNKNOWN_EVENT), 'editTextMessage', NOT_FOUND);
  });

  it('a file message → FORBIDDEN', async () => {
    expectOneError(await edit(DEMO_TOKENS.alice, E.savedFile), 'editTextMessage', forbidden());
  });

  it('newEncrypted in standard base64 → BAD_USER_INPUT, no upstream call', async () => {
    expectOneError(
      await edit(DEMO_TOKENS.bob, E.editedText, 'bmV3+w=='),
      'editTextMessage',
      { code: 'BAD_USER_INPUT', fields: { newEncrypted: 'must be unpadded URL-safe base64' } },
      400,
    );
    expect(g.t.upstreamCalls()).toEqual([]);
  });
});

describe('deleteMessage', () => {
  const g = useGateway();
  const remove = (token: string, messageId: string) =>
    g.t.gql(
      `mutation ($m: UUID!) { deleteMessage(boxId: "${W}", messageId: $m) { __typename ${BASE} } }`,
      { m: messageId },
      { token },
    );

  it("the admin deletes someone else's message → MessageDeleteEvent; a second delete → GONE", async () => {
    const bobsText = (
      await g.t.gql(
        `{ box(id: "${W}") { events(offset: 11, limit: 1) { id sender { id } } } }`,
        undefined,
        {
          token: DEMO_TOKENS.alice,
        },
      )
    ).body.data.box.events[0];
    expect(bobsText.sender.id).toBe(DEMO_IDENTITY_IDS.bob);
    g.t.resetCalls();

    const res = await remove(DEMO_TOKENS.alice, bobsText.id);
    expect(res.body).toEqual({
      data: {
        deleteMessage: {
          __typename: 'MessageDeleteEvent',
          id: UUID,
          type: 'msg.delete',
          boxId: W,
          referrerId: bobsText.id,
          serverEventCreatedAt: TIMESTAMP,
          sender: who('alice'),
        },
      },
    });
    expect(posts(g.t)).toEqual([
      ['POST', `/boxes/${W}/events`, { type: 'msg.delete', referrer_id: bobsText.id }],
    ]);
    expectOneError(await remove(DEMO_TOKENS.alice, bobsText.id), 'deleteMessage', GONE);
  });

  it("a member deleting someone else's message → FORBIDDEN", async () => {
    expectOneError(await remove(DEMO_TOKENS.bob, E.welcomeText), 'deleteMessage', forbidden());
  });

  it('an unknown message → NOT_FOUND', async () => {
    expectOneError(await remove(DEMO_TOKENS.alice, UNKNOWN_EVENT), 'deleteMessage', NOT_FOUND);
  });

  it('an event that is not a message (the create event) → FORBIDDEN', async () => {
    const create = (
      await g.t.gql(`{ box(id: "${W}") { events(offset: 16, limit: 1) { id type } } }`, undefined, {
        token: DEMO_TOKENS.alice,
      })
    ).body.data.box.events[0];
    expect(create.type).toBe('create');
    expectOneError(await remove(DEMO_TOKENS.alice, create.id), 'deleteMessage', forbidden());
  });
});

describe('joinBox and leaveBox', () => {
  const g = useGateway();
  const join = (token: string, boxId: string) =>
    g.t.gql(`mutation { joinBox(boxId: "${boxId}") { __typename ${BASE} } }`, undefined, { token });
  const leave = (token: string, boxId: string) =>
    g.t.gql(`mutation { leaveBox(boxId: "${boxId}") { __typename ${BASE} } }`, undefined, {
      token,
    });

  it('eve joins the public box → MemberJoinEvent; joining again → CONFLICT', async () => {
    const res = await join(DEMO_TOKENS.eve, W);
    expect(res.body).toEqual({
      data: {
        joinBox: {
          __typename: 'MemberJoinEvent',
          id: UUID,
          type: 'member.join',
          boxId: W,
          referrerId: null,
          serverEventCreatedAt: TIMESTAMP,
          sender: who('eve'),
        },
      },
    });
    expect(posts(g.t)).toEqual([['POST', `/boxes/${W}/events`, { type: 'member.join' }]]);
    expectOneError(await join(DEMO_TOKENS.eve, W), 'joinBox', CONFLICT);
  });

  it('the admin joining their own box → CONFLICT', async () => {
    expectOneError(await join(DEMO_TOKENS.alice, W), 'joinBox', CONFLICT);
  });

  it('a limited box with no matching rule → FORBIDDEN with reason no_access (eve; bob, once kicked)', async () => {
    expectOneError(await join(DEMO_TOKENS.eve, C), 'joinBox', NO_ACCESS);
    expectOneError(await join(DEMO_TOKENS.bob, C), 'joinBox', NO_ACCESS);
  });

  it('bob leaves → MemberLeaveEvent referring to his join; he can no longer read the box', async () => {
    const res = await leave(DEMO_TOKENS.bob, W);
    expect(res.body).toEqual({
      data: {
        leaveBox: {
          __typename: 'MemberLeaveEvent',
          id: UUID,
          type: 'member.leave',
          boxId: W,
          referrerId: E.bobJoinWelcome,
          serverEventCreatedAt: TIMESTAMP,
          sender: who('bob'),
        },
      },
    });
    expect(posts(g.t)).toEqual([['POST', `/boxes/${W}/events`, { type: 'member.leave' }]]);
    const read = await g.t.gql(`{ box(id: "${W}") { events(limit: 1) { id } } }`, undefined, {
      token: DEMO_TOKENS.bob,
    });
    expect(read.body.errors?.[0].extensions).toEqual(NOT_MEMBER);
  });

  it('the admin cannot leave → FORBIDDEN; a non-member cannot leave → FORBIDDEN not_member', async () => {
    expectOneError(await leave(DEMO_TOKENS.alice, W), 'leaveBox', forbidden());
    expectOneError(await leave(DEMO_TOKENS.eve, C), 'leaveBox', NOT_MEMBER);
  });
});

describe('setBoxAccessMode and setBoxKeyShare', () => {
  const g = useGateway();

  it('the admin opens the closed box → AccessModeChangedEvent PUBLIC; eve can then join it', async () => {
    const res = await g.t.gql(
      `mutation { setBoxAccessMode(boxId: "${C}", mode: PUBLIC) { __typename ${BASE} accessMode } }`,
      undefined,
      { token: DEMO_TOKENS.alice },
    );
    expect(res.body).toEqual({
      data: {
        setBoxAccessMode: {
          __typename: 'AccessModeChangedEvent',
          id: UUID,
          type: 'state.access_mode',
          boxId: C,
          referrerId: null,
          serverEventCreatedAt: TIMESTAMP,
          sender: who('alice'),
          accessMode: 'PUBLIC',
        },
      },
    });
    expect(posts(g.t)).toEqual([
      ['POST', `/boxes/${C}/events`, { type: 'state.access_mode', content: { value: 'public' } }],
    ]);
    const joined = await g.t.gql(`mutation { joinBox(boxId: "${C}") { type } }`, undefined, {
      token: DEMO_TOKENS.eve,
    });
    expect(joined.body).toEqual({ data: { joinBox: { type: 'member.join' } } });
  });

  it('a member who is not the admin → FORBIDDEN', async () => {
    const res = await g.t.gql(
      `mutation { setBoxAccessMode(boxId: "${W}", mode: LIMITED) { id } }`,
      undefined,
      { token: DEMO_TOKENS.bob },
    );
    expectOneError(res, 'setBoxAccessMode', forbidden());
  });

  it('a mode outside the enum is refused by validation, no upstream call', async () => {
    const res = await g.t.gql(
      `mutation { setBoxAccessMode(boxId: "${W}", mode: SECRET) { id } }`,
      undefined,
      { token: DEMO_TOKENS.alice },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(g.t.upstreamCalls()).toEqual([]);
  });

  const keyShare = (token: string, misakeyShare: string) =>
    g.t.gql(
      `mutation ($s: String!) { setBoxKeyShare(boxId: "${W}", misakeyShare: $s, otherShareHash: "hash", encryptedInvitationKeyShare: "enc") {
        __typename ${BASE} } }`,
      { s: misakeyShare },
      { token },
    );

  it('the admin sets a key share → KeyShareChangedEvent; the shares travel in extra, no content', async () => {
    const res = await keyShare(DEMO_TOKENS.alice, 'share');
    expect(res.body).toEqual({
      data: {
        setBoxKeyShare: {
          __typename: 'KeyShareChangedEvent',
          id: UUID,
          type: 'state.key_share',
          boxId: W,
          referrerId: null,
          serverEventCreatedAt: TIMESTAMP,
          sender: who('alice'),
        },
      },
    });
    expect(posts(g.t)).toEqual([
      [
        'POST',
        `/boxes/${W}/events`,
        {
          type: 'state.key_share',
          extra: {
            misakey_share: 'share',
            other_share_hash: 'hash',
            encrypted_invitation_key_share: 'enc',
          },
        },
      ],
    ]);
  });

  it('an empty share → the upstream 400 as BAD_USER_INPUT with its fields', async () => {
    expectOneError(
      await keyShare(DEMO_TOKENS.alice, ''),
      'setBoxKeyShare',
      badInput({ misakey_share: 'required' }),
    );
  });

  it('a member who is not the admin → FORBIDDEN', async () => {
    expectOneError(await keyShare(DEMO_TOKENS.bob, 'share'), 'setBoxKeyShare', forbidden());
  });
});

describe('changeBoxAccesses', () => {
  // A box of ann's (ACR 2) where ben is a member through an identifier rule; cat has ACR 2 and a
  // public key but is not the admin; ben has ACR 1.
  const ann = identity('ann', { acr: 2 });
  const ben = identity('ben');
  const cat = identity('cat', { acr: 2 });
  const RULE_BEN = 'ac000000-0000-4000-8000-000000000001';
  const BEN_JOIN = 'ac000000-0000-4000-8000-000000000002';
  const team = box('Team', ann, {
    accesses: [{ id: RULE_BEN, restrictionType: 'identifier', value: 'ben@example.com' }],
    events: [join(ben, BEN_JOIN)],
  });
  const g = useGateway(() => ({ identities: [ann, ben, cat], boxes: [team] }));
  const person = (i: typeof ann) => ({ id: i.id, displayName: i.displayName });

  const CHANGE = `mutation ($box: UUID!, $add: [AccessAddInput!]! = [], $remove: [UUID!]! = []) {
    changeBoxAccesses(boxId: $box, add: $add, remove: $remove) {
      removed { __typename ${BASE} }
      added { __typename ${BASE} restrictionType value autoInvite }
      kicked { __typename ${BASE} kicker { id displayName } box { eventsCount } }
    } }`;
  const change = (token: string, variables: Record<string, unknown>) =>
    g.t.gql(CHANGE, { box: team.id, ...variables }, { token });

  it('one batch: removals then additions; the response split into removed / added / kicked', async () => {
    const res = await change(ann.token, {
      remove: [RULE_BEN],
      add: [
        { restrictionType: 'EMAIL_DOMAIN', value: 'example.org' },
        {
          restrictionType: 'IDENTIFIER',
          value: 'cat@example.com',
          autoInvite: true,
          invitation: { 'pk-cat': 'encrypted-crypto-action' },
        },
      ],
    });
    const event = (
      typename: string,
      type: string,
      sender: typeof ann,
      referrerId: string | null,
    ) => ({
      __typename: typename,
      id: UUID,
      type,
      boxId: team.id,
      referrerId,
      serverEventCreatedAt: TIMESTAMP,
      sender: person(sender),
    });
    expect(res.body).toEqual({
      data: {
        changeBoxAccesses: {
          removed: [event('AccessRemovedEvent', 'access.rm', ann, RULE_BEN)],
          added: [
            {
              ...event('AccessAddedEvent', 'access.add', ann, null),
              restrictionType: 'EMAIL_DOMAIN',
              value: 'example.org',
              autoInvite: null,
            },
            {
              ...event('AccessAddedEvent', 'access.add', ann, null),
              restrictionType: 'IDENTIFIER',
              value: 'cat@example.com',
              autoInvite: true,
            },
          ],
          // ben lost his identifier rule: the kick pass removed him. The count read below the
          // mutation is fresh: create + ben's join + his kick.
          kicked: [
            {
              ...event('MemberKickEvent', 'member.kick', ben, BEN_JOIN),
              kicker: person(ann),
              box: { eventsCount: 3 },
            },
          ],
        },
      },
    });
    expect(posts(g.t)).toEqual([
      [
        'POST',
        `/boxes/${team.id}/batch-events`,
        {
          batch_type: 'accesses',
          events: [
            { type: 'access.rm', referrer_id: RULE_BEN },
            {
              type: 'access.add',
              content: { restriction_type: 'email_domain', value: 'example.org' },
            },
            {
              type: 'access.add',
              content: {
                restriction_type: 'identifier',
                value: 'cat@example.com',
                auto_invite: true,
              },
              extra: { 'pk-cat': 'encrypted-crypto-action' },
            },
          ],
        },
      ],
      ['HEAD', `/boxes/${team.id}/events`, undefined],
    ]);
  });

  it('an ACR-1 caller → STEP_UP_REQUIRED with requiredAcr 2', async () => {
    const res = await change(ben.token, {
      add: [{ restrictionType: 'EMAIL_DOMAIN', value: 'x.org' }],
    });
    expectOneError(res, 'changeBoxAccesses', {
      code: 'STEP_UP_REQUIRED',
      requiredAcr: 2,
      upstream: {
        status: 403,
        code: 'forbidden',
        origin: 'acr',
        details: { acr: 'forbidden', required_acr: '2' },
      },
    });
  });

  it('add and remove both empty → BAD_USER_INPUT, no upstream call', async () => {
    const res = await change(ann.token, {});
    expectOneError(
      res,
      'changeBoxAccesses',
      {
        code: 'BAD_USER_INPUT',
        fields: { add: 'add and remove are both empty', remove: 'add and remove are both empty' },
      },
      400,
    );
    expect(g.t.upstreamCalls()).toEqual([]);
  });

  it('an access that already exists → CONFLICT with the upstream details', async () => {
    const add = [{ restrictionType: 'EMAIL_DOMAIN', value: 'conflict.example' }];
    expect((await change(ann.token, { add })).body.errors).toBeUndefined();
    const res = await change(ann.token, { add });
    expectOneError(
      res,
      'changeBoxAccesses',
      upstreamError('CONFLICT', 409, 'conflict', { content: 'conflict', box_id: 'conflict' }),
    );
  });

  it('removing an access that does not exist → NOT_FOUND', async () => {
    const res = await change(ann.token, { remove: ['ac000000-0000-4000-8000-0000000000ff'] });
    expectOneError(
      res,
      'changeBoxAccesses',
      upstreamError('NOT_FOUND', 404, 'not_found', { id: 'not_found' }),
    );
  });

  it('auto-invite without an invitation → the upstream 400 as BAD_USER_INPUT with fields', async () => {
    const res = await change(ann.token, {
      add: [{ restrictionType: 'IDENTIFIER', value: 'dan@example.com', autoInvite: true }],
    });
    expectOneError(res, 'changeBoxAccesses', badInput({ extra: 'required' }));
  });

  it('a caller with ACR 2 who is not the admin → FORBIDDEN', async () => {
    const res = await change(cat.token, {
      add: [{ restrictionType: 'EMAIL_DOMAIN', value: 'y.org' }],
    });
    expectOneError(res, 'changeBoxAccesses', forbidden());
  });

  it('an unknown box → NOT_FOUND (the batch endpoint answers 404, not 403)', async () => {
    const res = await g.t.gql(
      CHANGE,
      { box: UNKNOWN_BOX, remove: [RULE_BEN] },
      { token: ann.token },
    );
    expectOneError(
      res,
      'changeBoxAccesses',
      upstreamError('NOT_FOUND', 404, 'not_found', { id: 'not_found' }),
    );
  });
});

describe('postBoxEvent (the escape hatch)', () => {
  const g = useGateway();
  const post = (token: string, boxId: string, input: Record<string, unknown>) =>
    g.t.gql(
      `mutation ($box: UUID!, $input: BoxEventInput!) { postBoxEvent(boxId: $box, input: $input) {
        __typename ${BASE}
        ... on TextMessageEvent { encrypted }
        ... on MessageEditEvent { newEncrypted }
        ... on AccessModeChangedEvent { accessMode } } }`,
      { box: boxId, input },
      { token },
    );

  it('sends only the keys given and maps the answer by its type', async () => {
    const join = await post(DEMO_TOKENS.eve, W, { type: 'member.join' });
    expect(join.body.data.postBoxEvent).toMatchObject({
      __typename: 'MemberJoinEvent',
      type: 'member.join',
      sender: who('eve'),
    });

    const text = await post(DEMO_TOKENS.eve, W, {
      type: 'msg.text',
      content: { encrypted: 'eA', public_key: 'k' },
    });
    expect(text.body.data.postBoxEvent).toMatchObject({
      __typename: 'TextMessageEvent',
      encrypted: 'eA',
    });

    const edit = await post(DEMO_TOKENS.eve, W, {
      type: 'msg.edit',
      referrerId: text.body.data.postBoxEvent.id.toUpperCase(),
      content: { new_encrypted: 'eUE', new_public_key: 'k' },
    });
    expect(edit.body.data.postBoxEvent).toMatchObject({
      __typename: 'MessageEditEvent',
      referrerId: text.body.data.postBoxEvent.id,
      newEncrypted: 'eUE',
    });

    const mode = await post(DEMO_TOKENS.alice, W, {
      type: 'state.access_mode',
      content: { value: 'limited' },
      referrerId: null,
      extra: null,
    });
    expect(mode.body.data.postBoxEvent).toMatchObject({
      __typename: 'AccessModeChangedEvent',
      accessMode: 'LIMITED',
    });

    expect(posts(g.t)).toEqual([
      ['POST', `/boxes/${W}/events`, { type: 'member.join' }],
      [
        'POST',
        `/boxes/${W}/events`,
        { type: 'msg.text', content: { encrypted: 'eA', public_key: 'k' } },
      ],
      [
        'POST',
        `/boxes/${W}/events`,
        {
          type: 'msg.edit',
          content: { new_encrypted: 'eUE', new_public_key: 'k' },
          referrer_id: text.body.data.postBoxEvent.id,
        },
      ],
      [
        'POST',
        `/boxes/${W}/events`,
        {
          type: 'state.access_mode',
          content: { value: 'limited' },
          referrer_id: null,
          extra: null,
        },
      ],
    ]);
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    [
      'a type the upstream does not accept (msg.txt)',
      { type: 'msg.txt', content: { encrypted: 'eA', public_key: 'k' } },
      { type: 'malformed' },
    ],
    [
      'msg.file (files only come from upload)',
      { type: 'msg.file', content: { encrypted: 'eA', public_key: 'k' } },
      { type: 'malformed' },
    ],
    ['msg.text without content', { type: 'msg.text' }, { content: 'required' }],
    [
      'msg.text with a referrer',
      {
        type: 'msg.text',
        content: { encrypted: 'eA', public_key: 'k' },
        referrerId: E.welcomeText,
      },
      { referrer_id: 'forbidden' },
    ],
  ])('%s → BAD_USER_INPUT with the upstream fields', async (_name, input, fields) => {
    expectOneError(await post(DEMO_TOKENS.alice, W, input), 'postBoxEvent', badInput(fields));
  });

  it('the upstream type checks apply (member.leave by the admin → FORBIDDEN)', async () => {
    expectOneError(
      await post(DEMO_TOKENS.alice, W, { type: 'member.leave' }),
      'postBoxEvent',
      forbidden(),
    );
  });

  it('a type the gateway does not model is served as UnknownBoxEvent (crafted upstream answer)', async () => {
    g.t.emulator.failNext({
      method: 'POST',
      path: `/boxes/${W}/events`,
      fault: {
        kind: 'status',
        status: 201,
        body: {
          type: 'box.pinned',
          content: { pinned: true },
          box_id: W,
          id: 'c0000000-0000-4000-8000-000000000001',
          server_event_created_at: '2021-05-01T10:00:00.123456789Z',
          referrer_id: null,
          sender: {
            id: DEMO_IDENTITY_IDS.alice,
            display_name: DEMO_NAMES.alice,
            avatar_url: null,
            identifier_value: '',
            identifier_kind: '',
          },
        },
      },
    });
    const res = await g.t.gql(
      `mutation { postBoxEvent(boxId: "${W}", input: { type: "box.pinned", content: { pinned: true } }) {
        __typename type serverEventCreatedAt ... on UnknownBoxEvent { content } } }`,
      undefined,
      { token: DEMO_TOKENS.alice },
    );
    expect(res.body).toEqual({
      data: {
        postBoxEvent: {
          __typename: 'UnknownBoxEvent',
          type: 'box.pinned',
          // Nanoseconds, as a POST answer has them, passed through untouched.
          serverEventCreatedAt: '2021-05-01T10:00:00.123456789Z',
          content: { pinned: true },
        },
      },
    });
    expect(posts(g.t)).toEqual([
      ['POST', `/boxes/${W}/events`, { type: 'box.pinned', content: { pinned: true } }],
    ]);
  });
});
