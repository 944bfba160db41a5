import { ObjectType } from 'type-graphql';
import { BoxEvent } from '../box-event.interface';

@ObjectType('MessageDeleteEvent', {
  implements: BoxEvent,
  description:
    'A deletion of a message ("msg.delete"); referrerId is the message. Only returned by mutations.',
})
export class MessageDeleteEvent extends BoxEvent {}
