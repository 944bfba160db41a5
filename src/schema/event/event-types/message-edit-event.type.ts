import { Field, ObjectType } from 'type-graphql';
import { BoxEvent, type BoxEventBase } from '../box-event.interface';

@ObjectType('MessageEditEvent', {
  implements: BoxEvent,
  description:
    'An edit of a text message ("msg.edit"); referrerId is the message. Only returned by mutations.',
})
export class MessageEditEvent extends BoxEvent {
  @Field({ description: 'The new encrypted text.' })
  readonly newEncrypted: string;

  @Field((_type) => String, {
    nullable: true,
    description: 'The public key the new text is encrypted for.',
  })
  readonly newPublicKey: string | null;

  constructor(base: BoxEventBase, content: { newEncrypted: string; newPublicKey: string | null }) {
    super(base);
    this.newEncrypted = content.newEncrypted;
    this.newPublicKey = content.newPublicKey;
  }
}
