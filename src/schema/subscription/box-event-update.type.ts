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
      'True only on the notice sent once the upstream connection is back: what changed while it was down may not all have been delivered (edits and deletions cannot be replayed), so refetch what is on screen.',
  })
  readonly resynced: boolean;

  constructor(boxId: string, event: BoxEvent | null, message: BoxEvent | null, resynced = false) {
    this.boxId = boxId;
    this.event = event;
    this.message = message;
    this.resynced = resynced;
  }

  static resyncNotice(boxId: string): BoxEventUpdate {
    return new BoxEventUpdate(boxId, null, null, true);
  }
}
