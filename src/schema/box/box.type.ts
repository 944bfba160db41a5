import { Field, ObjectType } from 'type-graphql';
import type { BoxViewDto } from '../../upstream/upstream-types';
import { type Uuid, UUIDScalar } from '../scalars/uuid.scalar';

/**
 * A box (a conversation). Lazy: only the id is known up front, every list and count is a field
 * resolver that makes its own upstream call and fails on its own (box.resolver.ts).
 */
@ObjectType('Box', {
  description:
    'A box (an end-to-end-encrypted conversation). Only its id is known up front: every list and count below is fetched lazily and fails on its own.',
})
export class Box {
  @Field((_type) => UUIDScalar, { description: 'The box id.' })
  readonly id: Uuid;

  /**
   * Not a GraphQL field: the box view when the box came with one (a myBoxes page, createBox, a
   * myBoxes update), so its detail fields need no GET /boxes/:id (box-details.resolver.ts).
   */
  readonly view?: BoxViewDto;

  constructor(id: Uuid, view?: BoxViewDto) {
    this.id = id;
    if (view) this.view = view;
  }
}
