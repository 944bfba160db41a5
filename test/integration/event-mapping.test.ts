// Every upstream event type through GraphQL (docs/graphql-api.md#mapping), the whole gateway over
// real HTTP against the emulator. The demo box "Welcome" holds one of every visible type; what the
// seed API cannot express (unknown types, odd content, events missing what every event has) is
// served by the emulator's fault injection as a crafted 200 list.
import {
  DEMO_AVATAR_URLS,
  DEMO_BOX_IDS,
  DEMO_EVENT_IDS,
  DEMO_FILE_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_NAMES,
  DEMO_TOKENS,
} from '../../emulator';
import {
  describeCalls,
  startTestGateway,
  type Data,
  type TestGateway,
} from '../helpers/start-test-gateway';

const W = DEMO_BOX_IDS.welcome;
const E = DEMO_EVENT_IDS;
const b64 = (text: string) => Buffer.from(text).toString('base64url');

const IDENTITY = 'id displayName avatarUrl identifierValue identifierKind';
const EVENT = `__typename id type boxId serverEventCreatedAt referrerId sender { ${IDENTITY} } box { id }
  ... on BoxCreatedEvent { title boxPublicKey: publicKey ownerOrgId datatagId subjectIdentityId }
  ... on TextMessageEvent { encrypted publicKey lastEditedAt deletion { deletedBy { ${IDENTITY} } deletedAt } }
  ... on FileMessageEvent { encrypted publicKey encryptedFileId isSaved deletion { deletedBy { ${IDENTITY} } deletedAt } }
  ... on MemberKickEvent { kicker { ${IDENTITY} } }
  ... on AccessModeChangedEvent { accessMode }
  ... on UnknownBoxEvent { content }`;

/** An identity as the upstream's non-transparent views give it: identifier fields "" → null. */
function person(name: 'alice' | 'bob' | 'carol' | 'dave') {
  return {
    id: DEMO_IDENTITY_IDS[name],
    displayName: DEMO_NAMES[name],
    avatarUrl: name === 'alice' ? DEMO_AVATAR_URLS.alice : null,
    identifierValue: null,
    identifierKind: null,
  };
}

/** The seven interface fields plus `box`, for an event of the Welcome box. */
function base(
  typename: string,
  type: string,
  id: string,
  sender: ReturnType<typeof person>,
  at: string,
  referrerId: string | null = null,
) {
  return {
    __typename: typename,
    id,
    type,
    boxId: W,
    serverEventCreatedAt: at,
    referrerId,
    sender,
    box: { id: W },
  };
}

