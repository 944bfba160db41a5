import { Field, ObjectType } from 'type-graphql';
import { BoxEvent, type BoxEventBase } from '../box-event.interface';
import { Identity } from '../identity.type';

@ObjectType('MemberKickEvent', {
  implements: BoxEvent,
  description:
    'A member lost access and was removed ("member.kick"). The sender is the kicked member; referrerId is their join.',
})
export class MemberKickEvent extends BoxEvent {
  @Field((_type) => Identity, {
    nullable: true,
    description: 'Who changed the accesses that caused the kick.',
  })
  readonly kicker: Identity | null;

  constructor(base: BoxEventBase, kicker: Identity | null) {
    super(base);
    this.kicker = kicker;
  }
}
