// Per-user routes (upstream-api.md §13.8, §13.9, §13.11): the REST unread ack, the box settings
// (mute) and who the caller is.
import { settingsView, createContent, type SettingsView } from './box-view';
import { forbidden, notMember, type Details } from './errors';
import type { Publisher } from './realtime/publisher';
import type { ParsedRequest } from './request-parsing';
import { isMember, type Identity, type Store } from './store';
import {
  bindJsonBody,
  checkBoxId,
  isUuidV4,
  optionalBoolean,
  optionalString,
  throwIfAny,
} from './validation';

function checkIdentityId(value: string, details: Details): void {
  if (value === '') details.identity_id = 'required';
  else if (!isUuidV4(value)) details.identity_id = 'malformed';
}

/**
 * PUT /boxes/:id/new-events-count/ack: bind, both ids together, the body's identity must be the
 * token's (403 bare). No box or membership check (D13); publishes nothing.
 */
export function ackNewEventsCount(
  store: Store,
  req: ParsedRequest,
  boxId: string,
  caller: Identity,
): void {
  const identityId = optionalString(bindJsonBody(req), 'identity_id') ?? '';
  const details: Details = {};
  checkBoxId(boxId, details);
  checkIdentityId(identityId, details);
  throwIfAny(details);
  if (identityId !== caller.id) throw forbidden('');
  store.unread.reset(caller.id, boxId);
}

/** Both settings routes: path ids, the path identity is the token's, then membership. */
function settingsTarget(
  store: Store,
  identityId: string,
  boxId: string,
  caller: Identity,
): SettingsView {
  const details: Details = {};
  checkIdentityId(identityId, details);
  checkBoxId(boxId, details);
  throwIfAny(details);
  if (identityId !== caller.id) throw forbidden('');
  const box = store.boxes.get(boxId);
  if (!box || !isMember(box, caller.id)) throw notMember();
  return settingsView(store, caller.id, boxId);
}

export function getBoxSettings(
  store: Store,
  identityId: string,
  boxId: string,
  caller: Identity,
): SettingsView {
  return settingsTarget(store, identityId, boxId, caller);
}

/**
 * PUT: the body binds first (a non-boolean `muted` is 400 origin body); absent means false.
 * box.settings goes to the caller's own sockets on every success, changed or not (D14).
 */
export function updateBoxSettings(
  store: Store,
  publisher: Publisher,
  req: ParsedRequest,
  ids: { identityId: string; boxId: string },
  caller: Identity,
): void {
  const muted = optionalBoolean(bindJsonBody(req), 'muted') ?? false;
  settingsTarget(store, ids.identityId, ids.boxId, caller);
  store.settings.setMuted(caller.id, ids.boxId, muted);
  const box = store.boxes.get(ids.boxId);
  publisher.send([caller.id], 'box.settings', {
    identity_id: caller.id,
    box_id: ids.boxId,
    muted,
    owner_org_id: box ? (createContent(box).owner_org_id ?? '') : '',
  });
}

/** GET /auth/userinfo (D21): Hydra's userinfo claims, in its key order; `mid` is the identity. */
export function userInfo(caller: Identity): Record<string, unknown> {
  return {
    acr: String(caller.acr),
    aid: caller.accountId,
    amr: caller.amr ?? (caller.acr >= 2 ? ['prehashed_password'] : ['emailed_code']),
    email: caller.email,
    mid: caller.id,
    sco: 'openid tos privacy_policy',
    sid: '',
    sub: caller.subject,
  };
}