describe('every visible event type, as listed (demo box "Welcome")', () => {
  let t: TestGateway;
  let events: Data[];
  const byId = (id: string) => events.find((e) => e.id === id);
  const only = (typename: string, senderId: string) => {
    const found = events.filter((e) => e.__typename === typename && e.sender.id === senderId);
    expect(found).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    t = await startTestGateway();
    const res = await t.gql(`{ box(id: "${W}") { events { ${EVENT} } } }`, undefined, {
      token: DEMO_TOKENS.alice,
    });
    expect(res.body.errors).toBeUndefined();
    events = res.body.data.box.events;
  });
  afterAll(() => t.close());

  it('lists all 17 visible events newest first, each as the class its type string names, in one explicit GET', async () => {
    expect(events.map((e) => [e.__typename, e.type])).toEqual([
      ['TextMessageEvent', 'msg.text'], // alice's latest
      ['MemberKickEvent', 'member.kick'], // dave
      ['TextMessageEvent', 'msg.text'], // dave
      ['MemberJoinEvent', 'member.join'], // dave
      ['FileMessageEvent', 'msg.file'], // bob's, deleted
      ['FileMessageEvent', 'msg.file'], // alice's, saved by bob
      ['TextMessageEvent', 'msg.text'], // alice's, deleted
      ['TextMessageEvent', 'msg.text'], // bob's, edited
      ['MemberLeaveEvent', 'member.leave'], // carol
      ['TextMessageEvent', 'msg.text'], // carol
      ['MemberJoinEvent', 'member.join'], // carol
      ['TextMessageEvent', 'msg.text'], // bob
      ['TextMessageEvent', 'msg.text'], // alice's welcome
      ['MemberJoinEvent', 'member.join'], // bob
      ['KeyShareChangedEvent', 'state.key_share'],
      ['AccessModeChangedEvent', 'state.access_mode'],
      ['BoxCreatedEvent', 'create'],
    ]);
    // The access.add / access.rm / msg.edit / msg.delete rows of the seed are never listed.
    expect(new Set(events.map((e) => e.id)).size).toBe(17);
    expect(describeCalls(t.upstreamCalls())).toEqual([`GET /boxes/${W}/events?offset=0&limit=500`]);
  });

  it('create → BoxCreatedEvent with its content lifted (absent ids null)', () => {
    const create = events[16];
    expect(create).toEqual({
      ...base('BoxCreatedEvent', 'create', create.id, person('alice'), '2021-03-01T09:00:00Z'),
      title: 'Welcome',
      boxPublicKey: 'box-public-key-1',
      ownerOrgId: '0a000000-0000-4000-8000-000000000001',
      datatagId: null,
      subjectIdentityId: null,
    });
  });

  it('msg.text, plain → encrypted/publicKey as stored, no edit, no deletion', () => {
    expect(byId(E.welcomeText)).toEqual({
      ...base(
        'TextMessageEvent',
        'msg.text',
        E.welcomeText,
        person('alice'),
        '2021-03-01T09:00:06.172835Z',
      ),
      encrypted: b64('Welcome to the box!'),
      publicKey: 'message-key',
      lastEditedAt: null,
      deletion: null,
    });
  });

  it('msg.text, edited → the edited values, lastEditedAt set, id/sender/time of the original', () => {
    expect(byId(E.editedText)).toEqual({
      ...base(
        'TextMessageEvent',
        'msg.text',
        E.editedText,
        person('bob'),
        '2021-03-01T09:00:13.580237Z',
      ),
      encrypted: b64('Hello everyone (edited)'),
      publicKey: 'edit-key',
      lastEditedAt: '2021-03-01T09:00:14.814804Z',
      deletion: null,
    });
  });

  it('msg.text, deleted → deletion by the deleter, deletedAt null for the zero time, content fields null', () => {
    expect(byId(E.deletedText)).toEqual({
      ...base(
        'TextMessageEvent',
        'msg.text',
        E.deletedText,
        person('alice'),
        '2021-03-01T09:00:16.049371Z',
      ),
      encrypted: null,
      publicKey: null,
      lastEditedAt: null,
      deletion: { deletedBy: person('alice'), deletedAt: null },
    });
  });

  it('msg.file, not saved by the caller → isSaved false, file fields lifted', () => {
    expect(byId(E.savedFile)).toEqual({
      ...base(
        'FileMessageEvent',
        'msg.file',
        E.savedFile,
        person('alice'),
        '2021-03-01T09:00:18.518505Z',
      ),
      encrypted: expect.stringMatching(/^[\w-]+$/),
      publicKey: 'message-key',
      encryptedFileId: DEMO_FILE_IDS.saved,
      isSaved: false,
      deletion: null,
    });
  });

  it('msg.file, deleted → deletion set; encrypted, publicKey and encryptedFileId null; isSaved false', () => {
    expect(byId(E.deletedFile)).toEqual({
      ...base(
        'FileMessageEvent',
        'msg.file',
        E.deletedFile,
        person('bob'),
        '2021-03-01T09:00:19.753072Z',
      ),
      encrypted: null,
      publicKey: null,
      encryptedFileId: null,
      isSaved: false,
      deletion: { deletedBy: person('bob'), deletedAt: null },
    });
  });

  it('member.join / member.leave → their classes; a leave refers to the join it ends', () => {
    expect(byId(E.bobJoinWelcome)).toEqual(
      base(
        'MemberJoinEvent',
        'member.join',
        E.bobJoinWelcome,
        person('bob'),
        '2021-03-01T09:00:03.703701Z',
      ),
    );
    const carolJoin = only('MemberJoinEvent', DEMO_IDENTITY_IDS.carol);
    const carolLeave = only('MemberLeaveEvent', DEMO_IDENTITY_IDS.carol);
    expect(carolLeave).toEqual(
      base(
        'MemberLeaveEvent',
        'member.leave',
        carolLeave.id,
        person('carol'),
        '2021-03-01T09:00:12.34567Z',
        carolJoin.id,
      ),
    );
  });

  it('member.kick → sender is the kicked member, kicker from content.kicker, referrerId their join', () => {
    const daveJoin = only('MemberJoinEvent', DEMO_IDENTITY_IDS.dave);
    const kick = only('MemberKickEvent', DEMO_IDENTITY_IDS.dave);
    expect(kick).toEqual({
      ...base(
        'MemberKickEvent',
        'member.kick',
        kick.id,
        person('dave'),
        '2021-03-01T09:00:27.160474Z',
        daveJoin.id,
      ),
      kicker: person('alice'),
    });
  });

  it('state.access_mode → AccessModeChangedEvent with the enum; state.key_share → KeyShareChangedEvent', () => {
    expect(events[15]).toEqual({
      ...base(
        'AccessModeChangedEvent',
        'state.access_mode',
        events[15].id,
        person('alice'),
        '2021-03-01T09:00:01.234567Z',
      ),
      accessMode: 'PUBLIC',
    });
    expect(events[14]).toEqual(
      base(
        'KeyShareChangedEvent',
        'state.key_share',
        events[14].id,
        person('alice'),
        '2021-03-01T09:00:02.469134Z',
      ),
    );
  });

  it('msg.file as listed for the member who saved it → isSaved true, on both events and fileEvents', async () => {
    const res = await t.gql(
      `{ box(id: "${W}") {
        events(offset: 5, limit: 1) { id ... on FileMessageEvent { isSaved } }
        fileEvents { id isSaved encryptedFileId deletion { deletedAt } }
      } }`,
      undefined,
      { token: DEMO_TOKENS.bob },
    );
    expect(res.body).toEqual({
      data: {
        box: {
          events: [{ id: E.savedFile, isSaved: true }],
          // The deleted file is not in /files at all.
          fileEvents: [
            {
              id: E.savedFile,
              isSaved: true,
              encryptedFileId: DEMO_FILE_IDS.saved,
              deletion: null,
            },
          ],
        },
      },
    });
  });
});

