// toBoxEvent: the only switch on the upstream type string (docs/graphql-api.md#mapping). Inputs are
// event views exactly as docs/upstream.md#events document them.
import { AccessMode } from '../../src/schema/access/access-mode.enum';
import { AccessRestriction } from '../../src/schema/access/access-restriction.enum';
import { Box } from '../../src/schema/box/box.type';
import { asUuid } from '../../src/schema/scalars/uuid.scalar';
import {
  AccessAddedEvent,
  AccessModeChangedEvent,
  AccessRemovedEvent,
  BoxCreatedEvent,
  FileMessageEvent,
  KeyShareChangedEvent,
  MemberJoinEvent,
  MemberKickEvent,
  MemberLeaveEvent,
  MessageDeleteEvent,
  MessageEditEvent,
  TextMessageEvent,
  UnknownBoxEvent,
} from '../../src/schema/event/event-types';
import { Identity } from '../../src/schema/event/identity.type';
import { MessageDeletion } from '../../src/schema/event/message-deletion.type';
import { KNOWN_EVENT_TYPES } from '../../src/schema/event/event-type-names';
import { toBoxEvent } from '../../src/schema/event/to-box-event';
import { UpstreamProtocolError } from '../../src/upstream/upstream-errors';
import type { EventDto, IdentityDto } from '../../src/upstream/upstream-types';

const BOX_ID = '74ee16b5-89be-44f7-bcdd-117f496a90a7';
const EVENT_ID = 'f17169e0-61d8-4211-bb9f-bac29fe46d2d';
const OTHER_ID = '2c2cefaf-732c-400b-b90a-3a425a1a6d99';
const FILE_ID = '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8';
const CREATED_AT = '2020-09-14T08:06:04.054352682Z';

const alice: IdentityDto = {
  id: '11111111-1111-4111-8111-111111111111',
  display_name: 'Alice',
  avatar_url: null,
  identifier_value: '',
  identifier_kind: '',
};
const bob: IdentityDto = {
  id: '22222222-2222-4222-8222-222222222222',
  display_name: 'Bob',
  avatar_url: 'https://example.test/bob.png',
  identifier_value: 'bob@example.test',
  identifier_kind: 'email',
};
const anonymous: IdentityDto = {
  id: 'anonymous-user',
  display_name: 'Anonymous User',
  avatar_url: null,
  identifier_value: '',
  identifier_kind: '',
};

const ALICE = new Identity({
  id: alice.id,
  displayName: 'Alice',
  avatarUrl: null,
  identifierValue: null,
  identifierKind: null,
});

function event(type: string, content: unknown, overrides: Partial<EventDto> = {}): EventDto {
  return {
    id: EVENT_ID,
    type,
    box_id: BOX_ID,
    server_event_created_at: CREATED_AT,
    referrer_id: null,
    sender: alice,
    content,
    ...overrides,
  };
}

/** Maps and asserts nothing was reported odd. */
function map(dto: EventDto) {
  const onOdd = jest.fn();
  const mapped = toBoxEvent(dto, onOdd);
  expect(onOdd).not.toHaveBeenCalled();
  return mapped;
}

