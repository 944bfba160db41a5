// Box lifecycle and per-caller state (graphql-api.md §12.1): one upstream write each, plus the
// caller's identity id where the route names it (GET /auth/userinfo, once per request). Every
// write drops what the request cached for its box, so fields read after it are fresh.
import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { checkKeyShare, checkPublicKey, checkTitle } from '../arguments';
import { callerIdentityId } from '../chat/me.resolver';
import { writeToBox } from '../event/write-events';
import { asUuid, UUIDScalar, type Uuid } from '../scalars/uuid.scalar';
import { UpstreamProtocolError } from '../../upstream/upstream-errors';
import { Box } from './box.type';

@InputType('BoxKeyShareInput', {
  description: 'The key share stored with a new box, for invitation links (upstream key_share).',
})
export class BoxKeyShareInput {
  @Field({ description: 'The share Misakey keeps (unpadded URL-safe base64).' })
  misakeyShare!: string;

  @Field({ description: 'The hash of the other share (unpadded URL-safe base64).' })
  otherShareHash!: string;

  @Field({ description: 'The invitation key share, encrypted (unpadded URL-safe base64).' })
  encryptedInvitationKeyShare!: string;
}

@Resolver((_of) => Box)
export class BoxMutationsResolver {
  @Mutation((_returns) => Box, {
    description:
      "POST /boxes: the new box (its create event is published to the caller's subscriptions).",
  })
  async createBox(
    @Arg('title', { description: 'The title: 1 to 50 bytes of UTF-8.' }) title: string,
    @Arg('publicKey', { description: 'The box public key (unpadded URL-safe base64).' })
    publicKey: string,
    @Arg('keyShare', (_type) => BoxKeyShareInput, {
      nullable: true,
      description: 'The key share for invitation links, if any.',
    })
    keyShare: BoxKeyShareInput | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<Box> {
    checkTitle(title);
    checkPublicKey(publicKey);
    checkKeyShare(keyShare);
    const view = await ctx.api.createBox({
      title,
      public_key: publicKey,
      ...(keyShare
        ? {
            key_share: {
              misakey_share: keyShare.misakeyShare,
              other_share_hash: keyShare.otherShareHash,
              encrypted_invitation_key_share: keyShare.encryptedInvitationKeyShare,
            },
          }
        : {}),
    });
    const id = asUuid(view?.id);
    if (id === null) {
      throw new UpstreamProtocolError('upstream created a box without a valid id', {
        method: 'POST',
        route: '/boxes',
      });
    }
    // Its events' `box` fields read the view through the loader: no GET for what POST returned.
    ctx.loaders.boxView.prime(id, view);
    return new Box(id, view);
  }

  @Mutation((_returns) => Boolean, {
    description: 'DELETE /boxes/{id} (admin): true once deleted.',
  })
  async deleteBox(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box to delete.' }) boxId: Uuid,
    @Ctx() ctx: GatewayContext,
  ): Promise<boolean> {
    await writeToBox(ctx, boxId, () => ctx.api.deleteBox(boxId));
    return true;
  }

  @Mutation((_returns) => Box, {
    description: 'PUT /boxes/{id}/new-events-count/ack for the caller: the box with unreadCount 0.',
  })
  async markBoxRead(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box read.' }) boxId: Uuid,
    @Ctx() ctx: GatewayContext,
  ): Promise<Box> {
    const identityId = await callerIdentityId(ctx);
    await writeToBox(ctx, boxId, () => ctx.api.ackBox(boxId, identityId));
    ctx.announceRead?.(identityId, boxId);
    return new Box(boxId);
  }

  @Mutation((_returns) => Box, { description: 'PUT /box-users/{me}/boxes/{id}/settings.' })
  async setBoxMuted(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box.' }) boxId: Uuid,
    @Arg('muted', { description: 'True to stop unread increments, false to resume them.' })
    muted: boolean,
    @Ctx() ctx: GatewayContext,
  ): Promise<Box> {
    const identityId = await callerIdentityId(ctx);
    await writeToBox(ctx, boxId, () => ctx.api.setBoxMuted(identityId, boxId, muted));
    return new Box(boxId);
  }
}
