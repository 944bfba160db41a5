import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { GatewayError } from '../../errors/gateway-errors';
import type { MyBoxesItem } from '../../realtime/realtime-items';
import { Box } from '../box/box.type';
import { asUuid, UUIDScalar } from '../scalars/uuid.scalar';
import { MyBoxChange, MyBoxUpdate, NO_BOX } from './my-box-update.type';

/** The realtime item's change as the enum value (the same names). */
const CHANGES: Record<Exclude<MyBoxesItem, { kind: 'resync' }>['change'], MyBoxChange> = {
  NEW_EVENT: MyBoxChange.NEW_EVENT,
  READ: MyBoxChange.READ,
  SETTINGS: MyBoxChange.SETTINGS,
  ADDED: MyBoxChange.ADDED,
  REMOVED: MyBoxChange.REMOVED,
  DELETED: MyBoxChange.DELETED,
};

@Resolver((_of) => MyBoxUpdate)
export class MyBoxesSubscriptionResolver {
  @Subscription((_returns) => MyBoxUpdate, {
    description:
      "The caller's box list as it changes, from the same upstream socket as boxEvents (shared with them): one update per changed box; after any gap (an upstream drop, or a client reconnecting with the same graphql-ws operation id or SSE Last-Event-ID) one RESYNC update.",
    subscribe: ({ args, context }) => {
      const { subscribeToMyBoxes } = context as GatewayContext;
      if (!subscribeToMyBoxes) throw new Error('this server does not serve subscriptions');
      return subscribeToMyBoxes((args as { identityId: string }).identityId);
    },
  })
  myBoxes(
    @Root() item: MyBoxesItem | GatewayError,
    @Arg('identityId', (_type) => UUIDScalar, { description: "The caller's own identity id." })
    _identityId: string,
  ): MyBoxUpdate {
    // A failure travels through the stream as an item so the client gets it coded, then complete.
    if (item instanceof GatewayError) throw item;
    if (item.kind === 'resync') return new MyBoxUpdate(NO_BOX, MyBoxChange.RESYNC);
    // Realtime checked the id's shape (box-list-changes.ts).
    return new MyBoxUpdate(asUuid(item.boxId) ?? NO_BOX, CHANGES[item.change]);
  }

  @FieldResolver((_type) => Box, {
    nullable: true,
    description:
      'The box as it now reads (title, lastEvent, unreadCount, muted); null for REMOVED, DELETED and RESYNC.',
  })
  async box(@Root() update: MyBoxUpdate, @Ctx() ctx: GatewayContext): Promise<Box | null> {
    if (!update.withBox) return null;
    // ctx is the update's own scope (GatewayContext.forUpdate): the read counts there, and the
    // box's detail fields are served from the view read here.
    try {
      return new Box(update.boxId, await ctx.loaders.boxView.load(update.boxId));
    } catch (error) {
      ctx.logger.warn({ err: error }, 'myBoxes update: the box could not be read');
      return null;
    }
  }
}
