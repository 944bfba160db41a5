// An upstream `event.new` object as the BoxEventUpdate subscribers receive (docs/realtime.md):
// the event through toBoxEvent (which picks its class), and for an edit or a deletion the
// `message` patch: the message as it now reads, under its own id and concrete type, so that a
// normalised client cache updates it in place.
//
// What the edit or deletion does not say (the message's sender, time, and for a deletion its
// concrete type) comes from one read of the box's newest page with the subscriber's
// credentials; what it does say (new text and key, edit time, deleter and deletion time) is laid
// over the listed message, since the list folds deletions with the zero time
// (docs/upstream.md#edits-and-deletions).
import type { BoxEvent } from '../schema/event/box-event.interface';
import {
  FileMessageEvent,
  MessageDeleteEvent,
  MessageEditEvent,
  TextMessageEvent,
} from '../schema/event/event-types';
import { MessageDeletion } from '../schema/event/message-deletion.type';
import { type OddEventHandler, toBoxEvent } from '../schema/event/to-box-event';
import { BoxEventUpdate } from '../schema/subscription/box-event-update.type';
import { encodeCursor } from '../resume/cursor';
import type { BoxEventsApi, EventDto } from '../upstream/upstream-types';

/** The page the patched message is looked up in: the upstream's default page. */
export const PATCH_LOOKUP_LIMIT = 500;

/** The upstream types GET /boxes/:id/events lists (docs/upstream.md#event-types's visible set). */
const LISTED_TYPES = new Set([
  'create',
  'member.join',
  'member.leave',
  'member.kick',
  'msg.text',
  'msg.file',
  'state.key_share',
  'state.access_mode',
]);

/** Whether the REST list can show this event, i.e. whether it can anchor a replay. */
export const isListed = (event: BoxEvent): boolean => LISTED_TYPES.has(event.type);

export async function toBoxEventUpdate(
  dto: EventDto,
  api: BoxEventsApi,
  onOdd: OddEventHandler,
): Promise<BoxEventUpdate> {
  const event = toBoxEvent(dto, onOdd);
  const patches = event instanceof MessageEditEvent || event instanceof MessageDeleteEvent;
  // A listed event is its box's new position for every subscriber; for the others each
  // subscription stamps its own (box-subscription.ts).
  const cursor = isListed(event) ? encodeCursor({ boxId: event.boxId, eventId: event.id }) : '';
  if (!patches || event.referrerId === null) {
    return new BoxEventUpdate(event.boxId, event, null, { cursor });
  }
  const listed = await api.listEvents(event.boxId, { offset: 0, limit: PATCH_LOOKUP_LIMIT });
  const found = listed.find((candidate) => candidate.id?.toLowerCase() === event.referrerId);
  const message = found ? patchMessage(toBoxEvent(found, onOdd), event) : null;
  return new BoxEventUpdate(event.boxId, event, message, { cursor });
}

function patchMessage(
  message: BoxEvent,
  change: MessageEditEvent | MessageDeleteEvent,
): BoxEvent | null {
  if (change instanceof MessageDeleteEvent) {
    const deletion = new MessageDeletion(change.sender, change.serverEventCreatedAt);
    if (message instanceof TextMessageEvent) {
      return new TextMessageEvent(message, {
        encrypted: null,
        publicKey: null,
        lastEditedAt: message.lastEditedAt,
        deletion,
      });
    }
    if (message instanceof FileMessageEvent) {
      return new FileMessageEvent(message, {
        encrypted: null,
        publicKey: null,
        encryptedFileId: null,
        isSaved: false,
        deletion,
      });
    }
    return null;
  }
  if (!(message instanceof TextMessageEvent)) return null;
  // Deleted since: the deletion is how it now reads (its own update follows).
  if (message.deletion) return message;
  return new TextMessageEvent(message, {
    encrypted: change.newEncrypted,
    publicKey: change.newPublicKey,
    lastEditedAt: change.serverEventCreatedAt,
    deletion: null,
  });
}