describe('toBoxEvent: the fields every event has', () => {
  it('camelCases the envelope and keeps the timestamp string exactly', () => {
    const mapped = map(event('member.join', null));
    expect(mapped).toMatchObject({
      id: EVENT_ID,
      type: 'member.join',
      boxId: BOX_ID,
      serverEventCreatedAt: CREATED_AT,
      referrerId: null,
      sender: ALICE,
    });
  });

  it('turns "" identifiers into null and keeps filled ones', () => {
    expect(map(event('member.join', null)).sender).toEqual(ALICE);
    expect(map(event('member.join', null, { sender: bob })).sender).toEqual(
      new Identity({
        id: bob.id,
        displayName: 'Bob',
        avatarUrl: 'https://example.test/bob.png',
        identifierValue: 'bob@example.test',
        identifierKind: 'email',
      }),
    );
  });

  it('accepts the anonymous identity, whose id is not a UUID', () => {
    expect(
      map(event('msg.text', { encrypted: 'abc', public_key: 'pk' }, { sender: anonymous })).sender,
    ).toEqual(
      new Identity({
        id: 'anonymous-user',
        displayName: 'Anonymous User',
        avatarUrl: null,
        identifierValue: null,
        identifierKind: null,
      }),
    );
  });

  it('lowercases every upstream UUID it keeps (the UUID scalar serves them as they are)', () => {
    const upper = (id: string) => id.toUpperCase();
    const content = { encrypted: 'meta', public_key: 'pk', encrypted_file_id: upper(FILE_ID) };
    const dto = event('msg.file', content, {
      id: upper(EVENT_ID),
      box_id: upper(BOX_ID),
      referrer_id: upper(OTHER_ID),
    });
    expect(map(dto)).toMatchObject({
      id: EVENT_ID,
      boxId: BOX_ID,
      referrerId: OTHER_ID,
      encryptedFileId: FILE_ID,
    });
  });

  it('gives every event the same lazy Box as Query.box', () => {
    expect(map(event('member.join', null)).box).toEqual(new Box(asUuid(BOX_ID)!));
  });

  it('keeps referrer_id', () => {
    expect(map(event('member.leave', null, { referrer_id: OTHER_ID })).referrerId).toBe(OTHER_ID);
  });

  it('reports a referrer_id that is not a UUID and serves it as null', () => {
    const onOdd = jest.fn();
    const mapped = toBoxEvent(event('member.leave', null, { referrer_id: 'nope' }), onOdd);
    expect(mapped).toBeInstanceOf(MemberLeaveEvent);
    expect(mapped.referrerId).toBeNull();
    expect(onOdd).toHaveBeenCalledWith(
      expect.objectContaining({ id: EVENT_ID }),
      expect.stringContaining('referrer_id'),
    );
  });
});

