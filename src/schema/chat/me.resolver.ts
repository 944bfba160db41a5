import { Ctx, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { UpstreamProtocolError } from '../../upstream/upstream-errors';
import type { UserInfoDto } from '../../upstream/upstream-types';
import { asUuid } from '../scalars/uuid.scalar';
import { Me } from './me.type';

@Resolver((_of) => Me)
export class MeResolver {
  @Query((_returns) => Me, {
    description:
      'Who the caller is (GET /auth/userinfo). `identityId` is what boxEvents and myBoxes take.',
  })
  async me(@Ctx() ctx: GatewayContext): Promise<Me> {
    return toMe(await ctx.loaders.me());
  }
}

/** userinfo → Me, as the real client maps it: `aid` "" → null, `acr` "2" → 2. */
export function toMe(info: UserInfoDto): Me {
  const identityId = asUuid(info.mid);
  const acr = Number(info.acr);
  if (identityId === null || !Number.isInteger(acr)) {
    throw new UpstreamProtocolError('upstream userinfo has no usable mid or acr', {
      method: 'GET',
      route: '/auth/userinfo',
    });
  }
  return new Me({
    identityId,
    accountId: asUuid(info.aid),
    acr,
    email: typeof info.email === 'string' && info.email !== '' ? info.email : null,
  });
}

/** The caller's identity id, for the routes whose path or body names it (ack, settings). */
export async function callerIdentityId(ctx: GatewayContext): Promise<string> {
  return toMe(await ctx.loaders.me()).identityId;
}
