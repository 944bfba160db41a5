// The request half of POST /boxes/:id/batch-events (§5.2): bind, request validation (element
// errors reported under `events`), and the access.add / access.rm content rules (§6.11, §6.12).
import { badRequest, type Details } from './errors';
import { BATCH_TYPES } from './event-types';
import type { ParsedRequest } from './request-parsing';
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

export interface BatchElement {
  type: string | undefined;
  content: unknown;
  referrerId: string | undefined;
  extra: JsonObject | null | undefined;
}

interface BatchRequest {
  batchType: string | undefined;
  events: BatchElement[] | undefined;
}

export function bindBatch(req: ParsedRequest): BatchRequest {
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

export function validateBatch(boxId: string, request: BatchRequest): BatchElement[] {
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

export interface AccessContent {
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

export function validateAdd(element: BatchElement): AccessContent {
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

export function validateRm(element: BatchElement): void {
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
