import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { checkBase64Url } from '../arguments';
import { UUIDScalar } from '../scalars/uuid.scalar';
import { MessageDeleteEvent, MessageEditEvent, TextMessageEvent } from './event-types';
import { createBoxEvent, expectEvent } from './write-events';

@Resolver((_of) => TextMessageEvent)
export class MessageResolver {
  @Mutation((_returns) => TextMessageEvent, {
    description: 'Post a text message (upstream "msg.text").',
  })
  async postTextMessage(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box to post in.' }) boxId: string,
    @Arg('encrypted', { description: 'The encrypted text, unpadded URL-safe base64.' })
    encrypted: string,
    @Arg('publicKey', { description: 'The public key the text is encrypted for.' })
    publicKey: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<TextMessageEvent> {
    checkBase64Url('encrypted', encrypted);
    const event = await createBoxEvent(ctx, boxId, {
      type: 'msg.text',
      content: { encrypted, public_key: publicKey },
    });
    return expectEvent(event, TextMessageEvent, 'msg.text');
  }

  @Mutation((_returns) => MessageEditEvent, {
    description: 'Edit one of your text messages (upstream "msg.edit").',
  })
  async editTextMessage(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box of the message.' }) boxId: string,
    @Arg('messageId', (_type) => UUIDScalar, { description: 'The text message to edit.' })
    messageId: string,
    @Arg('newEncrypted', { description: 'The new encrypted text, unpadded URL-safe base64.' })
    newEncrypted: string,
    @Arg('newPublicKey', { description: 'The public key the new text is encrypted for.' })
    newPublicKey: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<MessageEditEvent> {
    checkBase64Url('newEncrypted', newEncrypted);
    const event = await createBoxEvent(ctx, boxId, {
      type: 'msg.edit',
      content: { new_encrypted: newEncrypted, new_public_key: newPublicKey },
      referrer_id: messageId,
    });
    return expectEvent(event, MessageEditEvent, 'msg.edit');
  }

  @Mutation((_returns) => MessageDeleteEvent, {
    description: 'Delete a text or file message (upstream "msg.delete").',
  })
  async deleteMessage(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box of the message.' }) boxId: string,
    @Arg('messageId', (_type) => UUIDScalar, { description: 'The message to delete.' })
    messageId: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<MessageDeleteEvent> {
    const event = await createBoxEvent(ctx, boxId, { type: 'msg.delete', referrer_id: messageId });
    return expectEvent(event, MessageDeleteEvent, 'msg.delete');
  }
}
