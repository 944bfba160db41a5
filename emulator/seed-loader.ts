// Turns a Seed (plain data) into a Store by replaying its events through the same state
// transitions the endpoints use, so a seeded box looks exactly like one built over HTTP.
import { Clock, IdSequence } from './clock';
import { ensureIdentifierAccess } from './access-rules';
import type { Seed, SeedBox, SeedEvent } from './seed-types';
import { Store, type BoxState } from './store';
import { UnreachableCaseError } from './event-types';

/** Organisation id carried by every seeded `create` event. */
export const SEED_ORG_ID = '0a000000-0000-4000-8000-000000000001';

export function storeFromSeed(seed: Seed): Store {
  const store = new Store(new Clock(seed.clockStart));
  for (const identity of seed.identities) {
    const kind = identity.kind ?? 'user';
    store.addIdentity({
      id: identity.id,
      displayName: identity.displayName,
      avatarUrl: identity.avatarUrl ?? null,
      token: identity.token,
      // A machine token always carries ACR 2 (§2.1).
      acr: kind === 'machine' ? 2 : (identity.acr ?? 1),
      kind,
      client: identity.client ?? 'self',
      email: identity.email ?? '',
      publicKeys: identity.publicKeys ?? [],
    });
  }
  const fileIds = new IdSequence('f');
  const payloads = { n: 0 };
  for (const spec of seed.boxes) loadBox(store, spec, fileIds, payloads);
  for (const saved of seed.savedFiles ?? []) store.saveFile(saved.identity, saved.fileId);
  return store;
}

function loadBox(store: Store, spec: SeedBox, fileIds: IdSequence, payloads: { n: number }): void {
  if (store.boxes.has(spec.id)) throw new TypeError(`seed has box ${spec.id} twice`);
  const content: Record<string, unknown> = { owner_org_id: SEED_ORG_ID };
  if (spec.subject !== undefined) content.subject_identity_id = spec.subject;
  content.public_key = `box-public-key-${store.boxes.size + 1}`;
  content.title = spec.title;
  const box = store.createBox(spec.id, spec.creator, content);
  const events: SeedEvent[] = [];
  if (spec.accessMode) events.push({ type: 'state.access_mode', value: spec.accessMode });
  for (const access of spec.accesses ?? []) events.push({ type: 'access.add', ...access });
  events.push(...(spec.events ?? []));
  const nextPayload = () => Buffer.from(`payload ${++payloads.n}`).toString('base64url');
  for (const event of events) loadEvent(store, box, event, fileIds, nextPayload);
}

function loadEvent(
  store: Store,
  box: BoxState,
  event: SeedEvent,
  fileIds: IdSequence,
  nextPayload: () => string,
): void {
  const base = { id: event.id, boxId: box.id, referrerId: null };
  switch (event.type) {
    case 'member.join': {
      store.append({ ...base, type: event.type, senderId: event.by, content: {} });
      const identity = store.identities.get(event.by);
      if (identity) ensureIdentifierAccess(store, box, identity);
      return;
    }
    case 'member.leave':
      store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        content: {},
        referrerId: box.members.get(event.by) ?? null,
      });
      return;
    case 'member.kick':
      store.append({
        ...base,
        type: event.type,
        senderId: event.member,
        content: { kicker_id: event.by },
        referrerId: box.members.get(event.member) ?? null,
      });
      return;
    case 'msg.text':
      store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        content: {
          encrypted: event.encrypted ?? nextPayload(),
          public_key: event.publicKey ?? 'message-key',
        },
      });
      return;
    case 'msg.file':
      // The upload path stores is_saved: false (§6.3).
      store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        content: {
          encrypted: event.encrypted ?? nextPayload(),
          public_key: event.publicKey ?? 'message-key',
          encrypted_file_id: event.fileId ?? fileIds.next(),
          is_saved: false,
        },
      });
      return;
    case 'msg.edit':
      store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        referrerId: event.target,
        content: {
          new_encrypted: event.encrypted ?? nextPayload(),
          new_public_key: event.publicKey ?? 'edit-key',
        },
      });
      return;
    case 'msg.delete':
      store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        referrerId: event.target,
        content: {},
      });
      return;
    case 'state.access_mode':
      store.append({
        ...base,
        type: event.type,
        senderId: box.creatorId,
        content: { value: event.value },
      });
      return;
    case 'state.key_share':
      store.append({ ...base, type: event.type, senderId: box.creatorId, content: {} });
      return;
    case 'access.add':
      store.append({
        ...base,
        type: event.type,
        senderId: box.creatorId,
        content: { restriction_type: event.restrictionType, value: event.value },
      });
      return;
    case 'access.rm':
      store.append({
        ...base,
        type: event.type,
        senderId: box.creatorId,
        referrerId: event.target,
        content: {},
      });
      return;
    default:
      throw new UnreachableCaseError(event);
  }
}
