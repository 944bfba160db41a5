import { Field, ObjectType } from 'type-graphql';
import { AccessRestriction } from '../../access/access-restriction.enum';
import { BoxEvent, type BoxEventBase } from '../box-event.interface';

export interface AccessAddedContent {
  restrictionType: AccessRestriction;
  value: string;
  autoInvite: boolean | null;
}

@ObjectType('AccessAddedEvent', {
  implements: BoxEvent,
  description: 'An access rule was added ("access.add"). Only in changeBoxAccesses results.',
})
export class AccessAddedEvent extends BoxEvent {
  @Field((_type) => AccessRestriction, { description: 'What the rule matches.' })
  readonly restrictionType: AccessRestriction;

  @Field({ description: 'The identifier or email domain the rule matches.' })
  readonly value: string;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether the identifier was invited automatically.',
  })
  readonly autoInvite: boolean | null;

  constructor(base: BoxEventBase, content: AccessAddedContent) {
    super(base);
    this.restrictionType = content.restrictionType;
    this.value = content.value;
    this.autoInvite = content.autoInvite;
  }
}
