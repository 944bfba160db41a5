import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { UpstreamProtocolError } from '../../upstream/upstream-errors';
import type { BatchEventBody } from '../../upstream/upstream-types';
import { checkAccessChange } from '../arguments';
import type { BoxEvent } from '../event/box-event.interface';
import { AccessAddedEvent, AccessRemovedEvent, MemberKickEvent } from '../event/event-types';
import { toBoxEvents } from '../event/map-events';
import { writeToBox } from '../event/write-events';
import { UUIDScalar } from '../scalars/uuid.scalar';
import { AccessAddInput } from './access-add.input';
import { ACCESS_RESTRICTION_UPSTREAM } from './access-restriction.enum';
import { AccessChangeResult } from './access-change-result.type';

@Resolver((_of) => AccessChangeResult)
export class AccessResolver {
  @Mutation((_returns) => AccessChangeResult, {
    description:
      'One POST /boxes/{id}/batch-events (batch_type "accesses"): removals first, then additions; atomic upstream.',
  })
  async changeBoxAccesses(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box.' }) boxId: string,
    @Arg('add', (_type) => [AccessAddInput], {
      defaultValue: [],
      description: 'Access rules to add.',
    })
    add: AccessAddInput[],
    @Arg('remove', (_type) => [UUIDScalar], {
      defaultValue: [],
      description: 'Access rules to remove, by the id of their access.add event.',
    })
    remove: string[],
    @Ctx() ctx: GatewayContext,
  ): Promise<AccessChangeResult> {
    checkAccessChange(add.length, remove.length);
    const body = [...remove.map(toAccessRemove), ...add.map(toAccessAdd)];
    const dtos = await writeToBox(ctx, boxId, () => ctx.api.batchAccesses(boxId, body));
    return splitByType(toBoxEvents(ctx, dtos));
  }
}

function toAccessRemove(accessId: string): BatchEventBody {
  return { type: 'access.rm', referrer_id: accessId };
}

function toAccessAdd(input: AccessAddInput): BatchEventBody {
  const content: Record<string, unknown> = {
    restriction_type: ACCESS_RESTRICTION_UPSTREAM[input.restrictionType],
    value: input.value,
  };
  if (input.autoInvite !== undefined && input.autoInvite !== null)
    content.auto_invite = input.autoInvite;
  const body: BatchEventBody = { type: 'access.add', content };
  if (input.invitation !== undefined && input.invitation !== null) body.extra = input.invitation;
  return body;
}

/** The batch answer is the request's events in order, then any generated kicks. */
function splitByType(events: readonly BoxEvent[]): AccessChangeResult {
  const result = new AccessChangeResult();
  for (const event of events) {
    if (event instanceof AccessRemovedEvent) result.removed.push(event);
    else if (event instanceof AccessAddedEvent) result.added.push(event);
    else if (event instanceof MemberKickEvent) result.kicked.push(event);
    else {
      throw new UpstreamProtocolError(
        `batch-events answered a "${event.type}" event that is not access.rm, access.add or member.kick`,
      );
    }
  }
  return result;
}