describe('toBoxEvent: one class per upstream type', () => {
  it('create → BoxCreatedEvent', () => {
    const mapped = map(
      event('create', {
        owner_org_id: OTHER_ID,
        public_key: 'box-pk',
        title: 'Welcome',
        subject_identity_id: bob.id,
      }),
    );
    expect(mapped).toBeInstanceOf(BoxCreatedEvent);
    expect(mapped).toMatchObject({
      title: 'Welcome',
      publicKey: 'box-pk',
      ownerOrgId: OTHER_ID,
      datatagId: null,
      subjectIdentityId: bob.id,
    });
  });

  it('msg.text → TextMessageEvent', () => {
    const mapped = map(event('msg.text', { encrypted: 'abc_-', public_key: 'pk' }));
    expect(mapped).toBeInstanceOf(TextMessageEvent);
    expect(mapped).toMatchObject({
      encrypted: 'abc_-',
      publicKey: 'pk',
      lastEditedAt: null,
      deletion: null,
    });
  });

  it('an edited msg.text carries the edited values and lastEditedAt', () => {
    const mapped = map(
      event('msg.text', {
        encrypted: 'edited',
        public_key: 'pk2',
        last_edited_at: '2021-01-02T03:04:05.123456Z',
      }),
    );
    expect(mapped).toMatchObject({
      encrypted: 'edited',
      publicKey: 'pk2',
      lastEditedAt: '2021-01-02T03:04:05.123456Z',
      deletion: null,
    });
  });

  it('a deleted msg.text has a deletion and no content; the zero at_time becomes null', () => {
    const mapped = map(
      event('msg.text', { deleted: { at_time: '0001-01-01T00:00:00Z', by_identity: alice } }),
    );
    expect(mapped).toBeInstanceOf(TextMessageEvent);
    expect(mapped).toMatchObject({
      encrypted: null,
      publicKey: null,
      lastEditedAt: null,
      deletion: new MessageDeletion(ALICE, null),
    });
  });

  it('a real deletion time is passed through', () => {
    const mapped = map(
      event('msg.text', { deleted: { at_time: '2021-03-04T05:06:07Z', by_identity: alice } }),
    );
    expect((mapped as TextMessageEvent).deletion?.deletedAt).toBe('2021-03-04T05:06:07Z');
  });

  it('msg.file → FileMessageEvent, saved and unsaved', () => {
    const content = { encrypted: 'meta', public_key: 'pk', encrypted_file_id: FILE_ID };
    const saved = map(event('msg.file', { ...content, is_saved: true }));
    expect(saved).toBeInstanceOf(FileMessageEvent);
    expect(saved).toMatchObject({
      encrypted: 'meta',
      publicKey: 'pk',
      encryptedFileId: FILE_ID,
      isSaved: true,
      deletion: null,
    });
    expect(map(event('msg.file', { ...content, is_saved: false }))).toMatchObject({
      isSaved: false,
    });
    expect(map(event('msg.file', content))).toMatchObject({ isSaved: false });
  });

  it('a deleted msg.file has a deletion and no content', () => {
    const mapped = map(
      event('msg.file', { deleted: { at_time: '0001-01-01T00:00:00Z', by_identity: bob } }),
    );
    expect(mapped).toBeInstanceOf(FileMessageEvent);
    expect(mapped).toMatchObject({
      encrypted: null,
      publicKey: null,
      encryptedFileId: null,
      isSaved: false,
    });
    expect((mapped as FileMessageEvent).deletion?.deletedBy.id).toBe(bob.id);
  });

  it('msg.edit → MessageEditEvent', () => {
    const mapped = map(
      event('msg.edit', { new_encrypted: 'new', new_public_key: 'npk' }, { referrer_id: OTHER_ID }),
    );
    expect(mapped).toBeInstanceOf(MessageEditEvent);
    expect(mapped).toMatchObject({
      newEncrypted: 'new',
      newPublicKey: 'npk',
      referrerId: OTHER_ID,
    });
    expect(map(event('msg.edit', { new_encrypted: 'new' }))).toMatchObject({ newPublicKey: null });
  });

  it('msg.delete, member.join, member.leave, state.key_share, access.rm → their content-less classes', () => {
    expect(map(event('msg.delete', null, { referrer_id: OTHER_ID }))).toBeInstanceOf(
      MessageDeleteEvent,
    );
    expect(map(event('member.join', null))).toBeInstanceOf(MemberJoinEvent);
    expect(map(event('member.leave', null, { referrer_id: OTHER_ID }))).toBeInstanceOf(
      MemberLeaveEvent,
    );
    expect(map(event('state.key_share', null))).toBeInstanceOf(KeyShareChangedEvent);
    expect(map(event('access.rm', null, { referrer_id: OTHER_ID }))).toBeInstanceOf(
      AccessRemovedEvent,
    );
  });

  it('member.kick → MemberKickEvent: the sender is the kicked member, kicker from content', () => {
    const mapped = map(
      event('member.kick', { kicker: alice }, { sender: bob, referrer_id: OTHER_ID }),
    );
    expect(mapped).toBeInstanceOf(MemberKickEvent);
    expect(mapped.sender.id).toBe(bob.id);
    expect((mapped as MemberKickEvent).kicker).toEqual(ALICE);
  });

  it('member.kick with null content has no kicker', () => {
    expect(map(event('member.kick', null, { sender: bob }))).toMatchObject({ kicker: null });
  });

  it('state.access_mode → AccessModeChangedEvent with the enum', () => {
    expect(map(event('state.access_mode', { value: 'public' }))).toMatchObject({
      accessMode: AccessMode.PUBLIC,
    });
    const limited = map(event('state.access_mode', { value: 'limited' }));
    expect(limited).toBeInstanceOf(AccessModeChangedEvent);
    expect(limited).toMatchObject({ accessMode: AccessMode.LIMITED });
  });

  it('access.add → AccessAddedEvent with the enum', () => {
    const mapped = map(
      event('access.add', {
        restriction_type: 'identifier',
        value: 'bob@example.test',
        auto_invite: true,
      }),
    );
    expect(mapped).toBeInstanceOf(AccessAddedEvent);
    expect(mapped).toMatchObject({
      restrictionType: AccessRestriction.IDENTIFIER,
      value: 'bob@example.test',
      autoInvite: true,
    });
    expect(
      map(event('access.add', { restriction_type: 'email_domain', value: 'example.test' })),
    ).toMatchObject({
      restrictionType: AccessRestriction.EMAIL_DOMAIN,
      autoInvite: null,
    });
  });

  it('covers every known type string of docs/upstream.md#event-types', () => {
    expect([...KNOWN_EVENT_TYPES].sort()).toEqual(
      [
        'create',
        'member.join',
        'member.leave',
        'member.kick',
        'msg.text',
        'msg.file',
        'msg.edit',
        'msg.delete',
        'state.access_mode',
        'state.key_share',
        'access.add',
        'access.rm',
      ].sort(),
    );
  });
});

