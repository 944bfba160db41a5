// The per-request context: built once per GraphQL request in one function (createContext in
// gateway wiring), typed here once. Resolvers take `@Ctx() ctx: GatewayContext`.
import type { Logger } from './logger';
import type { Loaders } from './loaders/create-loaders';
import type { OperationStats } from './upstream/operation-api';
import type { BoxEventsApi } from './upstream/upstream-types';

export interface GatewayContext {
  requestId: string;
  logger: Logger;
  /**
   * The API bound to this caller's credentials. With no credentials every method rejects with
   * UnauthenticatedError without an upstream call, so resolvers never check auth themselves.
   */
  api: BoxEventsApi;
  /** Fresh per request: dedup and merging never cross callers. */
  loaders: Loaders;
  /** Counted by the operation-scoped API; logged once per operation. */
  stats: OperationStats;
}
