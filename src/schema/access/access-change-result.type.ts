import { Field, ObjectType } from 'type-graphql';
import { AccessAddedEvent, AccessRemovedEvent, MemberKickEvent } from '../event/event-types';

@ObjectType('AccessChangeResult', {
  description: 'What one changeBoxAccesses batch created, split by type.',
})
export class AccessChangeResult {
  @Field((_type) => [AccessRemovedEvent], {
    description: 'The access.rm events, in request order.',
  })
  readonly removed: AccessRemovedEvent[] = [];

  @Field((_type) => [AccessAddedEvent], { description: 'The access.add events, in request order.' })
  readonly added: AccessAddedEvent[] = [];

  @Field((_type) => [MemberKickEvent], {
    description: 'member.kick events the upstream generated as a side effect.',
  })
  readonly kicked: MemberKickEvent[] = [];
}
