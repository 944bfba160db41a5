import { Field, ObjectType } from 'type-graphql';
import { type Uuid, UUIDScalar } from '../../scalars/uuid.scalar';
import { BoxEvent, type BoxEventBase } from '../box-event.interface';
import { MessageDeletion } from '../message-deletion.type';

export interface FileMessageContent {
  encrypted: string | null;
  publicKey: string | null;
  encryptedFileId: Uuid | null;
  isSaved: boolean;
  deletion: MessageDeletion | null;
}

@ObjectType('FileMessageEvent', {
  implements: BoxEvent,
  description: 'A file message ("msg.file"), with its deletion folded in as listed.',
})
export class FileMessageEvent extends BoxEvent {
  @Field((_type) => String, {
    nullable: true,
    description: 'The encrypted file metadata; null once deleted.',
  })
  readonly encrypted: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The public key it is encrypted for; null once deleted.',
  })
  readonly publicKey: string | null;

  @Field((_type) => UUIDScalar, {
    nullable: true,
    description: 'The stored encrypted file; null once deleted.',
  })
  readonly encryptedFileId: Uuid | null;

  @Field({
    description:
      'Whether the caller saved the file to their vault (false where the upstream omits it).',
  })
  readonly isSaved: boolean;

  @Field((_type) => MessageDeletion, {
    nullable: true,
    description: 'Set once deleted, null otherwise.',
  })
  readonly deletion: MessageDeletion | null;

  @Field((_type) => String, {
    nullable: true,
    description:
      "Gateway path that streams the encrypted bytes with the caller's credentials (GET /files/{encryptedFileId}); null once deleted.",
  })
  get downloadPath(): string | null {
    return this.encryptedFileId === null ? null : `/files/${this.encryptedFileId}`;
  }

  constructor(base: BoxEventBase, content: FileMessageContent) {
    super(base);
    this.encrypted = content.encrypted;
    this.publicKey = content.publicKey;
    this.encryptedFileId = content.encryptedFileId;
    this.isSaved = content.isSaved;
    this.deletion = content.deletion;
  }
}
