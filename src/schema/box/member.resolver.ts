import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { MemberJoinEvent, MemberLeaveEvent } from '../event/event-types';
import { createBoxEvent, expectEvent } from '../event/write-events';
import { UUIDScalar } from '../scalars/uuid.scalar';

@Resolver((_of) => MemberJoinEvent)
export class MemberResolver {
  @Mutation((_returns) => MemberJoinEvent, { description: 'Join a box (upstream "member.join").' })
  async joinBox(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box to join.' }) boxId: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<MemberJoinEvent> {
    const event = await createBoxEvent(ctx, boxId, { type: 'member.join' });
    return expectEvent(event, MemberJoinEvent, 'member.join');
  }

  @Mutation((_returns) => MemberLeaveEvent, {
    description: 'Leave a box (upstream "member.leave").',
  })
  async leaveBox(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box to leave.' }) boxId: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<MemberLeaveEvent> {
    const event = await createBoxEvent(ctx, boxId, { type: 'member.leave' });
    return expectEvent(event, MemberLeaveEvent, 'member.leave');
  }
}
