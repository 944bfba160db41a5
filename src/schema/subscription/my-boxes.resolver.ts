import { Arg, Root, Subscription, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { GatewayError } from '../../errors/gateway-errors';
import type { MyBoxesItem } from '../../realtime/my-boxes-subscription';
import { UUIDScalar } from '../scalars/uuid.scalar';
import { MyBoxUpdate } from './my-box-update.type';

@Resolver()
export class MyBoxesSubscriptionResolver {
  @Subscription((_returns) => MyBoxUpdate, {
    description:
      "The caller's box list as it changes, from the same upstream socket as boxEvents (shared with them): one update per changed box; after any gap (an upstream drop) one RESYNC update.",
    subscribe: ({ args, context }) => {
      const { subscribeToMyBoxes } = context as GatewayContext;
      if (!subscribeToMyBoxes) throw new Error('this server does not serve subscriptions');
      return subscribeToMyBoxes((args as { identityId: string }).identityId);
    },
  })
  myBoxes(
    @Root() item: MyBoxesItem,
    @Arg('identityId', (_type) => UUIDScalar, { description: "The caller's own identity id." })
    _identityId: string,
  ): MyBoxUpdate {
    // A failure travels through the stream as an item so the client gets it coded, then complete.
    if (item instanceof GatewayError) throw item;
    return item;
  }
}
