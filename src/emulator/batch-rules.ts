// POST /boxes/:id/batch-events (§5.2, §6.11, §6.12): accesses only, one transaction, request
// order, then the kick pass. Any error rolls the whole batch back.
import { kickPass } from './access-rules';
import { badRequest, conflict, forbidden, notFound, withPrefix, type Details } from './errors';
import { BATCH_TYPES, UnreachableCaseError, type BatchEventType } from './event-types';
import type { ParsedRequest } from './request-parsing';
import type { BoxState, Identity, StoredEvent, Store } from './store';
import {
  bindJsonBody,
  checkBoxId,
  isUuidV4,
  optionalBoolean,
  optionalObject,
  optionalString,
  throwIfAny,
  typeError,
  validationError,
  type JsonObject,
} from './validation';

interface BatchElement {
  type: string | undefined;
  content: unknown;
  referrerId: string | undefined;
  extra: JsonObject | null | undefined;
}

interface BatchRequest {
  batchType: string | undefined;
  events: BatchElement[] | undefined;
}

function bind(req: ParsedRequest): BatchRequest {
  const body = bindJsonBody(req);
  const events = body.events;
  if (events !== undefined && events !== null && !Array.isArray(events)) {
    throw typeError(typeof events, 'array', 'events');
  }
  return {
    batchType: optionalString(body, 'batch_type'),
    events: (events ?? undefined)?.map((element: unknown, i: number) => {
      const where = `events[${i}].`;
      if (element === null || typeof element !== 'object' || Array.isArray(element)) {
        throw typeError(
          Array.isArray(element) ? 'array' : typeof element,
          'object',
          `events[${i}]`,
        );
      }
      const obj = element as JsonObject;
      return {
        type: optionalString(obj, 'type', where),
        content: obj.content,
        referrerId: optionalString(obj, 'referrer_id', where),
        extra: optionalObject(obj, 'extra', where),
      };
    }),
  };
}

/** One element's first failing rule; ozzo reports it under the parent key `events`. */
function elementError(element: BatchElement): string | undefined {
  const type = element.type ?? '';
  if (type === '') return 'required';
  if (!(BATCH_TYPES as readonly string[]).includes(type)) return 'malformed';
  if (type === 'access.add' && (element.content === undefined || element.content === ''))
    return 'required';
  if (
    element.referrerId !== undefined &&
    element.referrerId !== '' &&
    !isUuidV4(element.referrerId)
  ) {
    return 'malformed';
  }
  return undefined;
}

function validate(boxId: string, request: BatchRequest): BatchElement[] {
  const details: Details = {};
  checkBoxId(boxId, details);
  if ((request.batchType ?? '') === '') details.batch_type = 'required';
  else if (request.batchType !== 'accesses') details.batch_type = 'malformed';
  const events = request.events ?? [];
  if (events.length === 0) details.events = 'required';
  // Upstream iterates a map, so "the last one wins" is random there; here it is the last element.
  for (const element of events) {
    const error = elementError(element);
    if (error) details.events = error;
  }
  throwIfAny(details);
  return events;
}

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
  const events = validate(boxId, bind(req));
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

interface AccessContent {
  restrictionType: string;
  value: string;
  autoInvite: boolean | undefined;
}

/** A content that is not the right shape is a 400 with empty details, as in §6. */
function bindAccessContent(obj: JsonObject): AccessContent {
  try {
    return {
      restrictionType: optionalString(obj, 'restriction_type') ?? '',
      value: optionalString(obj, 'value') ?? '',
      autoInvite: optionalBoolean(obj, 'auto_invite'),
    };
  } catch (err) {
    throw badRequest(`unmarshalling access.add: ${(err as Error).message}`);
  }
}

function validateAdd(element: BatchElement): AccessContent {
  const content = element.content;
  if (content !== null && (typeof content !== 'object' || Array.isArray(content))) {
    const err = typeError(Array.isArray(content) ? 'array' : typeof content, 'object', '');
    throw badRequest(`unmarshalling access.add: ${err.message}`);
  }
  const access = bindAccessContent((content ?? {}) as JsonObject);
  const details: Details = {};
  if (access.restrictionType === '') details.restriction_type = 'required';
  else if (access.restrictionType !== 'identifier' && access.restrictionType !== 'email_domain') {
    details.restriction_type = 'malformed';
  }
  if (access.value === '') details.value = 'required';
  if (access.restrictionType === 'identifier') {
    const hasExtra = element.extra !== undefined && element.extra !== null;
    if (access.autoInvite === true && !hasExtra) details.extra = 'required';
    if (access.autoInvite !== true && hasExtra) details.auto_invite = 'invalid';
  }
  if (Object.keys(details).length > 0) throw validationError(details);
  return access;
}

function validateRm(element: BatchElement): void {
  const details: Details = {};
  if ((element.referrerId ?? '') === '') details.referrer_id = 'required';
  // Absent or {} only: even `"content": null` is refused (§6.12).
  const content = element.content;
  const empty =
    content === undefined ||
    (typeof content === 'object' &&
      content !== null &&
      !Array.isArray(content) &&
      Object.keys(content).length === 0);
  if (!empty) details.content = 'forbidden';
  throwIfAny(details);
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
