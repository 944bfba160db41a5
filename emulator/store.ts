// In-memory state of the emulated backend: identities, boxes and their events. All writes go
// through append(), so the per-box derived state (members, accesses, mode) and the referrer
// index can never disagree with the event log, and a batch can be rolled back by truncation.
import { BoxSettings, FileStore, KeyShares, UnreadCounters } from './chat-state';
import { Clock, IdSequence, type Micros } from './clock';
import type { EventType } from './event-types';
import type { AccessMode, IdentityKind, OAuthClient, RestrictionType } from './seed-types';

export interface Identity {
  id: string;
  displayName: string;
  avatarUrl: string | null;
  token: string;
  acr: number;
  kind: IdentityKind;
  client: OAuthClient;
  /** '' when the identity has none; then it matches no access rule. */
  email: string;
  publicKeys: string[];
  /** GET /auth/userinfo (§13.11 D21): `aid` ('' = no account), `amr`, `sub`. */
  accountId: string;
  /** null = by the token's ACR: ['emailed_code'] at 1, ['prehashed_password'] above (D21). */
  amr: string[] | null;
  subject: string;
}

export interface StoredEvent {
  id: string;
  boxId: string;
  type: EventType;
  senderId: string;
  /** As stored (JSONB); {} when nothing was sent. */
  content: unknown;
  referrerId: string | null;
  createdAt: Micros;
}

export interface Access {
  restrictionType: RestrictionType;
  value: string;
}

export interface BoxState {
  id: string;
  creatorId: string;
  subjectId: string | null;
  /** Oldest first, which is also creation-time order because the clock only moves forward. */
  events: StoredEvent[];
  accessMode: AccessMode;
  /** Active joiners (creator excluded) → their member.join id. Insertion order = join order. */
  members: Map<string, string>;
  /** Active access.add events by id. */
  accesses: Map<string, Access>;
}

export type NewEvent = Omit<StoredEvent, 'id' | 'createdAt'> & { id?: string };

export class Store {
  readonly identities = new Map<string, Identity>();
  readonly boxes = new Map<string, BoxState>();
  private readonly events = new Map<string, StoredEvent>();
  /** Event id → events whose referrer_id is that id, oldest first. */
  private readonly referrers = new Map<string, StoredEvent[]>();
  private readonly log: StoredEvent[] = [];
  private readonly byToken = new Map<string, Identity>();
  private readonly savedFiles = new Set<string>();
  private readonly eventIds = new IdSequence('e');
  /** Told each committed transaction's events, in order: where realtime publishing hooks in. */
  onCommit: ((events: readonly StoredEvent[]) => void) | undefined;
  readonly unread = new UnreadCounters();
  readonly settings = new BoxSettings();
  readonly files = new FileStore();
  readonly keyShares = new KeyShares();
  /** Ids of boxes POST /boxes creates; ids already taken (by a seed) are skipped. */
  private readonly boxIds = new IdSequence('c');

  /** orgId: the one organisation (§13.12 D3): every box's owner_org_id and the list default. */
  constructor(
    readonly clock: Clock,
    readonly orgId: string,
  ) {}

  addIdentity(identity: Identity): void {
    this.identities.set(identity.id, identity);
    this.byToken.set(identity.token, identity);
  }

  /** Another token for the same identity, e.g. one issued after a stronger sign-in (ACR 2). */
  addToken(identityId: string, token: string, acr: number): void {
    const identity = this.identities.get(identityId);
    if (!identity) throw new TypeError(`token ${token} for unknown identity ${identityId}`);
    if (this.byToken.has(token)) throw new TypeError(`token ${token} given twice`);
    this.byToken.set(token, { ...identity, token, acr });
  }

  identityByToken(token: string): Identity | undefined {
    return this.byToken.get(token);
  }

  identityByEmail(email: string): Identity | undefined {
    if (email === '') return undefined;
    for (const identity of this.identities.values()) if (identity.email === email) return identity;
    return undefined;
  }

  saveFile(identityId: string, fileId: string): void {
    this.savedFiles.add(`${identityId} ${fileId}`);
  }

  isSaved(identityId: string, fileId: string): boolean {
    return this.savedFiles.has(`${identityId} ${fileId}`);
  }

  newBoxId(): string {
    for (;;) {
      const id = this.boxIds.next();
      if (!this.boxes.has(id)) return id;
    }
  }

  event(id: string): StoredEvent | undefined {
    return this.events.get(id);
  }

