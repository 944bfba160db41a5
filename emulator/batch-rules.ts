// POST /boxes/:id/batch-events (§5.2, §6.11, §6.12): accesses only, one transaction, request
// order, then the kick pass. Any error rolls the whole batch back.
import { kickPass } from './access-rules';
import {
  bindBatch,
  validateAdd,
  validateBatch,
  validateRm,
  type AccessContent,
  type BatchElement,
} from './batch-request';
import { badRequest, conflict, forbidden, notFound, withPrefix } from './errors';
import { UnreachableCaseError, type BatchEventType } from './event-types';
import type { ParsedRequest } from './request-parsing';
import type { BoxState, Identity, StoredEvent, Store } from './store';
import type { JsonObject } from './validation';

interface BatchContext {
  store: Store;
  box: BoxState;
  caller: Identity;
}

export function createBatch(
  store: Store,
  req: ParsedRequest,
  boxId: string,
  caller: Identity,
): StoredEvent[] {
  const events = validateBatch(boxId, bindBatch(req));
  const box = store.boxes.get(boxId);
  if (!box) throw notFound('checking exist: getting box create event', { id: 'not_found' });
  const ctx: BatchContext = { store, box, caller };
  return store.transaction(() => {
    const written = events.map((element) => writeElement(ctx, element));
    return [...written, ...kickPass(store, box, caller.id)];
  });
}

function writeElement(ctx: BatchContext, element: BatchElement): StoredEvent {
  const type = element.type as BatchEventType;
  switch (type) {
    case 'access.add': {
      const access = validateAdd(element);
      return prefixed(type, () => writeAdd(ctx, element, access));
    }
    case 'access.rm':
      validateRm(element);
      return prefixed(type, () => writeRm(ctx, element));
    default:
      throw new UnreachableCaseError(type);
  }
}

function prefixed<T>(type: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw withPrefix(err, `doing ${type} event`);
  }
}

function mustBeAdmin(ctx: BatchContext): void {
  if (ctx.box.creatorId !== ctx.caller.id) throw forbidden('checking admin: not the creator');
}

function writeAdd(ctx: BatchContext, element: BatchElement, access: AccessContent): StoredEvent {
  mustBeAdmin(ctx);
  for (const active of ctx.box.accesses.values()) {
    if (active.restrictionType === access.restrictionType && active.value === access.value) {
      throw conflict('this access already exists', { content: 'conflict', box_id: 'conflict' });
    }
  }
  if (access.restrictionType === 'identifier' && access.autoInvite === true) {
    checkInvitation(ctx.store, access.value, element.extra as JsonObject);
  }
  return ctx.store.append({
    boxId: ctx.box.id,
    type: 'access.add',
    senderId: ctx.caller.id,
    content: element.content,
    referrerId: element.referrerId || null,
  });
}

/**
 * Auto-invite: `extra` maps exactly one of the invitee's public keys to an encrypted payload.
 * An invitee with no public key (or no identity at all) is a 409.
 */
function checkInvitation(store: Store, identifier: string, extra: JsonObject): void {
  const entries = Object.keys(extra);
  if (entries.length !== 1)
    throw badRequest('extra must have exactly one entry', { extra: 'invalid' });
  const keys = store.identityByEmail(identifier)?.publicKeys ?? [];
  if (keys.length === 0) throw conflict('invitee has no public key');
  if (!keys.includes(entries[0] as string)) {
    throw badRequest('extra key is not a public key of the invitee', { extra: 'invalid' });
  }
}

function writeRm(ctx: BatchContext, element: BatchElement): StoredEvent {
  mustBeAdmin(ctx);
  const referrer = element.referrerId as string;
  if (!ctx.box.accesses.has(referrer)) {
    throw notFound('checking access.add referrer_id consistency', { id: 'not_found' });
  }
  return ctx.store.append({
    boxId: ctx.box.id,
    type: 'access.rm',
    senderId: ctx.caller.id,
    content: {},
    referrerId: referrer,
  });
}
