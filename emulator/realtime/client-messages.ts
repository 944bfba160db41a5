// What a client may send on the realtime socket (§9.4): only `{"type":"ack","object":
// {"box_id","sender_id"}}` does anything. Decoding follows Go's json.Unmarshal into the
// upstream's structs: extra keys pass, a wrong type or a missing object fails, `"object":null`
// is an ack with empty ids.

export type AckOutcome =
  /** Well formed, for the socket's own identity: echoed to all its sockets (§9.8 #7). */
  | 'echo'
  /** Well formed, for another identity: ignored and logged, the one deviation (§9.8 #6). */
  | 'foreign'
  /** Not JSON, not an ack, or the wrong shape: ignored, no reply (§9.8 #8). */
  | 'ignored';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Go decodes an absent key or null into "" and refuses any other non-string. */
const goString = (value: unknown): string | undefined =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : undefined;

export interface Ack {
  outcome: AckOutcome;
  /** The acknowledged box ('' when not an ack): its unread counter is reset on 'echo' (§9.4). */
  boxId: string;
}

const IGNORED: Ack = { outcome: 'ignored', boxId: '' };

export function acceptedAck(raw: Buffer, identityId: string): Ack {
  let message: unknown;
  try {
    message = JSON.parse(raw.toString('utf8'));
  } catch {
    return IGNORED;
  }
  if (!isObject(message) || message.type !== 'ack') return IGNORED;
  // A missing object fails Go's decoding; null decodes to empty ids.
  const object = message.object;
  if (object === undefined || (object !== null && !isObject(object))) return IGNORED;
  const senderId = goString(object?.sender_id);
  const boxId = goString(object?.box_id);
  if (senderId === undefined || boxId === undefined) return IGNORED;
  return { outcome: senderId === identityId ? 'echo' : 'foreign', boxId };
}
