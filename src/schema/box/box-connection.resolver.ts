// Box.eventsConnection / fileEventsConnection (docs/graphql-api.md#pagination): fetch `first + 1`
// from the cursor's offset so hasNextPage needs no HEAD; hasPreviousPage is offset > 0.
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../context';
import type { EventDto } from '../../upstream/upstream-types';
import { checkAfter, checkFirst } from '../arguments';
import { onlyFileEvents, toBoxEvents } from '../event/map-events';
import { BoxConnectionArgs } from './box-connection.args';
import { BoxEventConnection } from './box-event-connection.type';
import { BoxEventEdge } from './box-event-edge.type';
import { Box } from './box.type';
import { encodeCursor } from './cursor';
import { FileEventConnection } from './file-event-connection.type';
import { FileEventEdge } from './file-event-edge.type';
import { PageInfo } from './page-info.type';

interface Span {
  offset: number;
  first: number;
}

@Resolver((_of) => Box)
export class BoxConnectionResolver {
  @FieldResolver((_returns) => BoxEventConnection, {
    nullable: true,
    description: 'Relay-style view of Box.events: `first` 1 to 500, cursors are opaque.',
  })
  async eventsConnection(
    @Root() box: Box,
    @Args() { first, after }: BoxConnectionArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<BoxEventConnection> {
    const span = { offset: checkAfter(after), first: checkFirst(first) };
    const dtos = await ctx.loaders.events.load({
      boxId: box.id,
      offset: span.offset,
      limit: span.first + 1,
    });
    const edges = toBoxEvents(ctx, dtos.slice(0, span.first)).map(
      (node, i) => new BoxEventEdge(encodeCursor(span.offset + i), node),
    );
    return new BoxEventConnection(box.id, edges, pageInfo(span, dtos));
  }

  @FieldResolver((_returns) => FileEventConnection, {
    nullable: true,
    description: 'Relay-style view of Box.fileEvents: `first` 1 to 500, cursors are opaque.',
  })
  async fileEventsConnection(
    @Root() box: Box,
    @Args() { first, after }: BoxConnectionArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<FileEventConnection> {
    const span = { offset: checkAfter(after), first: checkFirst(first) };
    const dtos = await ctx.loaders.files.load({
      boxId: box.id,
      offset: span.offset,
      limit: span.first + 1,
    });
    const page = dtos.slice(0, span.first);
    // Cursors are positions in the upstream list: an odd item left out keeps its slot.
    const edges = page.flatMap((dto, i) =>
      onlyFileEvents(ctx, [dto]).map(
        (node) => new FileEventEdge(encodeCursor(span.offset + i), node),
      ),
    );
    return new FileEventConnection(box.id, edges, pageInfo(span, dtos));
  }
}

/** Start and end cursors name the page's positions, even when an odd file event was left out. */
function pageInfo(span: Span, fetched: readonly EventDto[]): PageInfo {
  const size = Math.min(fetched.length, span.first);
  return new PageInfo({
    hasNextPage: fetched.length > span.first,
    hasPreviousPage: span.offset > 0,
    startCursor: size > 0 ? encodeCursor(span.offset) : null,
    endCursor: size > 0 ? encodeCursor(span.offset + size - 1) : null,
  });
}
