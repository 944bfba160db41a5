// GET and HEAD on /events and /files (§5.3–§5.6). Membership is the only visibility rule, and
// an unknown box answers exactly like a box the caller is not in.
import type { EventDto } from '../src/upstream/upstream-types';
import { notMember } from './errors';
import { VISIBLE_TYPES } from './event-types';
import type { ParsedRequest } from './request-parsing';
import { isMember, type BoxState, type Identity, type StoredEvent, type Store } from './store';
import { checkBoxId, applyWindow, bindWindow, throwIfAny } from './validation';
import { isDeletedMessage, readView } from './views';

export type Listing = 'events' | 'files';

function memberBox(store: Store, boxId: string, caller: Identity): BoxState {
  const box = store.boxes.get(boxId);
  if (!box || !isMember(box, caller.id)) throw notMember();
  return box;
}

/** Newest first: the log is in clock order, so newest first is the log reversed. */
function newestFirst(store: Store, box: BoxState, listing: Listing): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (let i = box.events.length - 1; i >= 0; i -= 1) {
    const event = box.events[i] as StoredEvent;
    const keep =
      listing === 'events'
        ? VISIBLE_TYPES.has(event.type)
        : event.type === 'msg.file' && !isDeletedMessage(store, event);
    if (keep) out.push(event);
  }
  return out;
}

export function list(
  store: Store,
  req: ParsedRequest,
  boxId: string,
  caller: Identity,
  listing: Listing,
): EventDto[] {
  const window = bindWindow(req, boxId);
  const box = memberBox(store, boxId, caller);
  return applyWindow(newestFirst(store, box, listing), window).map((event) =>
    readView(store, event, caller.id),
  );
}

/** HEAD: no bind step, so query parameters are ignored entirely. */
export function count(store: Store, boxId: string, caller: Identity, listing: Listing): number {
  const details = {};
  checkBoxId(boxId, details);
  throwIfAny(details);
  return newestFirst(store, memberBox(store, boxId, caller), listing).length;
}
