// The per-request context: built once per GraphQL request by the function createContext
// returns, typed here once. Resolvers take `@Ctx() ctx: GatewayContext`.
import { callerKey, readCredentials, type RequestHeaders } from './auth/credentials';
import { createLoaders, type LoadStats, type Loaders } from './loaders/create-loaders';
import type { Logger } from './logger';
import { bindToOperation, type OperationTrace, type Tracing } from './tracing/tracing';
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
  /**
   * What executed the operation, set by execution/executor-plugin.ts when execution starts:
   * 'none' for one refused before (parse, validation, limits).
   */
  executor: Executor;
  /** A hash of the caller's credential (never the token), null without usable ones; computed on demand. */
  callerKey(): string | null;
  /** This operation's span; undefined with tracing off. */
  trace?: OperationTrace;
  /** What the loaders were asked and fetched; counted only with tracing on. */
  loadStats?: LoadStats;
  /** Subscription.boxEvents for this caller (src/realtime/); absent where nothing serves them. */
  subscribeToBoxes?: SubscribeToBoxes;
}

export type Executor = 'none' | 'graphql-js' | 'jit';

export interface ContextDeps {
  client: UpstreamClient;
  logger: Logger;
  /** Upstream calls in flight at once for one operation. */
  upstreamConcurrency: number;
  /** Set only when tracing is on. */
  tracing?: Tracing;
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
    const counted = callsUpstream ? forOperation(base, deps.upstreamConcurrency, stats) : base;
    const trace = deps.tracing?.startOperation(request.headers);
    const api = trace ? bindToOperation(counted, trace) : counted;
    const loadStats = trace ? { loads: 0, fetches: 0 } : undefined;
    const logger = deps.logger.child({ requestId: request.id });
    return {
      requestId: request.id,
      logger,
      api,
      loaders: createLoaders(api, loadStats),
      stats,
      executor: 'none',
      callerKey: () => callerKey(credentials),
      trace,
      loadStats,
      subscribeToBoxes: deps.realtime?.forCaller(credentials, logger, request.transport ?? 'http'),
    };
  };
}
