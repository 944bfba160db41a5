// Small constructors so a test can write its own seed in a few lines:
//
//   const ann = identity('ann', { acr: 2 });
//   const ben = identity('ben');
//   const seed = { identities: [ann, ben], boxes: [box('Test', ann, { events: [join(ben), text(ben)] })] };
//
// Ids derive from names (a hash shaped as a UUID v4), so they are stable across runs.
import { createHash } from 'node:crypto';
import type { AccessMode, RestrictionType, SeedBox, SeedEvent, SeedIdentity } from './seed-types';

type Who = SeedIdentity | string;
const idOf = (who: Who): string => (typeof who === 'string' ? who : who.id);

/** A lowercase UUID v4 derived from a string: same input, same id. */
export function uuidFromName(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = '89ab'[parseInt(hex[16] as string, 16) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A self-client user with ACR 1, email `<name>@example.com`, token `token-<name>`, one public key. */
export function identity(name: string, overrides: Partial<SeedIdentity> = {}): SeedIdentity {
  return {
    id: uuidFromName(`identity:${name}`),
    displayName: name.charAt(0).toUpperCase() + name.slice(1),
    token: `token-${name}`,
    acr: 1,
    kind: 'user',
    client: 'self',
    email: `${name}@example.com`,
    avatarUrl: null,
    publicKeys: [`pk-${name}`],
    ...overrides,
  };
}

export function box(title: string, creator: Who, overrides: Partial<SeedBox> = {}): SeedBox {
  return { id: uuidFromName(`box:${title}`), title, creator: idOf(creator), ...overrides };
}

export const join = (who: Who, id?: string): SeedEvent => ({
  type: 'member.join',
  by: idOf(who),
  id,
});
export const leave = (who: Who, id?: string): SeedEvent => ({
  type: 'member.leave',
  by: idOf(who),
  id,
});
export const kick = (member: Who, by: Who, id?: string): SeedEvent => ({
  type: 'member.kick',
  member: idOf(member),
  by: idOf(by),
  id,
});
export const text = (who: Who, id?: string, encrypted?: string): SeedEvent => ({
  type: 'msg.text',
  by: idOf(who),
  id,
  encrypted,
});
export const file = (
  who: Who,
  id?: string,
  fileId?: string,
  extra: { encrypted?: string; bytes?: Buffer } = {},
): SeedEvent => ({ type: 'msg.file', by: idOf(who), id, fileId, ...extra });
export const edit = (who: Who, target: string, encrypted?: string, id?: string): SeedEvent => ({
  type: 'msg.edit',
  by: idOf(who),
  target,
  encrypted,
  id,
});
export const remove = (who: Who, target: string, id?: string): SeedEvent => ({
  type: 'msg.delete',
  by: idOf(who),
  target,
  id,
});
export const accessMode = (value: AccessMode, id?: string): SeedEvent => ({
  type: 'state.access_mode',
  value,
  id,
});
export const keyShare = (id?: string, otherShareHash?: string): SeedEvent => ({
  type: 'state.key_share',
  id,
  otherShareHash,
});
/** Not an event: `who` acknowledges the box at this point of its history (unread back to 0). */
export const read = (who: Who): SeedEvent => ({ type: 'read', by: idOf(who) });
export const accessAdd = (
  restrictionType: RestrictionType,
  value: string,
  id?: string,
): SeedEvent => ({
  type: 'access.add',
  restrictionType,
  value,
  id,
});
export const accessRm = (target: string, id?: string): SeedEvent => ({
  type: 'access.rm',
  target,
  id,
});

/** `count` text messages, senders taken round-robin from `who`. */
export function texts(count: number, ...who: Who[]): SeedEvent[] {
  const out: SeedEvent[] = [];
  for (let i = 0; i < count; i += 1) out.push(text(who[i % who.length] as Who));
  return out;
}
