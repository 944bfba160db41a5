import { ObjectType } from 'type-graphql';
import { BoxEvent } from '../box-event.interface';

@ObjectType('AccessRemovedEvent', {
  implements: BoxEvent,
  description:
    'An access rule was removed ("access.rm"); referrerId is the rule\'s access.add. Only in changeBoxAccesses results.',
})
export class AccessRemovedEvent extends BoxEvent {}
