// Bind and validation steps (§1.2 steps 5–6): what echo's binder and ozzo would answer.
import { ApiError, badRequest, type Details, type ErrorOrigin } from './errors';
import type { ParsedRequest } from './request-parsing';

/** govalidator's UUIDv4: lowercase hex only, version 4, variant 8/9/a/b (§1.4). */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const isUuidV4 = (value: string): boolean => UUID_V4.test(value);

/** Unpadded URL-safe base64, the only form `encrypted` fields accept (§6.2). */
export const isUrlSafeBase64 = (value: string): boolean => /^[a-zA-Z0-9_-]+$/.test(value);

const MESSAGES: Record<string, string> = {
  malformed: 'must be a valid value',
  required: 'cannot be blank',
  invalid: 'must be no less than 0',
  forbidden: 'must be blank',
  conflict: 'already exists',
};

/** Ozzo's Errors: one 400 whose details hold every failed field, desc sorted by key. */
export function validationError(details: Details): ApiError {
  const desc = Object.keys(details)
    .sort()
    .map((key) => {
      const value = details[key] as string;
      const message =
        key.endsWith('_id') && value === 'malformed' ? 'must be a valid UUID v4' : MESSAGES[value];
      return `${key}: ${message ?? value}`;
    })
    .join('; ');
  return badRequest(`${desc}.`, details);
}

export function throwIfAny(details: Details): void {
  if (Object.keys(details).length > 0) throw validationError(details);
}

export function checkBoxId(boxId: string, details: Details): void {
  if (boxId === '') details.box_id = 'required';
  else if (!isUuidV4(boxId)) details.box_id = 'malformed';
}

export type JsonObject = Record<string, unknown>;

/**
 * echo's Bind for a POST body. Empty bodies are not parsed; JSON is decoded. A Content-Type
 * echo cannot bind is a 415 the upstream turns into 500 no_code (§5.1): a bug §0 #10 decides
 * the emulator does not copy, so it is 400 bad_request origin body, like malformed JSON.
 */
export function bindJsonBody(req: ParsedRequest): JsonObject {
  if (req.rawBody === '') return {};
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (
    contentType.startsWith('application/x-www-form-urlencoded') ||
    contentType.startsWith('multipart/form-data')
  ) {
    // Form binding fills nothing: the request structs only carry json tags.
    return {};
  }
  if (contentType.startsWith('application/xml') || contentType.startsWith('text/xml')) {
    throw badRequest('code=400, message=XML syntax error', {}, 'body');
  }
  if (!contentType.startsWith('application/json')) {
    throw badRequest('code=415, message=Unsupported Media Type', {}, 'body');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody);
  } catch (err) {
    throw badRequest(`Syntax error: ${(err as Error).message}`, {}, 'body');
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw typeError(describe(parsed), 'object', '');
  }
  return parsed as JsonObject;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function typeError(got: string, expected: string, field: string): ApiError {
  return badRequest(
    `Unmarshal type error: expected=${expected}, got=${got}, field=${field}`,
    {},
    'body',
  );
}

/** A field that must be a string when present (null reads as absent, as Go's decoder does). */
export function optionalString(obj: JsonObject, key: string, where = ''): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeError(describe(value), 'string', `${where}${key}`);
  return value;
}

/** A field that must be a JSON object (or null/absent). */
export function optionalObject(
  obj: JsonObject,
  key: string,
  where = '',
): JsonObject | null | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return value as null | undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw typeError(describe(value), 'object', `${where}${key}`);
  }
  return value as JsonObject;
}

export function optionalBoolean(obj: JsonObject, key: string, where = ''): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw typeError(describe(value), 'bool', `${where}${key}`);
  return value;
}

export interface Window {
  offset: number;
  /** null = no LIMIT clause. */
  limit: number | null;
}

/** §0 decision 2: absent or empty limit → 500; limit=0 → everything. */
export const DEFAULT_LIMIT = 500;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** echo's query binder: exact key first, then a case-insensitive match; first value wins. */
export function queryValue(search: URLSearchParams, key: string): string | undefined {
  const exact = search.get(key);
  if (exact !== null) return exact;
  for (const [name, value] of search) if (name.toLowerCase() === key) return value;
  return undefined;
}

/** echo's int binding; the events list reports its failures with origin path (§5.3). */
export function parseInt64(raw: string, origin: ErrorOrigin = 'path'): number {
  const fail = (why: string) => {
    const message = `strconv.ParseInt: parsing ${JSON.stringify(raw)}: ${why}`;
    return badRequest(`${message}: code=400, message=${message}`, {}, origin);
  };
  if (!/^[+-]?[0-9]+$/.test(raw)) throw fail('invalid syntax');
  const big = BigInt(raw);
  if (big < INT64_MIN || big > INT64_MAX) throw fail('value out of range');
  return Number(big);
}

/**
 * Binds offset/limit (400 origin path on a bad integer), then validates box_id and the window
 * together: negatives report under the key "-" (the fields' json tag), once for both.
 */
export function bindWindow(req: ParsedRequest, boxId: string): Window {
  const rawOffset = queryValue(req.search, 'offset');
  const rawLimit = queryValue(req.search, 'limit');
  const offset = rawOffset === undefined || rawOffset === '' ? 0 : parseInt64(rawOffset);
  const limit = rawLimit === undefined || rawLimit === '' ? DEFAULT_LIMIT : parseInt64(rawLimit);
  const details: Details = {};
  checkBoxId(boxId, details);
  if (offset < 0 || limit < 0) details['-'] = 'invalid';
  throwIfAny(details);
  return { offset, limit: limit === 0 ? null : limit };
}

export function applyWindow<T>(newestFirst: T[], window: Window): T[] {
  if (window.offset >= newestFirst.length) return [];
  const end = window.limit === null ? undefined : window.offset + window.limit;
  return newestFirst.slice(window.offset, end);
}
