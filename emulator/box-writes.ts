// POST /boxes and DELETE /boxes/:id (upstream-api.md §13.6): bind, validation, the checks in
// the upstream's order, then one atomic write whose messages go out after commit.
import { boxView, createContent } from './box-view';
import { badRequest, conflict, forbidden, type Details } from './errors';
import type { Publisher } from './realtime/publisher';
import type { ParsedRequest } from './request-parsing';
import type { Identity, Store } from './store';
import {
  bindJsonBody,
  checkBoxId,
  isUrlSafeBase64,
  isUuidV4,
  optionalObject,
  optionalString,
  throwIfAny,
} from './validation';

/** D17: ozzo's Length counts bytes, not characters. */
export const MAX_TITLE_BYTES = 50;
const KEY_SHARE_FIELDS = ['other_share_hash', 'misakey_share', 'encrypted_invitation_key_share'];
/** mcrypto's public key format: unpadded URL-safe base64, optionally prefixed (§13.6). */
const PUBLIC_KEY = /^(?:com\.misakey\.aes-rsa-enc:)?[\w-]+$/;

export function createBox(store: Store, req: ParsedRequest, caller: Identity): unknown {
  const body = bindJsonBody(req);
  const title = optionalString(body, 'title') ?? '';
  const publicKey = optionalString(body, 'public_key') ?? '';
  const ownerOrgId = optionalString(body, 'owner_org_id') ?? '';
  const keyShare = optionalObject(body, 'key_share');
  const shareValues = keyShare
    ? KEY_SHARE_FIELDS.map((key) => optionalString(keyShare, key, 'key_share.') ?? '')
    : [];
  const details: Details = {};
  if (title === '') details.title = 'required';
  else if (Buffer.byteLength(title, 'utf8') > MAX_TITLE_BYTES) details.title = 'malformed';
  if (publicKey === '') details.public_key = 'required';
  if (ownerOrgId !== '' && !isUuidV4(ownerOrgId)) details.owner_org_id = 'malformed';
  throwIfAny(details);
  // The key share is validated only once the three fields above pass, under flat keys.
  KEY_SHARE_FIELDS.forEach((key, i) => {
    const value = shareValues[i];
    if (value === undefined) return;
    if (value === '') details[key] = 'required';
    else if (!isUrlSafeBase64(value)) details[key] = 'malformed';
  });
  throwIfAny(details);
  // D3: one organisation; creating in another needs an SSO org admin, which never exists here.
  if (ownerOrgId !== '' && ownerOrgId !== store.orgId) throw forbidden('');
  // D16: the create content validator's error carries no ozzo key, so details stay {}.
  if (!PUBLIC_KEY.test(publicKey)) {
    throw badRequest('creating create event: public_key: invalid format', {});
  }
  const hash = shareValues[0];
  // D15: a duplicate hash is refused before anything is written (upstream: after).
  if (hash !== undefined && store.keyShares.has(hash)) {
    throw conflict('inserting key share: duplicate other_share_hash', {});
  }
  const box = store.transaction(() =>
    store.createBox(store.newBoxId(), caller.id, {
      owner_org_id: store.orgId,
      public_key: publicKey,
      title,
    }),
  );
  if (hash !== undefined) store.keyShares.replace({ boxId: box.id, otherShareHash: hash });
  return boxView(store, box, caller.id);
}

export const DELETE_CONFIRMATIONS = ['delete', 'supprimer'];

export function deleteBox(
  store: Store,
  publisher: Publisher,
  req: ParsedRequest,
  boxId: string,
  caller: Identity,
): void {
  const confirmation = optionalString(bindJsonBody(req), 'user_confirmation') ?? '';
  const details: Details = {};
  checkBoxId(boxId, details);
  if (confirmation === '') details.user_confirmation = 'required';
  else if (!DELETE_CONFIRMATIONS.includes(confirmation)) details.user_confirmation = 'malformed';
  throwIfAny(details);
  const box = store.boxes.get(boxId);
  if (!box || box.creatorId !== caller.id) throw forbidden('checking admin: not the creator');
  const members = [box.creatorId, ...box.members.keys()];
  const create = createContent(box);
  store.deleteBox(boxId);
  // D20: nothing can fail past this point; the members at deletion time hear of it (§9.3).
  publisher.send(members, 'box.delete', {
    id: boxId,
    owner_org_id: create.owner_org_id ?? '',
    sender_id: caller.id,
    public_key: create.public_key ?? '',
  });
}
