// The per-request context: built once per GraphQL request by the function createContext
// returns, typed here once. Resolvers take `@Ctx() ctx: GatewayContext`.
import {
  callerKey,
  readCredentials,
  type Credentials,
  type RequestHeaders,
} from './auth/credentials';
import { createLoaders, type LoadStats, type Loaders } from './loaders/create-loaders';
import type { Logger } from './logger';
import { bindToOperation, type OperationTrace, type Tracing } from './tracing/tracing';
import type { Realtime, SubscribeToBoxes } from './realtime/realtime';
import type { ResumeHandle } from './resume/resume-key';
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

/**
 * Reads only the credentials of the request: nothing else of it reaches the upstream. The API,
 * loaders, logger and subscribe function are built on first use: a subscription keeps its context
 * for the life of its connection and uses none of them but the last (a context costs ~5 KB of
 * heap built eagerly, measured in bench/RESULTS.md), an HTTP operation uses what its fields need.
 */
export function createContext(deps: ContextDeps) {
  return (request: {
    id: string;
    headers: RequestHeaders;
    transport?: Transport;
    /** The transport's name for a subscription, for a transparent resume (src/resume/). */
    resume?: ResumeHandle;
  }): GatewayContext =>
    new RequestContext(
      deps,
      request.id,
      request.headers,
      request.transport ?? 'http',
      request.resume,
    );
}

class RequestContext implements GatewayContext {
  readonly stats: OperationStats = { upstreamCalls: 0 };
  executor: Executor = 'none';
  readonly trace?: OperationTrace;
  readonly loadStats?: LoadStats;
  private readonly credentials: Credentials | null;
  private builtApi?: BoxEventsApi;
  private builtLoaders?: Loaders;
  private builtLogger?: Logger;

  constructor(
    private readonly deps: ContextDeps,
    readonly requestId: string,
    headers: RequestHeaders,
    private readonly transport: Transport,
    private readonly resume?: ResumeHandle,
  ) {
    this.credentials = readCredentials(headers);
    this.trace = deps.tracing?.startOperation(headers);
    if (this.trace) this.loadStats = { loads: 0, fetches: 0 };
  }

  get api(): BoxEventsApi {
    if (this.builtApi) return this.builtApi;
    const { deps, credentials } = this;
    const base = createBoxEventsApi(deps.client, credentials);
    // Refused credentials make no call at all, so there is nothing to count or cap.
    const callsUpstream = credentials !== null && credentials.kind !== 'rejected';
    const counted = callsUpstream ? forOperation(base, deps.upstreamConcurrency, this.stats) : base;
    return (this.builtApi = this.trace ? bindToOperation(counted, this.trace) : counted);
  }

  get loaders(): Loaders {
    return (this.builtLoaders ??= createLoaders(this.api, this.loadStats));
  }

  get logger(): Logger {
    return (this.builtLogger ??= this.deps.logger.child({ requestId: this.requestId }));
  }

  get subscribeToBoxes(): SubscribeToBoxes | undefined {
    return this.deps.realtime?.forCaller(
      this.credentials,
      this.requestId,
      this.transport,
      this.resume,
    );
  }

  callerKey(): string | null {
    return callerKey(this.credentials);
  }
}