  referrersOf(id: string): readonly StoredEvent[] {
    return this.referrers.get(id) ?? [];
  }

  /** Creates the box together with its `create` event, the only way a box comes to exist. */
  createBox(id: string, creatorId: string, content: Record<string, unknown>): BoxState {
    const subject = content.subject_identity_id;
    const box: BoxState = {
      id,
      creatorId,
      subjectId: typeof subject === 'string' ? subject : null,
      events: [],
      accessMode: 'limited',
      members: new Map(),
      accesses: new Map(),
    };
    this.boxes.set(id, box);
    this.append({ boxId: id, type: 'create', senderId: creatorId, content, referrerId: null });
    return box;
  }

  append(input: NewEvent): StoredEvent {
    const box = this.boxes.get(input.boxId);
    if (!box) throw new Error(`append to unknown box ${input.boxId}`);
    const id = input.id ?? this.eventIds.next();
    if (this.events.has(id)) throw new Error(`duplicate event id ${id}`);
    const event: StoredEvent = { ...input, id, createdAt: this.clock.tick() };
    this.events.set(id, event);
    this.log.push(event);
    box.events.push(event);
    if (event.referrerId !== null) {
      const list = this.referrers.get(event.referrerId);
      if (list) list.push(event);
      else this.referrers.set(event.referrerId, [event]);
    }
    applyToBox(box, event);
    return event;
  }

  /**
   * DELETE /boxes/:id (§13.6): every event, blob, key share, counter and setting of the box
   * goes at once; nothing else refers to them.
   */
  deleteBox(boxId: string): void {
    const box = this.boxes.get(boxId);
    if (!box) return;
    const gone = new Set(box.events.map((event) => event.id));
    for (const event of box.events) {
      this.events.delete(event.id);
      this.referrers.delete(event.id);
      const fileId = (event.content as Record<string, unknown> | null)?.encrypted_file_id;
      if (event.type === 'msg.file' && typeof fileId === 'string') {
        this.files.forgetEvent(fileId, event.id);
      }
    }
    let kept = 0;
    for (const event of this.log) if (!gone.has(event.id)) this.log[kept++] = event;
    this.log.length = kept;
    this.boxes.delete(boxId);
    this.unread.dropBox(boxId);
    this.settings.dropBox(boxId);
    this.keyShares.dropBox(boxId);
  }

  /**
   * Runs fn as one transaction: if it throws, every event it appended is gone (§5.2); if not,
   * onCommit hears of them. Seeding appends outside transactions, so it publishes nothing.
   */
  transaction<T>(fn: () => T): T {
    const logMark = this.log.length;
    const clockMark = this.clock.mark();
    const idMark = this.eventIds.mark();
    let result: T;
    try {
      result = fn();
    } catch (err) {
      this.rollback(logMark);
      this.clock.restore(clockMark);
      this.eventIds.restore(idMark);
      throw err;
    }
    this.onCommit?.(this.log.slice(logMark));
    return result;
  }

  private rollback(logMark: number): void {
    const touched = new Set<BoxState>();
    while (this.log.length > logMark) {
      const event = this.log.pop() as StoredEvent;
      this.events.delete(event.id);
      if (event.referrerId !== null) this.referrers.get(event.referrerId)?.pop();
      const box = this.boxes.get(event.boxId) as BoxState;
      box.events.pop();
      touched.add(box);
    }
    for (const box of touched) replay(box);
  }
}

function replay(box: BoxState): void {
  box.accessMode = 'limited';
  box.members.clear();
  box.accesses.clear();
  for (const event of box.events) applyToBox(box, event);
}

function applyToBox(box: BoxState, event: StoredEvent): void {
  const content = (event.content ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'member.join':
      box.members.set(event.senderId, event.id);
      return;
    case 'member.leave':
    case 'member.kick':
      box.members.delete(event.senderId);
      return;
    case 'state.access_mode':
      box.accessMode = content.value === 'public' ? 'public' : 'limited';
      return;
    case 'access.add':
      box.accesses.set(event.id, {
        restrictionType: content.restriction_type as RestrictionType,
        value: String(content.value),
      });
      return;
    case 'access.rm':
      if (event.referrerId !== null) box.accesses.delete(event.referrerId);
      return;
    default:
      return;
  }
}

export function isMember(box: BoxState, identityId: string): boolean {
  return identityId === box.creatorId || box.members.has(identityId);
}
