import { Field, ObjectType } from 'type-graphql';
import { type DateTime, DateTimeScalar } from '../../scalars/date-time.scalar';
import { BoxEvent, type BoxEventBase } from '../box-event.interface';
import { MessageDeletion } from '../message-deletion.type';

export interface TextMessageContent {
  encrypted: string | null;
  publicKey: string | null;
  lastEditedAt: DateTime | null;
  deletion: MessageDeletion | null;
}

@ObjectType('TextMessageEvent', {
  implements: BoxEvent,
  description: 'A text message ("msg.text"), with its edits and deletion folded in as listed.',
})
export class TextMessageEvent extends BoxEvent {
  @Field((_type) => String, {
    nullable: true,
    description: 'The encrypted text (the latest edit if edited); null once deleted.',
  })
  readonly encrypted: string | null;

  @Field((_type) => String, {
    nullable: true,
    description:
      'The public key the text is encrypted for (the latest edit if edited); null once deleted.',
  })
  readonly publicKey: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the message was last edited.',
  })
  readonly lastEditedAt: DateTime | null;

  @Field((_type) => MessageDeletion, {
    nullable: true,
    description: 'Set once deleted, null otherwise.',
  })
  readonly deletion: MessageDeletion | null;

  constructor(base: BoxEventBase, content: TextMessageContent) {
    super(base);
    this.encrypted = content.encrypted;
    this.publicKey = content.publicKey;
    this.lastEditedAt = content.lastEditedAt;
    this.deletion = content.deletion;
  }
}
