import { ObjectType } from 'type-graphql';
import { BoxEvent } from '../box-event.interface';

@ObjectType('KeyShareChangedEvent', {
  implements: BoxEvent,
  description:
    'The admin replaced the box key share ("state.key_share"); the shares themselves are never returned.',
})
export class KeyShareChangedEvent extends BoxEvent {}
