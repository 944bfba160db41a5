// The box reads of the chat surface (upstream-api.md §13.3–§13.5, §13.10): the caller's boxes
// and their count, one box, its public view, its members and its access list.
import { joinability } from './access-rules';
import { boxView, createContent, lastVisibleEvent } from './box-view';
import { forbidden, notFound, notMember, type Details } from './errors';
import type { ParsedRequest } from './request-parsing';
import { isMember, type BoxState, type Identity, type StoredEvent, type Store } from './store';
import {
  checkBoxId,
  isUrlSafeBase64,
  isUuidV4,
  parseInt64,
  queryValue,
  throwIfAny,
  validationError,
} from './validation';
import { identityView, writtenView } from './views';

/** D6: `limit` 0 or absent → 10, no maximum (unlike the events default of 500). */
export const JOINED_DEFAULT_LIMIT = 10;

interface JoinedQuery {
  ownerOrgId: string;
  offset: number;
  limit: number;
}

/**
 * Bind (a bad integer: 400 origin query, §13.3 step 2), then ozzo with every field tagged
 * `json:"-"`: one "-" key holding the last failure in declaration order (D19). HEAD binds no
 * window at all.
 */
function bindJoined(store: Store, req: ParsedRequest, withWindow: boolean): JoinedQuery {
  const int = (key: string) => {
    const raw = withWindow ? (queryValue(req.search, key) ?? '') : '';
    return raw === '' ? 0 : parseInt64(raw, 'query');
  };
  const offset = int('offset');
  const limit = int('limit');
  const ownerOrgId = queryValue(req.search, 'owner_org_id') ?? '';
  const datatagId = queryValue(req.search, 'datatag_id') ?? '';
  let failure: string | undefined;
  if (ownerOrgId !== '' && !isUuidV4(ownerOrgId)) failure = 'malformed';
  if (datatagId !== '' && !isUuidV4(datatagId)) failure = 'malformed';
  if (offset < 0) failure = 'invalid';
  if (limit < 0) failure = 'invalid';
  if (failure !== undefined) throw validationError({ '-': failure });
  // D4: no datatag exists; an empty one means "boxes without datatag", i.e. all of them.
  if (datatagId !== '') throw notFound('getting datatag', { datatag_id: 'not_found' });
  return {
    ownerOrgId: ownerOrgId === '' ? store.orgId : ownerOrgId,
    offset,
    limit: limit === 0 ? JOINED_DEFAULT_LIMIT : limit,
  };
}

/** Created or joined, in the org; newest visible event first, ties by box id (D5). */
function joinedBoxes(store: Store, caller: Identity, orgId: string): BoxState[] {
  const boxes = [...store.boxes.values()].filter(
    (box) => isMember(box, caller.id) && createContent(box).owner_org_id === orgId,
  );
  const at = new Map(boxes.map((box) => [box, lastVisibleEvent(box).createdAt]));
  return boxes.sort(
    (a, b) => (at.get(b) as number) - (at.get(a) as number) || (a.id < b.id ? -1 : 1),
  );
}

export function listJoined(store: Store, req: ParsedRequest, caller: Identity): unknown[] {
  const query = bindJoined(store, req, true);
  const boxes = joinedBoxes(store, caller, query.ownerOrgId);
  return boxes
    .slice(query.offset, query.offset + query.limit)
    .map((box) => boxView(store, box, caller.id));
}

export function countJoined(store: Store, req: ParsedRequest, caller: Identity): number {
  return joinedBoxes(store, caller, bindJoined(store, req, false).ownerOrgId).length;
}

function validBoxId(boxId: string): void {
  const details: Details = {};
  checkBoxId(boxId, details);
  throwIfAny(details);
}

/** §13.4: unknown → 403 bare; a non-member who could join → not_member; else no_access. */
export function getBox(store: Store, boxId: string, caller: Identity): unknown {
  validBoxId(boxId);
  const box = store.boxes.get(boxId);
  if (!box) throw forbidden('');
  if (!isMember(box, caller.id)) {
    switch (joinability(box, caller)) {
      case 'allowed':
        throw notMember();
      case 'no_rules':
        throw forbidden('must be an admin', { reason: 'no_access' });
      case 'no_match':
        throw forbidden('must match a restriction rule', { reason: 'no_access' });
    }
  }
  return boxView(store, box, caller.id);
}

/** §13.4: no token at all; the creator is always opaque. */
export function getBoxPublic(store: Store, req: ParsedRequest, boxId: string): unknown {
  const hash = queryValue(req.search, 'other_share_hash') ?? '';
  const details: Details = {};
  checkBoxId(boxId, details);
  if (hash === '') details.other_share_hash = 'required';
  else if (!isUrlSafeBase64(hash)) details.other_share_hash = 'malformed';
  throwIfAny(details);
  const share = store.keyShares.get(hash);
  if (!share) throw notFound('getting key share', { other_share_hash: 'not_found' });
  const box = store.boxes.get(share.boxId);
  if (share.boxId !== boxId || !box) {
    throw forbidden('wrong other share hash', { other_share_hash: 'invalid' });
  }
  const create = createContent(box);
  return {
    title: create.title,
    creator: identityView(store, box.creatorId),
    owner_org_id: create.owner_org_id,
  };
}

/** §13.5 with D7: creator first, then active joiners newest join first. */
export function listMembers(store: Store, boxId: string, caller: Identity): unknown[] {
  validBoxId(boxId);
  const box = store.boxes.get(boxId);
  if (!box || !isMember(box, caller.id)) throw notMember();
  const transparent = caller.id === box.creatorId;
  const ids = [box.creatorId, ...[...box.members.keys()].reverse()];
  return [...new Set(ids)].map((id) => identityView(store, id, transparent));
}

/** §13.10: the admin only; active access.add views, newest first, transparent. */
export function listAccesses(store: Store, boxId: string, caller: Identity): unknown[] {
  validBoxId(boxId);
  const box = store.boxes.get(boxId);
  if (!box || box.creatorId !== caller.id) throw forbidden('not the creator');
  return [...box.accesses.keys()]
    .reverse()
    .map((id) => writtenView(store, store.event(id) as StoredEvent, true));
}
