import { Field, ObjectType } from 'type-graphql';
import { BoxEvent } from '../event/box-event.interface';
import { UUIDScalar } from '../scalars/uuid.scalar';

@ObjectType('BoxEventUpdate', {
  description:
    'One item of Subscription.boxEvents: a new event of a subscribed box, or the notice sent once per box after the upstream connection came back.',
})
export class BoxEventUpdate {
  // Not typed Uuid (src/realtime/'s items carry strings), the one UUID field that is not: its
  // values are the subscription's boxIds arguments, parsed by the UUID scalar and lowercased,
  // which every item is routed by (uuid.scalar.ts: serialize does not check again).
  @Field((_type) => UUIDScalar, { description: 'The box this update is about.' })
  readonly boxId: string;

  @Field((_type) => BoxEvent, {
    nullable: true,
    description:
      'The new event, of any BoxEvent type (edits and deletions as MessageEditEvent / MessageDeleteEvent). Null only on a resync notice.',
  })
  readonly event: BoxEvent | null;

  // `message` is a field resolver (box-events.resolver.ts): an edit's or a deletion's message
  // is read in the update's own scope, only when selected.

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
    notice: { resynced?: boolean; recovered?: boolean | null; cursor: string },
  ) {
    this.boxId = boxId;
    this.event = event;
    this.resynced = notice.resynced ?? false;
    this.recovered = notice.recovered ?? null;
    this.cursor = notice.cursor;
  }
}
