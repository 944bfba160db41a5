import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { GatewayError } from '../../errors/gateway-errors';
import type { BoxItem } from '../../realtime/realtime-items';
import { parseAfter } from '../../resume/after-argument';
import { checkBoxIds } from '../arguments';
import { BoxEvent } from '../event/box-event.interface';
import { UUIDScalar } from '../scalars/uuid.scalar';
import { BoxEventUpdate } from './box-event-update.type';
import { patchedMessage } from './patched-message';
import { toBoxEventUpdate } from './to-box-event-update';

interface BoxEventsArgs {
  identityId: string;
  boxIds: string[];
  after?: string[] | null;
}

@Resolver((_of) => BoxEventUpdate)
export class BoxEventsResolver {
  @Subscription((_returns) => BoxEventUpdate, {
    description:
      "New events of the given boxes (1 to 50 ids) as they happen, from the upstream's realtime socket. `identityId` is the caller's own identity id (the upstream refuses any other). Each event is delivered once; after an upstream drop the gateway reconnects and replays what the REST list shows was missed, then sends one `resynced` notice per box. `after` resumes from earlier cursors; a client that re-sends its operation on reconnect (same graphql-ws id, or SSE Last-Event-ID) resumes by itself.",
    subscribe: ({ args, context }) => {
      const { identityId, boxIds, after } = args as BoxEventsArgs;
      const { subscribeToBoxes } = context as GatewayContext;
      checkBoxIds(boxIds, 'boxIds');
      const start = parseAfter(after, boxIds);
      if (!subscribeToBoxes) throw new Error('this server does not serve subscriptions');
      return subscribeToBoxes(identityId, boxIds, start);
    },
  })
  boxEvents(
    @Root() item: BoxItem | GatewayError,
    @Ctx() ctx: GatewayContext,
    @Arg('identityId', (_type) => UUIDScalar, { description: "The caller's own identity id." })
    _identityId: string,
    @Arg('boxIds', (_type) => [UUIDScalar], { description: 'The boxes to follow (1 to 50).' })
    _boxIds: string[],
    @Arg('after', (_type) => [String], {
      nullable: true,
      description:
        'Cursors of earlier updates, at most one per box of boxIds: each such box first replays every listed event after it, oldest first, then gets one notice, then goes on live.',
    })
    _after: string[] | null,
  ): BoxEventUpdate {
    // A failure travels through the stream as an item so the client gets it coded, then complete.
    if (item instanceof GatewayError) throw item;
    return toBoxEventUpdate(item, ctx);
  }

  @FieldResolver((_type) => BoxEvent, {
    nullable: true,
    description:
      'For an edit or a deletion: the message as it now reads, under its own id and concrete type (TextMessageEvent or FileMessageEvent), so a normalised client cache updates it in place. Null for every other event.',
  })
  message(@Root() update: BoxEventUpdate, @Ctx() ctx: GatewayContext): Promise<BoxEvent | null> {
    // ctx is the update's own scope (GatewayContext.forUpdate): the read counts there.
    return patchedMessage(update.event, ctx);
  }
}