describe('toBoxEvent: unknown types and odd content', () => {
  it('an unknown type becomes UnknownBoxEvent with the raw content, without a warning', () => {
    const content = { anything: [1, 'two'] };
    const mapped = map(event('msg.poll', content));
    expect(mapped).toBeInstanceOf(UnknownBoxEvent);
    expect(mapped).toMatchObject({ type: 'msg.poll', content });
  });

  it('the docs typo msg.txt is an unknown type, not a text message', () => {
    expect(map(event('msg.txt', { encrypted: 'a', public_key: 'b' }))).toBeInstanceOf(
      UnknownBoxEvent,
    );
  });

  it('the class is chosen by type alone, never by content shape', () => {
    expect(map(event('member.join', { encrypted: 'a', public_key: 'b' }))).toBeInstanceOf(
      MemberJoinEvent,
    );
  });

  it.each([
    ['msg.text', { public_key: 'pk' }, 'content.encrypted'],
    ['msg.text', null, 'content is null'],
    ['msg.text', { deleted: { at_time: '0001-01-01T00:00:00Z' } }, 'by_identity'],
    [
      'msg.file',
      { encrypted: 'a', public_key: 'b', encrypted_file_id: 'not-a-uuid' },
      'encrypted_file_id',
    ],
    ['msg.file', { encrypted: 'a', public_key: 'b', is_saved: 'yes' }, 'is_saved'],
    ['create', { title: 'no key' }, 'public_key'],
    ['msg.edit', { new_public_key: 'k' }, 'new_encrypted'],
    ['state.access_mode', { value: 'closed' }, 'content.value'],
    ['access.add', { restriction_type: 'phone', value: 'x' }, 'restriction_type'],
    ['member.kick', { kicker: 'someone' }, 'kicker'],
  ])('%s with content %j → UnknownBoxEvent and onOdd (%s)', (type, content, reason) => {
    const dto = event(type, content);
    const onOdd = jest.fn();
    const mapped = toBoxEvent(dto, onOdd);
    expect(mapped).toBeInstanceOf(UnknownBoxEvent);
    expect(mapped).toMatchObject({ type, id: EVENT_ID, content });
    expect(onOdd).toHaveBeenCalledTimes(1);
    expect(onOdd).toHaveBeenCalledWith(dto, expect.stringContaining(reason));
  });

  it('odd content without an onOdd handler still maps', () => {
    expect(toBoxEvent(event('msg.text', 42))).toBeInstanceOf(UnknownBoxEvent);
  });
});

describe('toBoxEvent: an event missing what every event has', () => {
  it.each(['id', 'type', 'box_id', 'server_event_created_at', 'sender'] as const)(
    'without %s → UpstreamProtocolError',
    (key) => {
      const dto = event('msg.text', { encrypted: 'a', public_key: 'b' });
      delete (dto as Partial<EventDto>)[key];
      expect(() => toBoxEvent(dto)).toThrow(UpstreamProtocolError);
      expect(() => toBoxEvent(dto)).toThrow(key);
    },
  );

  it('a sender that is not an identity → UpstreamProtocolError', () => {
    expect(() => toBoxEvent(event('member.join', null, { sender: {} as IdentityDto }))).toThrow(
      UpstreamProtocolError,
    );
  });

  it('a value that is not an object → UpstreamProtocolError', () => {
    expect(() => toBoxEvent(null as unknown as EventDto)).toThrow(UpstreamProtocolError);
  });
});
