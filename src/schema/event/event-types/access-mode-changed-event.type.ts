import { Field, ObjectType } from 'type-graphql';
import { AccessMode } from '../../access/access-mode.enum';
import { BoxEvent, type BoxEventBase } from '../box-event.interface';

@ObjectType('AccessModeChangedEvent', {
  implements: BoxEvent,
  description: 'The admin changed who may join the box ("state.access_mode").',
})
export class AccessModeChangedEvent extends BoxEvent {
  @Field((_type) => AccessMode, { description: 'The new access mode.' })
  readonly accessMode: AccessMode;

  constructor(base: BoxEventBase, accessMode: AccessMode) {
    super(base);
    this.accessMode = accessMode;
  }
}
