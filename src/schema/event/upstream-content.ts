// Readers for the parts of an upstream event view (docs/upstream.md#events). Nothing from
// the upstream is trusted: a content field of the wrong shape throws OddContentError, which
// toBoxEvent turns into an UnknownBoxEvent (the raw content kept) plus a warning.
import type { IdentityDto } from '../../upstream/upstream-types';
import { type DateTime, isDateTime } from '../scalars/date-time.scalar';
import { asUuid, type Uuid } from '../scalars/uuid.scalar';
import { Identity } from './identity.type';
import { MessageDeletion } from './message-deletion.type';

/** A known event type whose content does not have the documented shape. */
export class OddContentError extends Error {
  override readonly name = 'OddContentError';
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function contentObject(content: unknown): JsonObject {
  if (isJsonObject(content)) return content;
  throw new OddContentError(
    `content is ${content === null ? 'null' : typeof content}, not an object`,
  );
}

export function requiredString(object: JsonObject, key: string): string {
  const value = object[key];
  if (typeof value === 'string') return value;
  throw new OddContentError(`content.${key} is ${describe(value)}, not a string`);
}

/** Absent or null → null; anything but a string is odd. */
export function optionalString(object: JsonObject, key: string): string | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  throw new OddContentError(`content.${key} is ${describe(value)}, not a string`);
}

/** Absent or null → null; a UUID, lowercased; anything else is odd. */
export function optionalUuid(object: JsonObject, key: string): Uuid | null {
  const value = optionalString(object, key);
  if (value === null) return null;
  const uuid = asUuid(value);
  if (uuid !== null) return uuid;
  throw new OddContentError(`content.${key} is not a UUID`);
}

/** Absent or null → null; a string that is not RFC 3339 cannot be served as a DateTime: odd. */
export function optionalDateTime(object: JsonObject, key: string): DateTime | null {
  const value = optionalString(object, key);
  if (value === null || isDateTime(value)) return value;
  throw new OddContentError(`content.${key} is not an RFC 3339 date-time`);
}

export function optionalBoolean(object: JsonObject, key: string): boolean | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  throw new OddContentError(`content.${key} is ${describe(value)}, not a boolean`);
}

/** An upstream string mapped through a closed table (enum values). */
export function oneOf<T>(object: JsonObject, key: string, table: ReadonlyMap<string, T>): T {
  const found = table.get(requiredString(object, key));
  if (found !== undefined) return found;
  throw new OddContentError(`content.${key} is not one of ${[...table.keys()].join(', ')}`);
}

/** An identity view, or null when the value is not one. "" identifiers become null. */
export function readIdentity(value: unknown): Identity | null {
  if (!isJsonObject(value)) return null;
  const dto = value as Partial<IdentityDto>;
  if (typeof dto.id !== 'string' || dto.id === '' || typeof dto.display_name !== 'string') {
    return null;
  }
  return new Identity({
    id: dto.id,
    displayName: dto.display_name,
    avatarUrl: typeof dto.avatar_url === 'string' ? dto.avatar_url : null,
    identifierValue: nonEmpty(dto.identifier_value),
    identifierKind: nonEmpty(dto.identifier_kind),
  });
}

// The upstream never fills deleted.at_time: it is Go's zero time
// (docs/upstream.md#edits-and-deletions).
const ZERO_TIME = /^0001-01-01T00:00:00(?:\.0+)?(?:Z|[+-]00:00)$/;

/** `content.deleted` of a listed message, or null when the message is not deleted. */
export function readDeletion(content: JsonObject): MessageDeletion | null {
  if (!('deleted' in content)) return null;
  const deleted = content.deleted;
  if (!isJsonObject(deleted)) throw new OddContentError('content.deleted is not an object');
  const deletedBy = readIdentity(deleted.by_identity);
  if (!deletedBy) throw new OddContentError('content.deleted.by_identity is not an identity');
  const atTime = optionalDateTime(deleted, 'at_time');
  return new MessageDeletion(deletedBy, atTime === null || ZERO_TIME.test(atTime) ? null : atTime);
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
