// In-memory state of the emulated backend: identities, boxes and their events. All writes go
// through append(), so the per-box derived state (members, accesses, mode) and the referrer
// index can never disagree with the event log, and a batch can be rolled back by truncation.
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

  constructor(readonly clock: Clock) {}

  addIdentity(identity: Identity): void {
    this.identities.set(identity.id, identity);
    this.byToken.set(identity.token, identity);
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
