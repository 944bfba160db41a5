import { Field, ObjectType } from 'type-graphql';
import { type Uuid, UUIDScalar } from '../../scalars/uuid.scalar';
import { BoxEvent, type BoxEventBase } from '../box-event.interface';

export interface BoxCreatedContent {
  title: string;
  publicKey: string;
  ownerOrgId: Uuid | null;
  datatagId: Uuid | null;
  subjectIdentityId: Uuid | null;
}

@ObjectType('BoxCreatedEvent', {
  implements: BoxEvent,
  description:
    'The creation of the box ("create"); its sender is the box admin. Always the oldest event.',
})
export class BoxCreatedEvent extends BoxEvent {
  @Field({ description: 'The box title.' })
  readonly title: string;

  @Field({ description: 'The box public key.' })
  readonly publicKey: string;

  @Field((_type) => UUIDScalar, { nullable: true, description: 'The organisation owning the box.' })
  readonly ownerOrgId: Uuid | null;

  @Field((_type) => UUIDScalar, { nullable: true, description: 'The data tag of the box, if any.' })
  readonly datatagId: Uuid | null;

  @Field((_type) => UUIDScalar, {
    nullable: true,
    description: 'The data subject of the box, if any.',
  })
  readonly subjectIdentityId: Uuid | null;

  constructor(base: BoxEventBase, content: BoxCreatedContent) {
    super(base);
    this.title = content.title;
    this.publicKey = content.publicKey;
    this.ownerOrgId = content.ownerOrgId;
    this.datatagId = content.datatagId;
    this.subjectIdentityId = content.subjectIdentityId;
  }
}
