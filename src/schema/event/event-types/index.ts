// Every BoxEvent implementation, listed once: passed to buildSchema as orphanedTypes (most are
// never named by a field) and registered for BoxEvent.resolveType.
import { registerBoxEventClasses } from '../box-event.interface';
import { AccessAddedEvent } from './access-added-event.type';
import { AccessModeChangedEvent } from './access-mode-changed-event.type';
import { AccessRemovedEvent } from './access-removed-event.type';
import { BoxCreatedEvent } from './box-created-event.type';
import { FileMessageEvent } from './file-message-event.type';
import { KeyShareChangedEvent } from './key-share-changed-event.type';
import { MemberJoinEvent } from './member-join-event.type';
import { MemberKickEvent } from './member-kick-event.type';
import { MemberLeaveEvent } from './member-leave-event.type';
import { MessageDeleteEvent } from './message-delete-event.type';
import { MessageEditEvent } from './message-edit-event.type';
import { TextMessageEvent } from './text-message-event.type';
import { UnknownBoxEvent } from './unknown-box-event.type';

export {
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
};

export const ALL_EVENT_TYPES = [
  BoxCreatedEvent,
  TextMessageEvent,
  FileMessageEvent,
  MessageEditEvent,
  MessageDeleteEvent,
  MemberJoinEvent,
  MemberLeaveEvent,
  MemberKickEvent,
  AccessModeChangedEvent,
  KeyShareChangedEvent,
  AccessAddedEvent,
  AccessRemovedEvent,
  UnknownBoxEvent,
] as const;

registerBoxEventClasses(ALL_EVENT_TYPES);
