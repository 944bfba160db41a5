import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Identity', {
  description: 'Who sent, deleted or kicked: an identity as the upstream shows it.',
})
export class Identity {
  @Field((_type) => ID, {
    description:
      'The identity id. Not always a UUID: the upstream answers "anonymous-user" for unknown identities.',
  })
  readonly id: string;

  @Field({ description: 'The display name.' })
  readonly displayName: string;

  @Field((_type) => String, { nullable: true, description: 'Avatar URL, if any.' })
  readonly avatarUrl: string | null;

  @Field((_type) => String, {
    nullable: true,
    description:
      'The identifier (e.g. an email address); null where the upstream does not disclose it.',
  })
  readonly identifierValue: string | null;

  @Field((_type) => String, {
    nullable: true,
    description:
      'The kind of identifier (e.g. "email"); null where the upstream does not disclose it.',
  })
  readonly identifierKind: string | null;

  constructor(identity: Identity) {
    this.id = identity.id;
    this.displayName = identity.displayName;
    this.avatarUrl = identity.avatarUrl;
    this.identifierValue = identity.identifierValue;
    this.identifierKind = identity.identifierKind;
  }
}
