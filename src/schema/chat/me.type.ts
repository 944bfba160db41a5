import { Field, Int, ObjectType } from 'type-graphql';
import { type Uuid, UUIDScalar } from '../scalars/uuid.scalar';

@ObjectType('Me', { description: 'The caller, as GET /auth/userinfo describes the token.' })
export class Me {
  @Field((_type) => UUIDScalar, {
    description: 'The identity id (userinfo `mid`): what boxEvents and myBoxes take.',
  })
  readonly identityId: Uuid;

  @Field((_type) => UUIDScalar, {
    nullable: true,
    description: 'The account id (userinfo `aid`); null when the identity has no account.',
  })
  readonly accountId: Uuid | null;

  @Field((_type) => Int, { description: 'The authentication level (ACR) of the token.' })
  readonly acr: number;

  @Field((_type) => String, { nullable: true, description: 'The identifier value (an email).' })
  readonly email: string | null;

  constructor(me: Me) {
    this.identityId = me.identityId;
    this.accountId = me.accountId;
    this.acr = me.acr;
    this.email = me.email;
  }
}
