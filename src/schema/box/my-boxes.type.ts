import { Field, ObjectType } from 'type-graphql';
import { Box } from './box.type';
import { PageInfo } from './page-info.type';

@ObjectType('BoxEdge', { description: 'A box of myBoxes with its cursor.' })
export class BoxEdge {
  @Field({ description: 'Opaque position of this box in the list; pass it as `after`.' })
  readonly cursor: string;

  @Field((_type) => Box, { description: 'The box.' })
  readonly node: Box;

  constructor(cursor: string, node: Box) {
    this.cursor = cursor;
    this.node = node;
  }
}

/** totalCount is a field resolver (my-boxes.resolver.ts): a HEAD only when selected. */
@ObjectType('BoxConnection', {
  description: "A page of the caller's boxes, the one with the newest event first.",
})
export class BoxConnection {
  @Field((_type) => [BoxEdge], { description: 'The boxes of this page with their cursors.' })
  readonly edges: BoxEdge[];

  @Field((_type) => PageInfo, { description: 'Where this page sits in the whole list.' })
  readonly pageInfo: PageInfo;

  constructor(edges: BoxEdge[], pageInfo: PageInfo) {
    this.edges = edges;
    this.pageInfo = pageInfo;
  }

  @Field((_type) => [Box], { description: 'The boxes of this page, without cursors.' })
  get nodes(): Box[] {
    return this.edges.map((edge) => edge.node);
  }
}
