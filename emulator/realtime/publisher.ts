// What a committed write publishes (§9.2, §9.3 with §9.8 #13–#16, #18–#21): `event.new` to the
// box's members after commit ∪ the sender, the creator's copy transparent; a kicked member's
// `notification` just before its kick; `box.delete` and `box.settings` through send(). Runs
// synchronously after commit, before the HTTP answer; seeded boxes stay silent (seeding commits
// no transaction, so their `create` publishes nothing while POST /boxes's does, §9.8 #21).
import { formatTimestamp } from '../clock';
import { PUBLISHING_TYPES } from '../event-types';
import type { BoxState, StoredEvent, Store } from '../store';
import { writtenView } from '../views';
import type { SocketRegistry } from './registry';

/** The box's `create` content, where owner_org_id and title live. */
function createContent(box: BoxState): Record<string, unknown> {
  return (box.events[0]?.content ?? {}) as Record<string, unknown>;
}

export class Publisher {
  private notifications = 0;

  constructor(
    private readonly store: Store,
    private readonly sockets: SocketRegistry,
  ) {}

  /** Every event of one committed transaction, in commit order (§9.8 #16). */
  committed(events: readonly StoredEvent[]): void {
    for (const event of events) {
      if (!PUBLISHING_TYPES.has(event.type)) continue;
      const box = this.store.boxes.get(event.boxId);
      if (!box) continue;
      if (event.type === 'member.kick') this.notifyKick(box, event);
      this.eventNew(box, event);
    }
  }

  /** Members as committed (creator + active joiners) ∪ the sender: no stale-cache leaks. */
  private eventNew(box: BoxState, event: StoredEvent): void {
    const ownerOrgId = createContent(box).owner_org_id ?? '';
    const message = (transparent: boolean) =>
      JSON.stringify({
        type: 'event.new',
        object: { ...writtenView(this.store, event, transparent), owner_org_id: ownerOrgId },
      });
    const opaque = message(false);
    const recipients = new Set([box.creatorId, ...box.members.keys(), event.senderId]);
    for (const recipient of recipients) {
      this.sockets.publish(recipient, recipient === box.creatorId ? message(true) : opaque);
    }
  }

  /**
   * A message that is not an event (`box.delete`, `box.settings`, §9.2), to each identity once,
   * published after commit and before the HTTP answer like everything else (§9.8 #13).
   */
  send(identityIds: Iterable<string>, type: string, object: unknown): void {
    const message = JSON.stringify({ type, object });
    for (const id of new Set(identityIds)) this.sockets.publish(id, message);
  }

  /** member_kick_event.go's notification; its time is the kick's own commit time. */
  private notifyKick(box: BoxState, kick: StoredEvent): void {
    const create = createContent(box);
    this.notifications += 1;
    const notification = {
      id: this.notifications,
      type: 'member.kick',
      details: { id: box.id, title: create.title ?? '', owner_org_id: create.owner_org_id ?? '' },
      created_at: formatTimestamp(kick.createdAt),
      acknowledged_at: null,
    };
    this.sockets.publish(
      kick.senderId,
      JSON.stringify({ type: 'notification', object: notification }),
    );
  }
}
