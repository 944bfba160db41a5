// Subscription cursors (graphql-api.md §10.1): a box and the newest event of it delivered so far,
// nothing else. Self-contained, so any replica reads it after any restart, and free of any
// credential: a cursor only chooses where a subscription starts, the box check still applies.
// Layout, base64url after the "r1" version prefix: one kind byte, the box id's 16 bytes, then
// the event id (16 bytes for a UUID, its UTF-8 for anything else, none for an empty box).
// Opaque to clients; 46 characters for a UUID, never above MAX_CURSOR_LENGTH.

export interface Position {
  /** Lowercase UUID. */
  boxId: string;
  /** The newest listed event delivered in that box, lowercase; null: the box was empty. */
  eventId: string | null;
}

export const MAX_CURSOR_LENGTH = 128;
const PREFIX = 'r1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KIND_EMPTY = 0;
const KIND_UUID = 1;
const KIND_TEXT = 2;
/** Room left for a non-UUID event id once the prefix, kind byte and box id are in. */
const MAX_TEXT_BYTES = Math.floor(((MAX_CURSOR_LENGTH - PREFIX.length) * 3) / 4) - 17;

const uuidBytes = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex');
const uuidText = (bytes: Buffer) =>
  bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

export function encodeCursor(position: Position): string {
  const boxId = position.boxId.toLowerCase();
  const eventId = position.eventId?.toLowerCase() ?? null;
  let tail: Buffer;
  let kind: number;
  if (eventId === null) {
    kind = KIND_EMPTY;
    tail = Buffer.alloc(0);
  } else if (UUID.test(eventId)) {
    kind = KIND_UUID;
    tail = uuidBytes(eventId);
  } else {
    // The upstream's ids are UUIDs; anything else still round-trips while it fits.
    kind = KIND_TEXT;
    tail = Buffer.from(eventId, 'utf8').subarray(0, MAX_TEXT_BYTES);
  }
  return PREFIX + Buffer.concat([Buffer.of(kind), uuidBytes(boxId), tail]).toString('base64url');
}

/** The position a cursor names, or null when it is not one this gateway wrote. */
export function decodeCursor(cursor: string): Position | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !cursor.startsWith(PREFIX)) return null;
  const body = cursor.slice(PREFIX.length);
  if (!/^[\w-]+$/.test(body)) return null;
  const bytes = Buffer.from(body, 'base64url');
  // Canonical encoding only: a string that decodes but was not written by encodeCursor is refused.
  if (bytes.toString('base64url') !== body || bytes.length < 17) return null;
  const kind = bytes[0];
  const boxId = uuidText(bytes.subarray(1, 17));
  const tail = bytes.subarray(17);
  if (kind === KIND_EMPTY && tail.length === 0) return { boxId, eventId: null };
  if (kind === KIND_UUID && tail.length === 16) return { boxId, eventId: uuidText(tail) };
  if (kind === KIND_TEXT && tail.length > 0) {
    const eventId = tail.toString('utf8');
    return UUID.test(eventId) ? null : { boxId, eventId };
  }
  return null;
}
