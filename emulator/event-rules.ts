// POST /boxes/:id/events (§5.1, §6): after bind and validation (event-request.ts), the per-type
// write rules, each run as one transaction. Desc prefixes follow the Go error chain.
import { joinability, ensureIdentifierAccess } from './access-rules';
import { badRequest, conflict, forbidden, gone, notFound, notMember, withPrefix } from './errors';
import type { SingleCreateType } from './event-types';
import {
  bindCreateEvent,
  validateContent,
  validateCreateEvent,
  type CreateEventRequest,
} from './event-request';
import type { ParsedRequest } from './request-parsing';
import { isMember, type BoxState, type Identity, type StoredEvent, type Store } from './store';

interface WriteContext {
  store: Store;
  box: BoxState;
  caller: Identity;
  request: CreateEventRequest;
}

export function createEvent(
  store: Store,
  req: ParsedRequest,
  boxId: string,
  caller: Identity,
): StoredEvent {
  const request = bindCreateEvent(req);
  const type = validateCreateEvent(boxId, request);
  const box = store.boxes.get(boxId);
  // MustBoxExists' error is replaced by a bare Forbidden: empty desc, empty details (§4).
  if (!box) throw forbidden('');
  validateContent(type, request);
  try {
    return store.transaction(() => HANDLERS[type]({ store, box, caller, request }));
  } catch (err) {
    throw withPrefix(err, `during ${type} event`);
  }
}

const HANDLERS: Record<SingleCreateType, (ctx: WriteContext) => StoredEvent> = {
  'msg.text': writeText,
  'msg.edit': writeEdit,
  'msg.delete': writeDelete,
  'member.join': writeJoin,
  'member.leave': writeLeave,
  'state.access_mode': writeAdminState,
  'state.key_share': writeAdminState,
};

function append(ctx: WriteContext, referrerId: string | null): StoredEvent {
  const content = ctx.request.content;
  return ctx.store.append({
    boxId: ctx.box.id,
    type: ctx.request.type as SingleCreateType,
    senderId: ctx.caller.id,
    content: content === undefined || content === null ? {} : content,
    referrerId,
  });
}

function mustBeMember(ctx: WriteContext): void {
  if (!isMember(ctx.box, ctx.caller.id)) throw notMember();
}

function mustBeAdmin(ctx: WriteContext, what = 'checking admin'): void {
  if (ctx.box.creatorId !== ctx.caller.id) throw forbidden(`${what}: not the creator`);
}

/**
 * join, access_mode and key_share store referrer_id without checking it: the foreign key
 * answers 409 for an id that is no event, and the uuid cast 400 for "" (§5.1).
 */
function uncheckedReferrer(ctx: WriteContext): string | null {
  const referrer = ctx.request.referrerId;
  if (referrer === undefined || referrer === null) return null;
  if (referrer === '') throw badRequest('invalid input syntax for type uuid: ""');
  if (!ctx.store.event(referrer)) {
    throw conflict(
      'insert or update on table "event" violates foreign key constraint "event_referrer_id_fkey"',
    );
  }
  return referrer;
}

function writeText(ctx: WriteContext): StoredEvent {
  const referrer = ctx.request.referrerId;
  if (referrer !== undefined && referrer !== null) {
    throw badRequest('referrer id cannot be set', { referrer_id: 'forbidden' });
  }
  mustBeMember(ctx);
  return append(ctx, null);
}

/** The target of an edit or delete: steps 2–4 of §6.4 / §6.5. */
function referredMessage(ctx: WriteContext): StoredEvent {
  const referrer = ctx.request.referrerId;
  if (referrer === undefined || referrer === null || referrer === '') {
    throw badRequest('referrer_id: cannot be blank.', { referrer_id: 'required' });
  }
  const target = ctx.store.event(referrer);
  if (!target) throw notFound('building message: listing events');
  if (target.type !== 'msg.text' && target.type !== 'msg.file') {
    throw forbidden(`building message: wrong initial event type ${target.type}`);
  }
  return target;
}

function isDeleted(store: Store, target: StoredEvent): boolean {
  return store.referrersOf(target.id).some((ref) => ref.type === 'msg.delete');
}

function writeEdit(ctx: WriteContext): StoredEvent {
  mustBeMember(ctx);
  const target = referredMessage(ctx);
  if (target.senderId !== ctx.caller.id) throw forbidden('can only edit own messages');
  if (isDeleted(ctx.store, target)) throw gone('cannot edit a deleted message');
  if (target.type === 'msg.file') throw forbidden('cannot edit event type msg.file');
  return append(ctx, target.id);
}

function writeDelete(ctx: WriteContext): StoredEvent {
  mustBeMember(ctx);
  const target = referredMessage(ctx);
  if (target.senderId !== ctx.caller.id) mustBeAdmin(ctx, 'checking admins');
  if (isDeleted(ctx.store, target)) throw gone('cannot delete an already deleted message');
  return append(ctx, target.id);
}

function writeJoin(ctx: WriteContext): StoredEvent {
  if (isMember(ctx.box, ctx.caller.id)) throw conflict('already box member');
  switch (joinability(ctx.box, ctx.caller)) {
    case 'allowed':
      break;
    case 'no_rules':
      throw forbidden('checking joinability: must be an admin', { reason: 'no_access' });
    case 'no_match':
      throw forbidden('checking joinability: must match a restriction rule', {
        reason: 'no_access',
      });
  }
  const event = append(ctx, uncheckedReferrer(ctx));
  ensureIdentifierAccess(ctx.store, ctx.box, ctx.caller);
  return event;
}

function writeLeave(ctx: WriteContext): StoredEvent {
  mustBeMember(ctx);
  if (ctx.box.creatorId === ctx.caller.id) {
    throw forbidden('admin can\u2019t leave their own box');
  }
  // Whatever the client sent, referrer_id becomes the caller's active join.
  return append(ctx, ctx.box.members.get(ctx.caller.id) ?? null);
}

function writeAdminState(ctx: WriteContext): StoredEvent {
  mustBeAdmin(ctx);
  const event = append(ctx, uncheckedReferrer(ctx));
  // D18: a key share event's hash replaces every share of the box (GET /boxes/:id/public).
  const hash = ctx.request.extra?.other_share_hash;
  if (ctx.request.type === 'state.key_share' && typeof hash === 'string') {
    ctx.store.keyShares.replace({ boxId: ctx.box.id, otherShareHash: hash });
  }
  return event;
}
