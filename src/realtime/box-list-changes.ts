// Which change of the caller's box list an upstream socket message is (graphql-api.md §12.2), as
// a pure function of the message and the caller's identity: the registry classifies each message
// once per socket, and every myBoxes subscription of that socket gets the same item.
import type { BoxListItem } from './realtime-items';
import type { UpstreamMessage } from './upstream-socket';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
const uuidOf = (value: unknown): string | null =>
  typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;

/** The change `message` is for the caller `me` (lowercase); undefined: none. */
export function classify(message: UpstreamMessage, me: string): BoxListItem | undefined {
  const object = message.object;
  if (!isObject(object)) return undefined;
  const own = (id: unknown) => typeof id === 'string' && id.toLowerCase() === me;
  const item = (boxId: string | null, change: BoxListItem['change'], applies = true) =>
    boxId !== null && applies ? ({ kind: 'change', boxId, change } as const) : undefined;
  switch (message.type) {
    case 'event.new': {
      const boxId = uuidOf(object.box_id);
      const sender = isObject(object.sender) ? object.sender.id : undefined;
      if ((object.type === 'create' || object.type === 'member.join') && own(sender)) {
        return item(boxId, 'ADDED');
      }
      if ((object.type === 'member.leave' || object.type === 'member.kick') && own(sender)) {
        return item(boxId, 'REMOVED');
      }
      return item(boxId, 'NEW_EVENT');
    }
    case 'ack':
      return item(uuidOf(object.box_id), 'READ', own(object.sender_id));
    case 'box.settings':
      return item(uuidOf(object.box_id), 'SETTINGS', own(object.identity_id));
    case 'box.delete':
      return item(uuidOf(object.id), 'DELETED');
    default:
      return undefined;
  }
}