/** A well-formed upstream event view (docs/upstream.md#events) for a crafted list. */
function dto(id: string, type: string, content: unknown, overrides: Record<string, unknown> = {}) {
  return {
    type,
    content,
    box_id: W,
    id,
    server_event_created_at: '2021-05-01T10:00:00.5Z',
    referrer_id: null,
    sender: {
      id: DEMO_IDENTITY_IDS.alice,
      display_name: DEMO_NAMES.alice,
      avatar_url: null,
      identifier_value: '',
      identifier_kind: '',
    },
    ...overrides,
  };
}

const crafted = (n: number) => `c0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('unknown types and odd content (crafted upstream lists)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.emulator.clearFaults();
    t.resetCalls();
    t.logs.lines.length = 0;
  });

  const serveEvents = (list: unknown[], path = `/boxes/${W}/events`) =>
    t.emulator.failNext({
      method: 'GET',
      path,
      fault: { kind: 'status', status: 200, body: list },
    });

  it('an unknown type and known types with odd content → UnknownBoxEvent with the raw content; the rest of the page intact', async () => {
    const odd: Array<[string, unknown]> = [
      ['msg.text', { encrypted: 42, public_key: 'k' }],
      ['msg.text', null],
      ['msg.file', { deleted: true }],
      ['state.access_mode', { value: 'secret' }],
      ['member.kick', { kicker: 'alice' }],
      ['create', { title: 'no public key' }],
      // Dates that are not RFC 3339 cannot be served as DateTime.
      ['msg.text', { encrypted: 'aGk', public_key: 'pk', last_edited_at: 'soon' }],
      [
        'msg.text',
        { deleted: { at_time: 'a while ago', by_identity: { id: 'x', display_name: 'X' } } },
      ],
    ];
    serveEvents([
      dto(crafted(1), 'box.renamed', { title: 'New name', nested: { list: [1, 'two', null] } }),
      ...odd.map(([type, content], i) => dto(crafted(2 + i), type, content)),
      dto(crafted(20), 'msg.text', { encrypted: 'aGk', public_key: 'pk' }),
    ]);
    const res = await t.gql(
      `{ box(id: "${W}") { eventsCount events(limit: 20) { __typename id type
        ... on UnknownBoxEvent { content } ... on TextMessageEvent { encrypted publicKey } } } }`,
      undefined,
      { token: DEMO_TOKENS.alice },
    );
    expect(res.body).toEqual({
      data: {
        box: {
          eventsCount: 17,
          events: [
            {
              __typename: 'UnknownBoxEvent',
              id: crafted(1),
              type: 'box.renamed',
              content: { title: 'New name', nested: { list: [1, 'two', null] } },
            },
            ...odd.map(([type, content], i) => ({
              __typename: 'UnknownBoxEvent',
              id: crafted(2 + i),
              type,
              content,
            })),
            {
              __typename: 'TextMessageEvent',
              id: crafted(20),
              type: 'msg.text',
              encrypted: 'aGk',
              publicKey: 'pk',
            },
          ],
        },
      },
    });
    // Each known type served as UnknownBoxEvent is logged as a warning naming it; the truly
    // unknown type is not odd, just new.
    const warnings = t.logs
      .entries()
      .filter((e) => e.msg === 'upstream event with an unexpected shape served as UnknownBoxEvent');
    expect(warnings.map((w) => [w.level, w.eventId, w.eventType])).toEqual(
      odd.map(([type], i) => [40, crafted(2 + i), type]),
    );
  });

  it('a real deletion time, a kick without kicker and an anonymous sender map as documented', async () => {
    const anonymous = {
      id: 'anonymous-user',
      display_name: 'Anonymous User',
      avatar_url: null,
      identifier_value: '',
      identifier_kind: '',
    };
    serveEvents([
      dto(crafted(1), 'msg.text', {
        deleted: { at_time: '2021-05-01T10:00:01.123456Z', by_identity: anonymous },
      }),
      dto(crafted(2), 'member.kick', null, { sender: anonymous }),
    ]);
    const res = await t.gql(
      `{ box(id: "${W}") { events(limit: 2) { __typename id sender { ${IDENTITY} }
        ... on TextMessageEvent { encrypted deletion { deletedBy { id displayName } deletedAt } }
        ... on MemberKickEvent { kicker { id } } } } }`,
      undefined,
      { token: DEMO_TOKENS.alice },
    );
    expect(res.body).toEqual({
      data: {
        box: {
          events: [
            {
              __typename: 'TextMessageEvent',
              id: crafted(1),
              sender: { ...person('alice'), avatarUrl: null },
              encrypted: null,
              deletion: {
                deletedBy: { id: 'anonymous-user', displayName: 'Anonymous User' },
                deletedAt: '2021-05-01T10:00:01.123456Z',
              },
            },
            {
              __typename: 'MemberKickEvent',
              id: crafted(2),
              sender: {
                id: 'anonymous-user',
                displayName: 'Anonymous User',
                avatarUrl: null,
                identifierValue: null,
                identifierKind: null,
              },
              kicker: null,
            },
          ],
        },
      },
    });
  });

  it('every id of create lifted; isSaved false where omitted; an uppercase id lowercased; a bad referrer_id served as null (logged)', async () => {
    const ORG = 'ab000000-0000-4000-8000-000000000001';
    const TAG = 'ab000000-0000-4000-8000-000000000002';
    const SUBJECT = 'ab000000-0000-4000-8000-000000000003';
    serveEvents([
      dto(crafted(1), 'create', {
        owner_org_id: ORG,
        datatag_id: TAG,
        subject_identity_id: SUBJECT,
        public_key: 'pk',
        title: 'T',
      }),
      dto(crafted(2).toUpperCase(), 'msg.file', {
        encrypted: 'aGk',
        public_key: 'pk',
        encrypted_file_id: DEMO_FILE_IDS.saved.toUpperCase(),
      }),
      dto(crafted(3), 'member.leave', null, { referrer_id: 'not-an-id' }),
    ]);
    const res = await t.gql(
      `{ box(id: "${W}") { events(limit: 3) { __typename id referrerId
        ... on BoxCreatedEvent { ownerOrgId datatagId subjectIdentityId title }
        ... on FileMessageEvent { encryptedFileId isSaved } } } }`,
      undefined,
      { token: DEMO_TOKENS.alice },
    );
    expect(res.body).toEqual({
      data: {
        box: {
          events: [
            {
              __typename: 'BoxCreatedEvent',
              id: crafted(1),
              referrerId: null,
              ownerOrgId: ORG,
              datatagId: TAG,
              subjectIdentityId: SUBJECT,
              title: 'T',
            },
            {
              __typename: 'FileMessageEvent',
              id: crafted(2),
              referrerId: null,
              encryptedFileId: DEMO_FILE_IDS.saved,
              isSaved: false,
            },
            { __typename: 'MemberLeaveEvent', id: crafted(3), referrerId: null },
          ],
        },
      },
    });
    const warnings = t.logs.entries().filter((e) => e.level === 40);
    expect(warnings.map((w) => [w.eventId, w.reason])).toEqual([
      [crafted(3), 'referrer_id is not a UUID; served as null'],
    ]);
  });

  it.each([
    ['id', { id: undefined }],
    ['type', { type: undefined }],
    ['box_id', { box_id: 'not-a-uuid' }],
    ['server_event_created_at', { server_event_created_at: '' }],
    // Served as a DateTime it would break the scalar's promise (RFC 3339): not a valid one.
    ['an RFC 3339 server_event_created_at', { server_event_created_at: 'yesterday' }],
    ['sender', { sender: null }],
  ])(
    'an event missing %s → UPSTREAM_ERROR on that list field only; the counts of the same box intact',
    async (_key, overrides) => {
      serveEvents([
        dto(crafted(1), 'msg.text', { encrypted: 'aGk', public_key: 'pk' }),
        dto(crafted(2), 'member.join', null, overrides),
      ]);
      const res = await t.gql(
        `{ box(id: "${W}") { eventsCount events(limit: 2) { id } fileEventsCount fileEvents { id } } }`,
        undefined,
        { token: DEMO_TOKENS.alice },
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: {
          box: {
            eventsCount: 17,
            events: null,
            fileEventsCount: 1,
            fileEvents: [{ id: E.savedFile }],
          },
        },
        errors: [
          {
            message: 'The upstream service sent an answer that could not be used',
            locations: [{ line: 1, column: 65 }],
            path: ['box', 'events'],
            extensions: { code: 'UPSTREAM_ERROR' },
          },
        ],
      });
      expect(t.logs.entries().filter((e) => e.msg === 'unusable upstream answer')).toHaveLength(1);
    },
  );

  it('fileEvents leaves out an odd file event (logged) and serves the rest', async () => {
    serveEvents(
      [
        dto(crafted(1), 'msg.file', { encrypted: 'aGk', public_key: 'pk', encrypted_file_id: 42 }),
        dto(crafted(2), 'msg.file', {
          encrypted: 'aGk',
          public_key: 'pk',
          encrypted_file_id: DEMO_FILE_IDS.saved,
          is_saved: false,
        }),
      ],
      `/boxes/${W}/files`,
    );
    const res = await t.gql(
      `{ box(id: "${W}") { fileEvents(limit: 2) { id encryptedFileId } } }`,
      undefined,
      { token: DEMO_TOKENS.alice },
    );
    expect(res.body).toEqual({
      data: { box: { fileEvents: [{ id: crafted(2), encryptedFileId: DEMO_FILE_IDS.saved }] } },
    });
    const messages = t.logs.entries().map((e) => e.msg);
    expect(messages).toContain('upstream event with an unexpected shape served as UnknownBoxEvent');
    expect(messages).toContain(
      'GET /files returned an event that is not a file message: left out of fileEvents',
    );
  });
});
