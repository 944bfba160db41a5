// BoxEventUpdate.message for an edit or a deletion (graphql-api.md §10): the message as it now
// reads, under its own id and concrete type, so that a normalised client cache updates it in
// place. What the edit or deletion does not say (the message's sender, time, and for a deletion
// its concrete type) comes from one read of the box's newest page, in the update's counted scope
// (its loaders: a window the same update reads anyway is shared, and the operation plan counts
// it, limits/operation-plan.ts); what it does say (new text and key, edit time, deleter and
// deletion time) is laid over the listed message, since the list folds deletions with the zero
// time (docs/upstream.md#edits-and-deletions).
import type { GatewayContext } from '../../context';
import type { BoxEvent } from '../event/box-event.interface';
import {
  FileMessageEvent,
  MessageDeleteEvent,
  MessageEditEvent,
  TextMessageEvent,
} from '../event/event-types';
import { warnOnOdd } from '../event/map-events';
import { MessageDeletion } from '../event/message-deletion.type';
import { toBoxEvent } from '../event/to-box-event';

/** The page the patched message is looked up in: the upstream's default page. */
export const PATCH_LOOKUP_LIMIT = 500;

/** null for every event but an edit or a deletion, and for a message not on that page. */
export async function patchedMessage(
  event: BoxEvent | null,
  ctx: GatewayContext,
): Promise<BoxEvent | null> {
  const patches = event instanceof MessageEditEvent || event instanceof MessageDeleteEvent;
  if (!patches || event.referrerId === null) return null;
  const listed = await ctx.loaders.events.load({
    boxId: event.boxId.toLowerCase(),
    offset: 0,
    limit: PATCH_LOOKUP_LIMIT,
  });
  const found = listed.find((candidate) => candidate.id?.toLowerCase() === event.referrerId);
  return found ? patchMessage(toBoxEvent(found, warnOnOdd(ctx)), event) : null;
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
