import { ObjectType } from 'type-graphql';
import { BoxEvent } from '../box-event.interface';

@ObjectType('MemberLeaveEvent', {
  implements: BoxEvent,
  description: 'The sender left the box ("member.leave"); referrerId is their join.',
})
export class MemberLeaveEvent extends BoxEvent {}
