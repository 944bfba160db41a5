import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { ACCESS_MODE_UPSTREAM, AccessMode } from '../access/access-mode.enum';
import { AccessModeChangedEvent, KeyShareChangedEvent } from '../event/event-types';
import { createBoxEvent, expectEvent } from '../event/write-events';
import { UUIDScalar } from '../scalars/uuid.scalar';

@Resolver((_of) => AccessModeChangedEvent)
export class BoxStateResolver {
  @Mutation((_returns) => AccessModeChangedEvent, {
    description: 'Set who may join the box (upstream "state.access_mode"; admin only).',
  })
  async setBoxAccessMode(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box.' }) boxId: string,
    @Arg('mode', (_type) => AccessMode, { description: 'The new access mode.' }) mode: AccessMode,
    @Ctx() ctx: GatewayContext,
  ): Promise<AccessModeChangedEvent> {
    const event = await createBoxEvent(ctx, boxId, {
      type: 'state.access_mode',
      content: { value: ACCESS_MODE_UPSTREAM[mode] },
    });
    return expectEvent(event, AccessModeChangedEvent, 'state.access_mode');
  }

  @Mutation((_returns) => KeyShareChangedEvent, {
    description: 'Replace the box key share (upstream "state.key_share"; admin only).',
  })
  async setBoxKeyShare(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box.' }) boxId: string,
    @Arg('misakeyShare', { description: 'The share Misakey keeps.' }) misakeyShare: string,
    @Arg('otherShareHash', { description: 'The hash of the other share.' }) otherShareHash: string,
    @Arg('encryptedInvitationKeyShare', { description: 'The invitation key share, encrypted.' })
    encryptedInvitationKeyShare: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<KeyShareChangedEvent> {
    const event = await createBoxEvent(ctx, boxId, {
      type: 'state.key_share',
      extra: {
        misakey_share: misakeyShare,
        other_share_hash: otherShareHash,
        encrypted_invitation_key_share: encryptedInvitationKeyShare,
      },
    });
    return expectEvent(event, KeyShareChangedEvent, 'state.key_share');
  }
}
