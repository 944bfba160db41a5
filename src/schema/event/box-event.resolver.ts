import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import type { CreateEventBody } from '../../upstream/upstream-types';
import { UUIDScalar } from '../scalars/uuid.scalar';
import { BoxEvent } from './box-event.interface';
import { BoxEventInput } from './box-event.input';
import { createBoxEvent } from './write-events';

@Resolver((_of) => BoxEvent)
export class BoxEventResolver {
  @Mutation((_returns) => BoxEvent, {
    description: 'Escape hatch: one POST /boxes/{id}/events with any type the upstream accepts.',
  })
  postBoxEvent(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box to post in.' }) boxId: string,
    @Arg('input', (_type) => BoxEventInput, { description: 'The event, sent as is.' })
    input: BoxEventInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<BoxEvent> {
    return createBoxEvent(ctx, boxId, toCreateEventBody(input));
  }
}

/** Only the keys the caller gave: an absent key stays absent upstream, an explicit null stays null. */
function toCreateEventBody(input: BoxEventInput): CreateEventBody {
  const body: CreateEventBody = { type: input.type };
  if (input.content !== undefined) body.content = input.content;
  if (input.referrerId !== undefined) body.referrer_id = input.referrerId;
  if (input.extra !== undefined) body.extra = input.extra;
  return body;
}
