// Turns a Seed (plain data) into a Store by replaying its events through the same state
// transitions the endpoints use, so a seeded box looks exactly like one built over HTTP.
import { Clock, IdSequence } from './clock';
import { ensureIdentifierAccess } from './access-rules';
import { seededFileBytes } from './chat-state';
import type { Seed, SeedBox, SeedEvent } from './seed-types';
import { Store, type BoxState, type StoredEvent } from './store';
import { UnreachableCaseError } from './event-types';
import { countUnread } from './unread';

/** Organisation id of the demo seed's boxes (kept as it was before the chat routes came). */
export const SEED_ORG_ID = '0a000000-0000-4000-8000-000000000001';
/** The upstream's dev self org (`authflow.self_client_id`), the default organisation (D3). */
export const SELF_ORG_ID = 'cc411b8f-28bf-4d4e-abd9-99226b41da27';

export function storeFromSeed(seed: Seed): Store {
  const store = new Store(new Clock(seed.clockStart), seed.orgId ?? SELF_ORG_ID);
  for (const identity of seed.identities) {
    const kind = identity.kind ?? 'user';
    const acr = kind === 'machine' ? 2 : (identity.acr ?? 1);
    store.addIdentity({
      id: identity.id,
      displayName: identity.displayName,
      avatarUrl: identity.avatarUrl ?? null,
      token: identity.token,
      // A machine token always carries ACR 2 (§2.1).
      acr,
      kind,
      client: identity.client ?? 'self',
      email: identity.email ?? '',
      publicKeys: identity.publicKeys ?? [],
      accountId: identity.accountId ?? '',
      amr: identity.amr ?? null,
      subject: identity.subject ?? identity.id,
    });
    for (const extra of identity.extraTokens ?? []) {
      store.addToken(identity.id, extra.token, extra.acr);
    }
  }
  const fileIds = new IdSequence('f');
  const payloads = { n: 0 };
  for (const spec of seed.boxes) loadBox(store, spec, fileIds, payloads);
  for (const saved of seed.savedFiles ?? []) store.saveFile(saved.identity, saved.fileId);
  for (const mute of seed.mutedBoxes ?? []) store.settings.setMuted(mute.identity, mute.box, true);
  return store;
}

function loadBox(store: Store, spec: SeedBox, fileIds: IdSequence, payloads: { n: number }): void {
  if (store.boxes.has(spec.id)) throw new TypeError(`seed has box ${spec.id} twice`);
  const content: Record<string, unknown> = { owner_org_id: store.orgId };
  if (spec.subject !== undefined) content.subject_identity_id = spec.subject;
  content.public_key = `box-public-key-${store.boxes.size + 1}`;
  content.title = spec.title;
  const box = store.createBox(spec.id, spec.creator, content);
  const events: SeedEvent[] = [];
  if (spec.accessMode) events.push({ type: 'state.access_mode', value: spec.accessMode });
  for (const access of spec.accesses ?? []) events.push({ type: 'access.add', ...access });
  events.push(...(spec.events ?? []));
  const nextPayload = () => Buffer.from(`payload ${++payloads.n}`).toString('base64url');
  for (const event of events) {
    if (event.type === 'read') {
      store.unread.reset(event.by, box.id);
      continue;
    }
    // Seeded events count as if they had been written one by one (§13.8).
    countUnread(store, loadEvent(store, box, event, fileIds, nextPayload));
  }
}

function loadEvent(
  store: Store,
  box: BoxState,
  event: Exclude<SeedEvent, { type: 'read' }>,
  fileIds: IdSequence,
  nextPayload: () => string,
): StoredEvent {
  const base = { id: event.id, boxId: box.id, referrerId: null };
  switch (event.type) {
    case 'member.join': {
      const join = store.append({ ...base, type: event.type, senderId: event.by, content: {} });
      const identity = store.identities.get(event.by);
      if (identity) ensureIdentifierAccess(store, box, identity);
      return join;
    }
    case 'member.leave':
      return store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        content: {},
        referrerId: box.members.get(event.by) ?? null,
      });
    case 'member.kick':
      return store.append({
        ...base,
        type: event.type,
        senderId: event.member,
        content: { kicker_id: event.by },
        referrerId: box.members.get(event.member) ?? null,
      });
    case 'msg.text':
      return store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        content: {
          encrypted: event.encrypted ?? nextPayload(),
          public_key: event.publicKey ?? 'message-key',
        },
      });
    case 'msg.file': {
      const fileId = event.fileId ?? fileIds.next();
      // The upload path stores is_saved: false (§6.3).
      const written = store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        content: {
          encrypted: event.encrypted ?? nextPayload(),
          public_key: event.publicKey ?? 'message-key',
          encrypted_file_id: fileId,
          is_saved: false,
        },
      });
      store.files.add(fileId, written.id, event.bytes ?? seededFileBytes(fileId));
      return written;
    }
    case 'msg.edit':
      return store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        referrerId: event.target,
        content: {
          new_encrypted: event.encrypted ?? nextPayload(),
          new_public_key: event.publicKey ?? 'edit-key',
        },
      });
    case 'msg.delete':
      return store.append({
        ...base,
        type: event.type,
        senderId: event.by,
        referrerId: event.target,
        content: {},
      });
    case 'state.access_mode':
      return store.append({
        ...base,
        type: event.type,
        senderId: box.creatorId,
        content: { value: event.value },
      });
    case 'state.key_share': {
      const hash = event.otherShareHash;
      if (hash !== undefined) store.keyShares.replace({ boxId: box.id, otherShareHash: hash });
      return store.append({ ...base, type: event.type, senderId: box.creatorId, content: {} });
    }
    case 'access.add':
      return store.append({
        ...base,
        type: event.type,
        senderId: box.creatorId,
        content: { restriction_type: event.restrictionType, value: event.value },
      });
    case 'access.rm':
      return store.append({
        ...base,
        type: event.type,
        senderId: box.creatorId,
        referrerId: event.target,
        content: {},
      });
    default:
      throw new UnreachableCaseError(event);
  }
}
