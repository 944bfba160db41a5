import { Field, ObjectType } from 'type-graphql';
import { BoxEvent } from '../event/box-event.interface';
import { UUIDScalar } from '../scalars/uuid.scalar';

@ObjectType('BoxEventUpdate', {
  description:
    'One item of Subscription.boxEvents: a new event of a subscribed box, or the notice sent once per box after the upstream connection came back.',
})
export class BoxEventUpdate {
  // Not typed Uuid (src/realtime/ builds these from strings), the one UUID field that is not:
  // its values are the subscription's boxIds arguments, parsed by the UUID scalar, or the
  // boxId of an event the mapping checked (uuid.scalar.ts: serialize does not check again).
  @Field((_type) => UUIDScalar, { description: 'The box this update is about.' })
  readonly boxId: string;

  @Field((_type) => BoxEvent, {
    nullable: true,
    description:
      'The new event, of any BoxEvent type (edits and deletions as MessageEditEvent / MessageDeleteEvent). Null only on a resync notice.',
  })
  readonly event: BoxEvent | null;

  @Field((_type) => BoxEvent, {
    nullable: true,
    description:
      'For an edit or a deletion: the message as it now reads, under its own id and concrete type (TextMessageEvent or FileMessageEvent), so a normalised client cache updates it in place. Null for every other event.',
  })
  readonly message: BoxEvent | null;

  @Field({
    description:
      'True only on the notice sent after a gap: the upstream connection came back, or the subscription resumed. What changed meanwhile may not all have been delivered (edits and deletions cannot be replayed), so refetch what is on screen.',
  })
  readonly resynced: boolean;

  @Field((_type) => Boolean, {
    nullable: true,
    description:
      "On a resync notice: true when every event the REST list shows was missed in this box has been delivered before the notice; false when the gap was beyond the replay bound or could not be read (reset this box's timeline). Null on every other update.",
  })
  readonly recovered: boolean | null;

  @Field({
    description:
      'Opaque position in this box once this update is delivered (at most 128 characters, no credential in it). Pass it back in `after` to resume here, on any replica, at any later time.',
  })
  readonly cursor: string;

  constructor(
    boxId: string,
    event: BoxEvent | null,
    message: BoxEvent | null,
    notice: { resynced?: boolean; recovered?: boolean | null; cursor?: string } = {},
  ) {
    this.boxId = boxId;
    this.event = event;
    this.message = message;
    this.resynced = notice.resynced ?? false;
    this.recovered = notice.recovered ?? null;
    // src/realtime/ sets it: an update is built before the subscription it reaches is known.
    this.cursor = notice.cursor ?? '';
  }

  static resyncNotice(boxId: string, recovered: boolean, cursor: string): BoxEventUpdate {
    return new BoxEventUpdate(boxId, null, null, { resynced: true, recovered, cursor });
  }

  /** The same update at another subscription's position: `this` when it already is there. */
  withCursor(cursor: string): BoxEventUpdate {
    if (cursor === this.cursor) return this;
    return new BoxEventUpdate(this.boxId, this.event, this.message, {
      resynced: this.resynced,
      recovered: this.recovered,
      cursor,
    });
  }
}
