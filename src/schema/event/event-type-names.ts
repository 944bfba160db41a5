// The upstream's event type strings (docs/upstream.md#event-types): the list the one switch in
// to-box-event.ts must cover, and the guard that tells a known type from a passed-through one.

export const KNOWN_EVENT_TYPES = [
  'create',
  'msg.text',
  'msg.file',
  'msg.edit',
  'msg.delete',
  'member.join',
  'member.leave',
  'member.kick',
  'state.access_mode',
  'state.key_share',
  'access.add',
  'access.rm',
] as const;
export type KnownEventType = (typeof KNOWN_EVENT_TYPES)[number];

const KNOWN = new Set<string>(KNOWN_EVENT_TYPES);
export const isKnownEventType = (type: string): type is KnownEventType => KNOWN.has(type);
