// The shape of an emulator seed: plain data, so a test can spread demoSeed() or write its own
// in a few lines. Box events are listed in the order they happened; the store gives each one
// the next tick of the fixed clock and (unless `id` is given) the next counter id.

export type IdentityKind = 'user' | 'machine';
/** 'self' = the Misakey app's own OAuth client; 'other' is refused on endpoints 2–6 (§1.1). */
export type OAuthClient = 'self' | 'other';
export type AccessMode = 'public' | 'limited';
export type RestrictionType = 'identifier' | 'email_domain';

export interface SeedIdentity {
  id: string;
  displayName: string;
  /** Opaque access token; a user sends it in the `accesstoken` cookie, a machine as Bearer. */
  token: string;
  /** @default 1 */
  acr?: number;
  /** @default 'user' */
  kind?: IdentityKind;
  /** @default 'self' */
  client?: OAuthClient;
  /** The identifier value that access rules match. @default none (matches no rule) */
  email?: string;
  /** @default null */
  avatarUrl?: string | null;
  /** Keys an auto-invite `extra` may target (§6.11). @default [] (auto-invite answers 409) */
  publicKeys?: string[];
  /** More tokens for this identity, each with its own ACR (e.g. after a password sign-in). */
  extraTokens?: Array<{ token: string; acr: number }>;
  /** GET /auth/userinfo `aid`. @default '' (no account) */
  accountId?: string;
  /** userinfo `amr`. @default ['emailed_code'] at ACR 1, ['prehashed_password'] above (D21) */
  amr?: string[];
  /** userinfo `sub`. @default the identity id */
  subject?: string;
}

/** Events a seed may contain. `by` is always an identity id; state/access events are the admin's. */
export type SeedEvent =
  | { type: 'member.join'; id?: string; by: string }
  | { type: 'member.leave'; id?: string; by: string }
  /** `member` is the kicked identity (the stored sender); `by` is the kicker. */
  | { type: 'member.kick'; id?: string; member: string; by: string }
  | { type: 'msg.text'; id?: string; by: string; encrypted?: string; publicKey?: string }
  | {
      type: 'msg.file';
      id?: string;
      by: string;
      fileId?: string;
      encrypted?: string;
      publicKey?: string;
      /** The blob GET /encrypted-files/:id serves. @default seededFileBytes(fileId) */
      bytes?: Buffer;
    }
  | {
      type: 'msg.edit';
      id?: string;
      by: string;
      target: string;
      encrypted?: string;
      publicKey?: string;
    }
  | { type: 'msg.delete'; id?: string; by: string; target: string }
  | { type: 'state.access_mode'; id?: string; value: AccessMode }
  /** `otherShareHash` registers the share GET /boxes/:id/public finds (D18). */
  | { type: 'state.key_share'; id?: string; otherShareHash?: string }
  /** Not an event: `by` acknowledges the box here, so their unread count restarts at 0 (§13.8). */
  | { type: 'read'; by: string }
  | { type: 'access.add'; id?: string; restrictionType: RestrictionType; value: string }
  | { type: 'access.rm'; id?: string; target: string };

export interface SeedAccess {
  id?: string;
  restrictionType: RestrictionType;
  value: string;
}

export interface SeedBox {
  id: string;
  title: string;
  /** Identity id of the creator, who is the box's only admin (§4). */
  creator: string;
  /** `create.content.subject_identity_id`: may join a limited box and is never auto-kicked. */
  subject?: string;
  /** Emitted as a state.access_mode event right after `create`. @default none (limited) */
  accessMode?: AccessMode;
  /** Emitted as access.add events after the access mode. */
  accesses?: SeedAccess[];
  events?: SeedEvent[];
}

export interface SeedSavedFile {
  identity: string;
  /** The `encrypted_file_id` of a msg.file. */
  fileId: string;
}

export interface SeedMute {
  identity: string;
  box: string;
}

export interface Seed {
  identities: SeedIdentity[];
  boxes: SeedBox[];
  savedFiles?: SeedSavedFile[];
  /** Applied after every box is loaded, so they change no seeded count. */
  mutedBoxes?: SeedMute[];
  /**
   * The one organisation (§13.12 D3): every seeded box's owner_org_id and the box list's
   * default filter. @default SELF_ORG_ID
   */
  orgId?: string;
  /** First tick of the clock. @default '2021-03-01T09:00:00Z' */
  clockStart?: string;
}
