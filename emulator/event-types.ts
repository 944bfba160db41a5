// Event type strings (§3.3) and the sets the endpoints filter on.

export const EVENT_TYPES = [
  'create',
  'member.join',
  'member.leave',
  'member.kick',
  'msg.text',
  'msg.file',
  'msg.edit',
  'msg.delete',
  'state.access_mode',
  'state.key_share',
  'access.add',
  'access.rm',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** etype.MembersCanSee: what GET/HEAD /events list and count. */
export const VISIBLE_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'create',
  'member.join',
  'member.leave',
  'member.kick',
  'msg.text',
  'msg.file',
  'state.key_share',
  'state.access_mode',
]);

/**
 * What publishes `event.new` on the realtime socket (handler.go, §9.3). `create` publishes only
 * for boxes created through the API (POST /boxes, §9.8 #21, D24): seeding commits nothing.
 */
export const PUBLISHING_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'create',
  'member.join',
  'member.leave',
  'member.kick',
  'msg.text',
  'msg.file',
  'msg.edit',
  'msg.delete',
  'state.access_mode',
]);

/**
 * What POST /events accepts. The code also lists msg.file; §0 decision 6 removes it (files only
 * come from the upload route).
 */
export const SINGLE_CREATE_TYPES = [
  'member.join',
  'member.leave',
  'msg.delete',
  'msg.edit',
  'msg.text',
  'state.access_mode',
  'state.key_share',
] as const;
export type SingleCreateType = (typeof SINGLE_CREATE_TYPES)[number];

/** etype.RequiresContent, restricted to the types POST /events accepts. */
export const REQUIRES_CONTENT: ReadonlySet<string> = new Set([
  'msg.text',
  'msg.file',
  'msg.edit',
  'state.access_mode',
]);

export const BATCH_TYPES = ['access.add', 'access.rm'] as const;
export type BatchEventType = (typeof BATCH_TYPES)[number];

export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`unreachable case: ${JSON.stringify(value)}`);
  }
}
