import { ObjectType } from 'type-graphql';
import { BoxEvent } from '../box-event.interface';

@ObjectType('MemberJoinEvent', {
  implements: BoxEvent,
  description: 'The sender joined the box ("member.join").',
})
export class MemberJoinEvent extends BoxEvent {}
