import { ArgsType, Field, Int } from 'type-graphql';

/** Offset/limit window of Box.events and Box.fileEvents; bounds are checked in arguments.ts. */
@ArgsType()
export class BoxPageArgs {
  @Field((_type) => Int, {
    nullable: true,
    defaultValue: 0,
    description: 'Number of events to skip (newest first), 0 or more.',
  })
  offset!: number | null;

  @Field((_type) => Int, {
    nullable: true,
    defaultValue: 500,
    description: 'Page size, 1 to 500.',
  })
  limit!: number | null;
}
