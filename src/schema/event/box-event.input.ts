import { Field, InputType } from 'type-graphql';
import { JSONScalar } from '../scalars/json.scalar';
import { UUIDScalar } from '../scalars/uuid.scalar';

@InputType('BoxEventInput', {
  description: 'An event as POST /boxes/{id}/events takes it, sent as is.',
})
export class BoxEventInput {
  @Field({ description: 'The upstream type string, e.g. "msg.text".' })
  type!: string;

  @Field((_type) => JSONScalar, {
    nullable: true,
    description: 'The upstream `content`, snake_case keys.',
  })
  content?: unknown;

  @Field((_type) => UUIDScalar, { nullable: true, description: 'The upstream `referrer_id`.' })
  referrerId?: string | null;

  @Field((_type) => JSONScalar, {
    nullable: true,
    description: 'The upstream `extra` (write-only).',
  })
  extra?: unknown;
}
