import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { BoxEventConnection } from './box-event-connection.type';

@Resolver((_of) => BoxEventConnection)
export class BoxEventConnectionResolver {
  @FieldResolver((_returns) => Int, {
    description:
      'All visible events of the box (X-Total-Count of HEAD /boxes/{id}/events; fetched only when selected).',
  })
  totalCount(@Root() connection: BoxEventConnection, @Ctx() ctx: GatewayContext): Promise<number> {
    return ctx.loaders.eventsCount.load(connection.boxId);
  }
}
