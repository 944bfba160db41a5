import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { FileEventConnection } from './file-event-connection.type';

@Resolver((_of) => FileEventConnection)
export class FileEventConnectionResolver {
  @FieldResolver((_returns) => Int, {
    description:
      'All non-deleted file messages of the box (X-Total-Count of HEAD /boxes/{id}/files; fetched only when selected).',
  })
  totalCount(@Root() connection: FileEventConnection, @Ctx() ctx: GatewayContext): Promise<number> {
    return ctx.loaders.filesCount.load(connection.boxId);
  }
}
