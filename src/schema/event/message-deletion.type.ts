import { Field, ObjectType } from 'type-graphql';
import { type DateTime, DateTimeScalar } from '../scalars/date-time.scalar';
import { Identity } from './identity.type';

@ObjectType('MessageDeletion', { description: 'Who deleted a message, and when if known.' })
export class MessageDeletion {
  @Field((_type) => Identity, { description: 'The identity that deleted the message.' })
  readonly deletedBy: Identity;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description:
      'When it was deleted; null where the upstream sends the zero time 0001-01-01T00:00:00Z.',
  })
  readonly deletedAt: DateTime | null;

  constructor(deletedBy: Identity, deletedAt: DateTime | null) {
    this.deletedBy = deletedBy;
    this.deletedAt = deletedAt;
  }
}
