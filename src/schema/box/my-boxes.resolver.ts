// Query.myBoxes (graphql-api.md §12): one GET /boxes/joined for `first + 1` boxes (hasNextPage
// without a count), each node carrying its view so its detail fields cost nothing more, and
// totalCount from HEAD /boxes/joined only when selected.
import { Arg, Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { UpstreamProtocolError } from '../../upstream/upstream-errors';
import { checkAfter, checkMyBoxesFirst } from '../arguments';
import { asUuid } from '../scalars/uuid.scalar';
import { Box } from './box.type';
import { encodeCursor } from './cursor';
import { BoxConnection, BoxEdge } from './my-boxes.type';
import { PageInfo } from './page-info.type';

@Resolver((_of) => BoxConnection)
export class MyBoxesResolver {
  @Query((_returns) => BoxConnection, {
    nullable: true,
    description:
      "The caller's boxes, the one with the newest event first (GET /boxes/joined; totalCount = HEAD /boxes/joined).",
  })
  async myBoxes(
    @Arg('first', (_type) => Int, {
      nullable: true,
      defaultValue: 20,
      description: 'Page size, 1 to 50.',
    })
    first: number | null,
    @Arg('after', (_type) => String, {
      nullable: true,
      description: 'Start after this cursor (an edge cursor or endCursor of an earlier page).',
    })
    after: string | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<BoxConnection> {
    const size = checkMyBoxesFirst(first);
    const offset = checkAfter(after);
    const views = await ctx.loaders.myBoxes({ offset, limit: size + 1 });
    const edges = views.slice(0, size).map((view, i) => {
      const id = asUuid(view?.id);
      if (id === null) {
        throw new UpstreamProtocolError('upstream listed a box without a valid id', {
          method: 'GET',
          route: '/boxes/joined',
        });
      }
      return new BoxEdge(encodeCursor(offset + i), new Box(id, view));
    });
    return new BoxConnection(
      edges,
      new PageInfo({
        hasNextPage: views.length > size,
        hasPreviousPage: offset > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      }),
    );
  }

  @FieldResolver((_returns) => Int, {
    description: 'How many boxes the caller has (HEAD /boxes/joined, only when selected).',
  })
  totalCount(@Ctx() ctx: GatewayContext): Promise<number> {
    return ctx.loaders.myBoxesCount();
  }
}
