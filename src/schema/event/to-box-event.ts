// Where the upstream `type` string picks an event's GraphQL class (docs/graphql-api.md#mapping);
// realtime/ reads it too, for the REST list's visible set and for the caller's own kick or leave:
// - the class is chosen by `type` alone, never by the shape of `content`;
// - an unknown type becomes UnknownBoxEvent with the raw content;
// - a known type with content of the wrong shape also becomes UnknownBoxEvent, and `onOdd` is
//   told why so the caller can log a warning: one odd event never hides the rest of a page;
// - only an event missing what every event has (id, type, box_id, server_event_created_at,
//   sender) is an error: UpstreamProtocolError, which fails the list field it is in (read-base.ts).
import type { EventDto } from '../../upstream/upstream-types';
import { ACCESS_MODE_UPSTREAM } from '../access/access-mode.enum';
import { ACCESS_RESTRICTION_UPSTREAM } from '../access/access-restriction.enum';
import type { BoxEvent, BoxEventBase } from './box-event.interface';
import { isKnownEventType, type KnownEventType } from './event-type-names';
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
} from './event-types';
import { readBase, type OddEventHandler } from './read-base';
import {
  contentObject,
  OddContentError,
  oneOf,
  optionalBoolean,
  optionalDateTime,
  optionalString,
  optionalUuid,
  readDeletion,
  readIdentity,
  requiredString,
} from './upstream-content';

export type { OddEventHandler } from './read-base';

/** upstream string → enum value: the enum files' tables read backwards. */
const fromUpstream = <T extends string>(table: Readonly<Record<T, string>>) =>
  new Map(Object.entries<string>(table).map(([value, upstream]) => [upstream, value as T]));
const ACCESS_MODES = fromUpstream(ACCESS_MODE_UPSTREAM);
const ACCESS_RESTRICTIONS = fromUpstream(ACCESS_RESTRICTION_UPSTREAM);

export function toBoxEvent(dto: EventDto, onOdd?: OddEventHandler): BoxEvent {
  const base = readBase(dto, onOdd);
  if (!isKnownEventType(base.type)) return new UnknownBoxEvent(base, dto.content);
  try {
    return fromKnownType(base.type, base, dto.content);
  } catch (error) {
    if (!(error instanceof OddContentError)) throw error;
    onOdd?.(dto, `${base.type}: ${error.message}`);
    return new UnknownBoxEvent(base, dto.content);
  }
}

function fromKnownType(type: KnownEventType, base: BoxEventBase, content: unknown): BoxEvent {
  switch (type) {
    case 'create':
      return toBoxCreated(base, contentObject(content));
    case 'msg.text':
      return toTextMessage(base, contentObject(content));
    case 'msg.file':
      return toFileMessage(base, contentObject(content));
    case 'msg.edit': {
      const edit = contentObject(content);
      return new MessageEditEvent(base, {
        newEncrypted: requiredString(edit, 'new_encrypted'),
        newPublicKey: optionalString(edit, 'new_public_key'),
      });
    }
    case 'msg.delete':
      return new MessageDeleteEvent(base);
    case 'member.join':
      return new MemberJoinEvent(base);
    case 'member.leave':
      return new MemberLeaveEvent(base);
    case 'member.kick':
      return toMemberKick(base, content);
    case 'state.access_mode':
      return new AccessModeChangedEvent(base, oneOf(contentObject(content), 'value', ACCESS_MODES));
    case 'state.key_share':
      return new KeyShareChangedEvent(base);
    case 'access.add': {
      const access = contentObject(content);
      return new AccessAddedEvent(base, {
        restrictionType: oneOf(access, 'restriction_type', ACCESS_RESTRICTIONS),
        value: requiredString(access, 'value'),
        autoInvite: optionalBoolean(access, 'auto_invite'),
      });
    }
    case 'access.rm':
      return new AccessRemovedEvent(base);
    default: {
      // A new KnownEventType without a case stops the build here.
      const unhandled: never = type;
      throw new Error(`no case for event type ${JSON.stringify(unhandled)}`);
    }
  }
}

function toBoxCreated(base: BoxEventBase, content: Record<string, unknown>): BoxCreatedEvent {
  return new BoxCreatedEvent(base, {
    title: requiredString(content, 'title'),
    publicKey: requiredString(content, 'public_key'),
    ownerOrgId: optionalUuid(content, 'owner_org_id'),
    datatagId: optionalUuid(content, 'datatag_id'),
    subjectIdentityId: optionalUuid(content, 'subject_identity_id'),
  });
}

/** Listed messages come with their edits and deletion folded in (docs/upstream.md). */
function toTextMessage(base: BoxEventBase, content: Record<string, unknown>): TextMessageEvent {
  const deletion = readDeletion(content);
  if (deletion) {
    return new TextMessageEvent(base, {
      encrypted: null,
      publicKey: null,
      lastEditedAt: null,
      deletion,
    });
  }
  return new TextMessageEvent(base, {
    encrypted: requiredString(content, 'encrypted'),
    publicKey: requiredString(content, 'public_key'),
    lastEditedAt: optionalDateTime(content, 'last_edited_at'),
    deletion: null,
  });
}

function toFileMessage(base: BoxEventBase, content: Record<string, unknown>): FileMessageEvent {
  const deletion = readDeletion(content);
  if (deletion) {
    return new FileMessageEvent(base, {
      encrypted: null,
      publicKey: null,
      encryptedFileId: null,
      isSaved: false,
      deletion,
    });
  }
  return new FileMessageEvent(base, {
    encrypted: requiredString(content, 'encrypted'),
    publicKey: requiredString(content, 'public_key'),
    encryptedFileId: optionalUuid(content, 'encrypted_file_id'),
    isSaved: optionalBoolean(content, 'is_saved') ?? false,
    deletion: null,
  });
}

/** content is `{kicker: <identity>}`, or null when the stored kicker_id was empty upstream. */
function toMemberKick(base: BoxEventBase, content: unknown): MemberKickEvent {
  if (content === null || content === undefined) return new MemberKickEvent(base, null);
  const kick = contentObject(content);
  if (kick.kicker === undefined || kick.kicker === null) return new MemberKickEvent(base, null);
  const kicker = readIdentity(kick.kicker);
  if (!kicker) throw new OddContentError('content.kicker is not an identity');
  return new MemberKickEvent(base, kicker);
}
