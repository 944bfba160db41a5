import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { checkBoxIds, checkPage } from '../arguments';
import { BoxEvent } from '../event/box-event.interface';
import { FileMessageEvent } from '../event/event-types';
import { onlyFileEvents, toBoxEvents } from '../event/map-events';
import { type Uuid, UUIDScalar } from '../scalars/uuid.scalar';
import { BoxPageArgs } from './box-page.args';
import { Box } from './box.type';

@Resolver((_of) => Box)
export class BoxResolver {
  @Query((_returns) => Box, {
    description: 'A box by id. Never null: every field below fetches lazily and fails on its own.',
  })
  box(@Arg('id', (_type) => UUIDScalar, { description: 'The box id.' }) id: Uuid): Box {
    return new Box(id);
  }

  @Query((_returns) => [Box], {
    description:
      'Several boxes at once (1 to 50 ids; duplicates allowed and served once), in the order asked.',
  })
  boxes(
    @Arg('ids', (_type) => [UUIDScalar], { description: '1 to 50 box ids.' }) ids: Uuid[],
  ): Box[] {
    return checkBoxIds(ids).map((id) => new Box(id));
  }

  @FieldResolver((_returns) => [BoxEvent], {
    nullable: true,
    description: 'Visible events, newest first, exactly as GET /boxes/{id}/events pages them.',
  })
  async events(
    @Root() box: Box,
    @Args() { offset, limit }: BoxPageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<BoxEvent[]> {
    const page = checkPage(offset, limit);
    return toBoxEvents(ctx, await ctx.loaders.events.load({ boxId: box.id, ...page }));
  }

  @FieldResolver((_returns) => [FileMessageEvent], {
    nullable: true,
    description: 'File message events that are not deleted, newest first (GET /boxes/{id}/files).',
  })
  async fileEvents(
    @Root() box: Box,
    @Args() { offset, limit }: BoxPageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<FileMessageEvent[]> {
    const page = checkPage(offset, limit);
    return onlyFileEvents(ctx, await ctx.loaders.files.load({ boxId: box.id, ...page }));
  }

  @FieldResolver((_returns) => Int, {
    nullable: true,
    description: 'X-Total-Count of HEAD /boxes/{id}/events.',
  })
  eventsCount(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<number> {
    return ctx.loaders.eventsCount.load(box.id);
  }

  @FieldResolver((_returns) => Int, {
    nullable: true,
    description: 'X-Total-Count of HEAD /boxes/{id}/files.',
  })
  fileEventsCount(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<number> {
    return ctx.loaders.filesCount.load(box.id);
  }
}
