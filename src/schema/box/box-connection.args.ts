import { ArgsType, Field, Int } from 'type-graphql';

/** Relay-style window of Box.eventsConnection / fileEventsConnection. */
@ArgsType()
export class BoxConnectionArgs {
  @Field((_type) => Int, { nullable: true, defaultValue: 50, description: 'Page size, 1 to 500.' })
  first!: number | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'Start after this cursor (an edge cursor or endCursor from an earlier page).',
  })
  after?: string | null;
}
