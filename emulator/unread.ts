// The unread counter rule (upstream-api.md §13.8, countActivity): each event of a counted type
// adds 1 for every current member but its sender and those who muted the box. Runs after commit
// on committed membership (D12), and for each seeded event as it is loaded.
import type { EventType } from './event-types';
import type { StoredEvent, Store } from './store';

export const COUNTED_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'msg.text',
  'msg.file',
  'member.join',
  'member.leave',
  'member.kick',
  'state.access_mode',
]);

export function countUnread(store: Store, event: StoredEvent): void {
  if (!COUNTED_TYPES.has(event.type)) return;
  const box = store.boxes.get(event.boxId);
  if (!box) return;
  for (const memberId of new Set([box.creatorId, ...box.members.keys()])) {
    if (memberId === event.senderId || store.settings.isMuted(memberId, box.id)) continue;
    store.unread.increment(memberId, box.id);
  }
}
