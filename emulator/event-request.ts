// The request half of POST /boxes/:id/events (§5.1): echo's bind, ozzo's request validation,
// then the per-type content validation that runs once the box is known to exist (§6).
import { badRequest, type Details } from './errors';
import {
  REQUIRES_CONTENT,
  SINGLE_CREATE_TYPES,
  UnreachableCaseError,
  type SingleCreateType,
} from './event-types';
import type { ParsedRequest } from './request-parsing';
import {
  bindJsonBody,
  checkBoxId,
  isUrlSafeBase64,
  isUuidV4,
  optionalObject,
  optionalString,
  throwIfAny,
  typeError,
  validationError,
  type JsonObject,
} from './validation';

export interface CreateEventRequest {
  type: string | undefined;
  /** undefined = key absent; anything else is what was sent. */
  content: unknown;
  referrerId: string | null | undefined;
  extra: JsonObject | null | undefined;
}

export function bindCreateEvent(req: ParsedRequest): CreateEventRequest {
  const body = bindJsonBody(req);
  const referrer = body.referrer_id;
  return {
    type: optionalString(body, 'type'),
    content: body.content,
    referrerId: referrer === null ? null : optionalString(body, 'referrer_id'),
    extra: optionalObject(body, 'extra'),
  };
}

export function validateCreateEvent(boxId: string, request: CreateEventRequest): SingleCreateType {
  const details: Details = {};
  checkBoxId(boxId, details);
  const type = request.type ?? '';
  if (type === '') details.type = 'required';
  else if (!(SINGLE_CREATE_TYPES as readonly string[]).includes(type)) details.type = 'malformed';
  else if (
    REQUIRES_CONTENT.has(type) &&
    (request.content === undefined || request.content === '')
  ) {
    details.content = 'required';
  }
  const referrer = request.referrerId;
  if (referrer !== undefined && referrer !== null && referrer !== '' && !isUuidV4(referrer)) {
    details.referrer_id = 'malformed';
  }
  throwIfAny(details);
  return type as SingleCreateType;
}

/** Content of the types that have a schema; null reads as {} and fails field by field. */
function contentObject(type: string, content: unknown): JsonObject {
  if (content === undefined || content === null) return {};
  if (typeof content !== 'object' || Array.isArray(content)) {
    const err = typeError(Array.isArray(content) ? 'array' : typeof content, 'object', '');
    throw badRequest(`binding content: unmarshalling ${type}: ${err.message}`);
  }
  return content as JsonObject;
}

function bindContentField(type: string, obj: JsonObject, key: string): string | undefined {
  try {
    return optionalString(obj, key);
  } catch (err) {
    throw badRequest(`binding content: unmarshalling ${type}: ${(err as Error).message}`);
  }
}

function requireEncrypted(value: string | undefined, key: string, details: Details): void {
  if (value === undefined || value === '') details[key] = 'required';
  else if (!isUrlSafeBase64(value)) details[key] = 'malformed';
}

/** Step 2 of §5.1: per-type content (and key-share extra) validation, before any handler. */
export function validateContent(type: SingleCreateType, request: CreateEventRequest): void {
  const details: Details = {};
  switch (type) {
    case 'msg.text': {
      const obj = contentObject(type, request.content);
      requireEncrypted(bindContentField(type, obj, 'encrypted'), 'encrypted', details);
      if (!bindContentField(type, obj, 'public_key')) details.public_key = 'required';
      break;
    }
    case 'msg.edit': {
      const obj = contentObject(type, request.content);
      requireEncrypted(bindContentField(type, obj, 'new_encrypted'), 'new_encrypted', details);
      bindContentField(type, obj, 'new_public_key'); // type-checked, never validated (§6.4)
      break;
    }
    case 'state.access_mode': {
      const value = bindContentField(type, contentObject(type, request.content), 'value');
      if (value === undefined || value === '') details.value = 'required';
      else if (value !== 'public' && value !== 'limited') details.value = 'malformed';
      break;
    }
    case 'state.key_share': {
      const extra = request.extra ?? {};
      for (const key of ['misakey_share', 'other_share_hash', 'encrypted_invitation_key_share']) {
        if (!bindContentField(type, extra, key)) details[key] = 'required';
      }
      break;
    }
    case 'member.join':
    case 'member.leave':
    case 'msg.delete':
      return;
    default:
      throw new UnreachableCaseError(type);
  }
  if (Object.keys(details).length > 0) {
    const err = validationError(details);
    throw badRequest(`binding content: ${err.message}`, details);
  }
}
