// What the six endpoints return for an event or an identity (§3.1, §3.2, §7). Keys are built
// literally so their order matches the Go views.
import type { EventDto, IdentityDto } from '../src/upstream/upstream-types';
import { formatTimestamp } from './clock';
import type { StoredEvent, Store } from './store';

/** Go's zero time: what `deleted.at_time` always is on reads (§0 decision 9). */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export const ANONYMOUS_VIEW: IdentityDto = {
  id: 'anonymous-user',
  display_name: 'Anonymous User',
  avatar_url: null,
  identifier_value: '',
  identifier_kind: '',
};

/**
 * Non-transparent mode: identifier fields are always "" on the REST endpoints (§0 decision 8).
 * Only the websocket's copy for the box creator is transparent (§9.3).
 */
export function identityView(store: Store, id: string, transparent = false): IdentityDto {
  const identity = store.identities.get(id);
  if (!identity) return { ...ANONYMOUS_VIEW };
  const shown = transparent && identity.email !== '';
  return {
    id: identity.id,
    display_name: identity.displayName,
    avatar_url: identity.avatarUrl,
    identifier_value: shown ? identity.email : '',
    identifier_kind: shown ? 'email' : '',
  };
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0
  );
}

function dto(store: Store, event: StoredEvent, content: unknown, transparent = false): EventDto {
  return {
    type: event.type,
    content: content === undefined || content === null || isEmptyObject(content) ? null : content,
    box_id: event.boxId,
    id: event.id,
    server_event_created_at: formatTimestamp(event.createdAt),
    referrer_id: event.referrerId,
    sender: identityView(store, event.senderId, transparent),
  } as EventDto;
}

function kickContent(store: Store, content: unknown, transparent = false): unknown {
  const kickerId = (content as Record<string, unknown> | null)?.kicker_id;
  if (typeof kickerId !== 'string' || kickerId === '') return null;
  return { kicker: identityView(store, kickerId, transparent) };
}

/**
 * A POST response, and the websocket's `event.new` (transparent for the box creator): content
 * as sent, never aggregated; only member.kick gets its kicker view.
 */
export function writtenView(store: Store, event: StoredEvent, transparent = false): EventDto {
  const content =
    event.type === 'member.kick' ? kickContent(store, event.content, transparent) : event.content;
  return dto(store, event, content, transparent);
}

/** A GET element: edits and deletes folded in, is_saved for the caller (§7, §5.4). */
export function readView(store: Store, event: StoredEvent, callerId: string): EventDto {
  switch (event.type) {
    case 'member.kick':
      return dto(store, event, kickContent(store, event.content));
    case 'msg.text':
    case 'msg.file':
      return dto(store, event, messageContent(store, event, callerId));
    default:
      return dto(store, event, event.content);
  }
}

function messageContent(store: Store, event: StoredEvent, callerId: string): unknown {
  const refs = store
    .referrersOf(event.id)
    .filter((ref) => ref.type === 'msg.edit' || ref.type === 'msg.delete');
  if (refs.some((ref) => ref.type === 'msg.delete')) {
    const last = refs[refs.length - 1] as StoredEvent;
    return { deleted: { at_time: ZERO_TIME, by_identity: identityView(store, last.senderId) } };
  }
  const content = (event.content ?? {}) as Record<string, unknown>;
  if (event.type === 'msg.file') {
    const fileId = content.encrypted_file_id;
    if (typeof fileId === 'string' && store.isSaved(callerId, fileId))
      return { ...content, is_saved: true };
    return content;
  }
  const edits = refs.filter((ref) => ref.type === 'msg.edit');
  const lastEdit = edits[edits.length - 1];
  if (!lastEdit) return content;
  const edit = (lastEdit.content ?? {}) as Record<string, unknown>;
  return {
    encrypted: edit.new_encrypted,
    public_key: typeof edit.new_public_key === 'string' ? edit.new_public_key : '',
    last_edited_at: formatTimestamp(lastEdit.createdAt),
  };
}

export function isDeletedMessage(store: Store, event: StoredEvent): boolean {
  return store.referrersOf(event.id).some((ref) => ref.type === 'msg.delete');
}
