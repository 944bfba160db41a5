import { type ClassType, Field, InterfaceType } from 'type-graphql';
import { Box } from '../box/box.type';
import { type DateTime, DateTimeScalar } from '../scalars/date-time.scalar';
import { type Uuid, UUIDScalar } from '../scalars/uuid.scalar';
import { Identity } from './identity.type';

/** What every upstream event has (docs/upstream.md#events), already camelCased. */
export interface BoxEventBase {
  id: Uuid;
  type: string;
  boxId: Uuid;
  serverEventCreatedAt: DateTime;
  sender: Identity;
  referrerId: Uuid | null;
}

// resolveType goes by the instance's class, looked up in this registry, never by class or type
// names. The registry is filled by event-types/index.ts (importing the classes here would be
// an import cycle: each of them extends BoxEvent).
const implementations = new Set<ClassType>();

export function registerBoxEventClasses(classes: readonly ClassType[]): void {
  for (const cls of classes) implementations.add(cls);
}

export function resolveBoxEventClass(value: unknown): ClassType {
  const cls = (value as { constructor?: unknown } | null)?.constructor as ClassType | undefined;
  if (cls && implementations.has(cls)) return cls;
  throw new Error(`BoxEvent value is not an instance of a registered event class (${cls?.name})`);
}

@InterfaceType('BoxEvent', {
  description:
    'Something that happened in a box. The concrete type is chosen by the upstream `type` string alone; unknown strings become UnknownBoxEvent.',
  resolveType: resolveBoxEventClass,
})
export abstract class BoxEvent {
  @Field((_type) => UUIDScalar, { description: 'The event id.' })
  readonly id: Uuid;

  @Field({
    description: 'The upstream type string, e.g. "msg.text"; unknown types pass through here.',
  })
  readonly type: string;

  @Field((_type) => UUIDScalar, { description: 'The id of the box the event belongs to.' })
  readonly boxId: Uuid;

  @Field((_type) => DateTimeScalar, {
    description: 'When the upstream recorded the event, exactly as it wrote it.',
  })
  readonly serverEventCreatedAt: DateTime;

  @Field((_type) => Identity, {
    description: 'Who caused the event (for a kick: the kicked member).',
  })
  readonly sender: Identity;

  @Field((_type) => UUIDScalar, {
    nullable: true,
    description:
      'The event this one refers to (the edited or deleted message, the join a leave ends, …).',
  })
  readonly referrerId: Uuid | null;

  constructor(base: BoxEventBase) {
    this.id = base.id;
    this.type = base.type;
    this.boxId = base.boxId;
    this.serverEventCreatedAt = base.serverEventCreatedAt;
    this.sender = base.sender;
    this.referrerId = base.referrerId;
  }

  /** The same lazy Box as Query.box(id: boxId): no upstream call until one of its fields is asked. */
  @Field((_type) => Box, {
    description: 'The box the event belongs to (the same lazy Box as Query.box).',
  })
  get box(): Box {
    return new Box(this.boxId);
  }
}
