import { Field, ObjectType } from 'type-graphql';
import { BoxEvent } from '../event/box-event.interface';

@ObjectType('BoxEventEdge', { description: 'One event of a BoxEventConnection page.' })
export class BoxEventEdge {
  @Field({ description: 'Opaque cursor of this event; pass it as `after` to continue after it.' })
  readonly cursor: string;

  @Field((_type) => BoxEvent, { description: 'The event.' })
  readonly node: BoxEvent;

  constructor(cursor: string, node: BoxEvent) {
    this.cursor = cursor;
    this.node = node;
  }
}
