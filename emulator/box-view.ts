// The box view (upstream-api.md §13.2): what GET /boxes/:id, each element of GET /boxes/joined
// and the POST /boxes answer hold. Keys are built literally in the Go struct's order.
import { formatTimestamp } from './clock';
import { VISIBLE_TYPES } from './event-types';
import type { BoxState, StoredEvent, Store } from './store';
import { identityView, readView } from './views';

/** The box's `create` content, where owner_org_id, public_key and title live. */
export function createContent(box: BoxState): Record<string, unknown> {
  return (box.events[0]?.content ?? {}) as Record<string, unknown>;
}

const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The newest event of the visible set; never undefined, as `create` is visible. */
export function lastVisibleEvent(box: BoxState): StoredEvent {
  for (let i = box.events.length - 1; i >= 0; i -= 1) {
    const event = box.events[i] as StoredEvent;
    if (VISIBLE_TYPES.has(event.type)) return event;
  }
  return box.events[0] as StoredEvent;
}

export interface SettingsView {
  identity_id: string;
  box_id: string;
  muted: boolean;
}

export function settingsView(store: Store, identityId: string, boxId: string): SettingsView {
  return {
    identity_id: identityId,
    box_id: boxId,
    muted: store.settings.isMuted(identityId, boxId),
  };
}

/**
 * D4: no datatags and no data subjects, so `datatag_id` and `subject` are null and
 * `data_subject` is omitted. The creator is transparent only for the creator; `last_event` is
 * folded like a listed event but opaque and not per caller (no saved-file pass).
 */
export function boxView(store: Store, box: BoxState, callerId: string): Record<string, unknown> {
  const create = createContent(box);
  return {
    id: box.id,
    server_created_at: formatTimestamp((box.events[0] as StoredEvent).createdAt),
    owner_org_id: stringOf(create.owner_org_id),
    datatag_id: null,
    public_key: stringOf(create.public_key),
    title: stringOf(create.title),
    access_mode: box.accessMode,
    subject: null,
    creator: identityView(store, box.creatorId, callerId === box.creatorId),
    last_event: readView(store, lastVisibleEvent(box), ''),
    events_count: store.unread.get(callerId, box.id),
    settings: settingsView(store, callerId, box.id),
  };
}
