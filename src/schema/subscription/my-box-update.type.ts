import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { type Uuid, UUIDScalar } from '../scalars/uuid.scalar';

/** Values are the GraphQL names (compiled execution serves enum values as they are). */
export enum MyBoxChange {
  NEW_EVENT = 'NEW_EVENT',
  READ = 'READ',
  SETTINGS = 'SETTINGS',
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  DELETED = 'DELETED',
  RESYNC = 'RESYNC',
}

registerEnumType(MyBoxChange, {
  name: 'MyBoxChange',
  description: "What changed in the caller's box list.",
  valuesConfig: {
    NEW_EVENT: {
      description: 'A new event in a box of the caller (lastEvent, unreadCount moved).',
    },
    READ: { description: 'The caller read the box, on any device (unreadCount is 0).' },
    SETTINGS: { description: "The caller's settings of the box changed (muted)." },
    ADDED: { description: 'The caller created or joined the box.' },
    REMOVED: { description: 'The caller left the box or was kicked from it.' },
    DELETED: { description: 'The box was deleted.' },
    RESYNC: { description: 'Updates may have been missed: refetch myBoxes.' },
  },
});

const WITHOUT_BOX: ReadonlySet<MyBoxChange> = new Set([
  MyBoxChange.REMOVED,
  MyBoxChange.DELETED,
  MyBoxChange.RESYNC,
]);

/** The nil UUID: the boxId of a RESYNC update, which concerns no box in particular. */
export const NO_BOX = '00000000-0000-0000-0000-000000000000' as Uuid;

@ObjectType('MyBoxUpdate', { description: "One change of the caller's box list." })
export class MyBoxUpdate {
  @Field((_type) => UUIDScalar, {
    description: 'The box that changed; the nil UUID on a RESYNC update.',
  })
  readonly boxId: Uuid;

  @Field((_type) => MyBoxChange, { description: 'What changed.' })
  readonly change: MyBoxChange;

  // `box` is a field resolver (my-boxes.resolver.ts): read in the update's own scope, only
  // when selected.

  @Field({ description: 'True only on a RESYNC update, sent after a gap.' })
  readonly resynced: boolean;

  constructor(boxId: Uuid, change: MyBoxChange) {
    this.boxId = boxId;
    this.change = change;
    this.resynced = change === MyBoxChange.RESYNC;
  }

  /** Whether the update carries the box as it now reads. */
  get withBox(): boolean {
    return !WITHOUT_BOX.has(this.change);
  }
}
