import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', { description: 'Where a connection page sits in the whole list.' })
export class PageInfo {
  @Field({ description: 'Whether events exist after this page (known without a count).' })
  readonly hasNextPage: boolean;

  @Field({ description: 'Whether this page starts after the first event.' })
  readonly hasPreviousPage: boolean;

  @Field((_type) => String, {
    nullable: true,
    description: 'Cursor of the first edge; null when empty.',
  })
  readonly startCursor: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'Cursor of the last edge; null when empty.',
  })
  readonly endCursor: string | null;

  constructor(info: PageInfo) {
    this.hasNextPage = info.hasNextPage;
    this.hasPreviousPage = info.hasPreviousPage;
    this.startCursor = info.startCursor;
    this.endCursor = info.endCursor;
  }
}
