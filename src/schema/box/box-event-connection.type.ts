import { Field, ObjectType } from 'type-graphql';
import { BoxEvent } from '../event/box-event.interface';
import { BoxEventEdge } from './box-event-edge.type';
import { PageInfo } from './page-info.type';

/** totalCount is a field resolver (box-event-connection.resolver.ts): a HEAD only when selected. */
@ObjectType('BoxEventConnection', { description: 'A Relay-style page of Box.events.' })
export class BoxEventConnection {
  @Field((_type) => [BoxEventEdge], { description: 'The events of this page with their cursors.' })
  readonly edges: BoxEventEdge[];

  @Field((_type) => PageInfo, { description: 'Where this page sits in the whole list.' })
  readonly pageInfo: PageInfo;

  constructor(
    /** Not a GraphQL field: what totalCount counts. */
    readonly boxId: string,
    edges: BoxEventEdge[],
    pageInfo: PageInfo,
  ) {
    this.edges = edges;
    this.pageInfo = pageInfo;
  }

  @Field((_type) => [BoxEvent], { description: 'The events of this page, without cursors.' })
  get nodes(): BoxEvent[] {
    return this.edges.map((edge) => edge.node);
  }
}
