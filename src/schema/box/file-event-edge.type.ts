import { Field, ObjectType } from 'type-graphql';
import { FileMessageEvent } from '../event/event-types';

@ObjectType('FileEventEdge', { description: 'One file message of a FileEventConnection page.' })
export class FileEventEdge {
  @Field({ description: 'Opaque cursor of this event; pass it as `after` to continue after it.' })
  readonly cursor: string;

  @Field((_type) => FileMessageEvent, { description: 'The file message event.' })
  readonly node: FileMessageEvent;

  constructor(cursor: string, node: FileMessageEvent) {
    this.cursor = cursor;
    this.node = node;
  }
}
