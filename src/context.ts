// The per-request context: built once per GraphQL request by the function createContext
// returns, typed here once. Resolvers take `@Ctx() ctx: GatewayContext`.
import { readCredentials, type RequestHeaders } from './auth/credentials';
import { createLoaders, type Loaders } from './loaders/create-loaders';
import type { Logger } from './logger';
import type { Realtime, SubscribeToBoxes } from './realtime/realtime';
import { createBoxEventsApi } from './upstream/box-events-api';
import { forOperation, type OperationStats } from './upstream/operation-api';
import type { UpstreamClient } from './upstream/upstream-client';
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
  /** Subscription.boxEvents for this caller (src/realtime/); absent where nothing serves them. */
  subscribeToBoxes?: SubscribeToBoxes;
}

export interface ContextDeps {
  client: UpstreamClient;
  logger: Logger;
  /** Upstream calls in flight at once for one operation. */
  upstreamConcurrency: number;
  /** Absent where nothing serves subscriptions (HTTP-only unit setups). */
  realtime?: Realtime;
}

/** The transport a request came by: labels the subscription metrics and log lines. */
export type Transport = 'http' | 'ws' | 'sse';

/** Reads only the credentials of the request: nothing else of it reaches the upstream. */
export function createContext(deps: ContextDeps) {
  return (request: {
    id: string;
    headers: RequestHeaders;
    transport?: Transport;
  }): GatewayContext => {
    const credentials = readCredentials(request.headers);
    const stats: OperationStats = { upstreamCalls: 0 };
    const base = createBoxEventsApi(deps.client, credentials);
    // Refused credentials make no call at all, so there is nothing to count or cap.
    const callsUpstream = credentials !== null && credentials.kind !== 'rejected';
    const api = callsUpstream ? forOperation(base, deps.upstreamConcurrency, stats) : base;
    const logger = deps.logger.child({ requestId: request.id });
    return {
      requestId: request.id,
      logger,
      api,
      loaders: createLoaders(api),
      stats,
      subscribeToBoxes: deps.realtime?.forCaller(credentials, logger, request.transport ?? 'http'),
    };
  };
}
