import { Field, ObjectType } from 'type-graphql';
import { JSONScalar } from '../../scalars/json.scalar';
import { BoxEvent, type BoxEventBase } from '../box-event.interface';

@ObjectType('UnknownBoxEvent', {
  implements: BoxEvent,
  description:
    'Any type string the gateway does not know yet, or a known type whose content has an unexpected shape: never an error, never dropped.',
})
export class UnknownBoxEvent extends BoxEvent {
  @Field((_type) => JSONScalar, { nullable: true, description: 'The raw upstream content.' })
  readonly content: unknown;

  constructor(base: BoxEventBase, content: unknown) {
    super(base);
    this.content = content ?? null;
  }
}
