import { Field, InputType } from 'type-graphql';
import { JSONScalar } from '../scalars/json.scalar';
import { AccessRestriction } from './access-restriction.enum';

@InputType('AccessAddInput', { description: 'An access rule to add (upstream "access.add").' })
export class AccessAddInput {
  @Field((_type) => AccessRestriction, { description: 'What the rule matches.' })
  restrictionType!: AccessRestriction;

  @Field({ description: 'The identifier or email domain to match.' })
  value!: string;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Invite the identifier automatically (needs `invitation`).',
  })
  autoInvite?: boolean | null;

  @Field((_type) => JSONScalar, {
    nullable: true,
    description:
      'Upstream `extra` for auto-invitation: { <invitee public key>: <encrypted crypto action> }.',
  })
  invitation?: unknown;
}
