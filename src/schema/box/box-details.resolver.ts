// Box detail fields (graphql-api.md §12.1): the box view, members and accesses. Each field is
// nullable and fails on its own; the loaders make one call per box and request.
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { AccessMode } from '../access/access-mode.enum';
import { BoxEvent } from '../event/box-event.interface';
import { AccessAddedEvent } from '../event/event-types';
import { Identity } from '../event/identity.type';
import { toBoxEvents } from '../event/map-events';
import { readIdentity } from '../event/upstream-content';
import { type DateTime, DateTimeScalar, isDateTime } from '../scalars/date-time.scalar';
import { type Uuid, UUIDScalar, asUuid } from '../scalars/uuid.scalar';
import { accessModeOf, lastEventOf, mutedOf, unreadCountOf, viewOf } from './box-view';
import { Box } from './box.type';

const FROM_VIEW = 'From the box view (GET /boxes/{id}, or the myBoxes page that listed it).';

@Resolver((_of) => Box)
export class BoxDetailsResolver {
  @FieldResolver((_returns) => String, { nullable: true, description: `The title. ${FROM_VIEW}` })
  async title(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<string> {
    return (await viewOf(box, ctx)).title;
  }

  @FieldResolver((_returns) => String, { nullable: true, description: 'The box public key.' })
  async publicKey(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<string> {
    return (await viewOf(box, ctx)).public_key;
  }

  @FieldResolver((_returns) => DateTimeScalar, {
    nullable: true,
    description: 'When the box was created.',
  })
  async createdAt(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<DateTime | null> {
    const at: unknown = (await viewOf(box, ctx)).server_created_at;
    return isDateTime(at) ? at : null;
  }

  @FieldResolver((_returns) => UUIDScalar, {
    nullable: true,
    description: 'The owner organisation.',
  })
  async ownerOrgId(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<Uuid | null> {
    return asUuid((await viewOf(box, ctx)).owner_org_id);
  }

  @FieldResolver((_returns) => AccessMode, { nullable: true, description: 'Who may join.' })
  async accessMode(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<AccessMode | null> {
    return accessModeOf(await viewOf(box, ctx));
  }

  @FieldResolver((_returns) => Identity, {
    nullable: true,
    description: 'Who created the box (its admin).',
  })
  async creator(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<Identity | null> {
    return readIdentity((await viewOf(box, ctx)).creator);
  }

  @FieldResolver((_returns) => BoxEvent, {
    nullable: true,
    description: 'The newest event, folded as in lists (an edited message shows its edit).',
  })
  async lastEvent(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<BoxEvent | null> {
    return lastEventOf(await viewOf(box, ctx), ctx);
  }

  @FieldResolver((_returns) => Int, {
    nullable: true,
    description:
      "The caller's unread count (the view's events_count): 0 after markBoxRead from any device.",
  })
  async unreadCount(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<number | null> {
    return unreadCountOf(await viewOf(box, ctx));
  }

  @FieldResolver((_returns) => Boolean, {
    nullable: true,
    description: 'Whether the caller muted the box (no unread increments while muted).',
  })
  async muted(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<boolean> {
    return mutedOf(await viewOf(box, ctx));
  }

  @FieldResolver((_returns) => [Identity], {
    nullable: true,
    description: 'Current members, creator first (GET /boxes/{id}/members).',
  })
  async members(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<Identity[]> {
    const members = await ctx.loaders.members.load(box.id.toLowerCase());
    return members.map(readIdentity).filter((member) => member !== null);
  }

  @FieldResolver((_returns) => [AccessAddedEvent], {
    nullable: true,
    description: 'Admin only: the active access rules (GET /boxes/{id}/accesses).',
  })
  async accesses(@Root() box: Box, @Ctx() ctx: GatewayContext): Promise<AccessAddedEvent[]> {
    const events = toBoxEvents(ctx, await ctx.loaders.accesses.load(box.id.toLowerCase()));
    return events.filter((event) => event instanceof AccessAddedEvent);
  }
}
