import { Field, ObjectType } from 'type-graphql';
import { FileMessageEvent } from '../event/event-types';
import { FileEventEdge } from './file-event-edge.type';
import { PageInfo } from './page-info.type';

/** totalCount is a field resolver (file-event-connection.resolver.ts): a HEAD only when selected. */
@ObjectType('FileEventConnection', { description: 'A Relay-style page of Box.fileEvents.' })
export class FileEventConnection {
  @Field((_type) => [FileEventEdge], {
    description: 'The file messages of this page with their cursors.',
  })
  readonly edges: FileEventEdge[];

  @Field((_type) => PageInfo, { description: 'Where this page sits in the whole list.' })
  readonly pageInfo: PageInfo;

  constructor(
    /** Not a GraphQL field: what totalCount counts. */
    readonly boxId: string,
    edges: FileEventEdge[],
    pageInfo: PageInfo,
  ) {
    this.edges = edges;
    this.pageInfo = pageInfo;
  }

  @Field((_type) => [FileMessageEvent], {
    description: 'The file messages of this page, without cursors.',
  })
  get nodes(): FileMessageEvent[] {
    return this.edges.map((edge) => edge.node);
  }
}
