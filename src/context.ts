// The per-request context: built once per GraphQL request by the function createContext
// returns, typed here once. Resolvers take `@Ctx() ctx: GatewayContext`.
import {
  callerKey,
  readCredentials,
  type Credentials,
  type RequestHeaders,
} from './auth/credentials';
import { createLoaders, type LoadStats, type Loaders } from './loaders/create-loaders';
import type { OperationPlan } from './limits/operation-plan';
import { UPDATE_BOX } from './limits/operation-plan';
import type { Logger } from './logger';
import { bindToOperation, type OperationTrace, type Tracing } from './tracing/tracing';
import type { Realtime, SubscribeToBoxes, SubscribeToMyBoxes } from './realtime/realtime';
import type { ResumeHandle } from './resume/resume-key';
import type { FairShare } from './upstream/fair-share';
import { createGatewayApi } from './upstream/gateway-api';
import { forOperation, type OperationStats } from './upstream/operation-api';
import type { UpstreamClient } from './upstream/upstream-client';
import type { GatewayApi } from './upstream/upstream-types';

export interface GatewayContext {
  requestId: string;
  /** process.hrtime.bigint() when the operation arrived: its log line's duration starts here. */
  readonly startedAt: bigint;
  logger: Logger;
  /**
   * The API bound to this caller's credentials. With no credentials every method rejects with
   * UnauthenticatedError without an upstream call, so resolvers never check auth themselves.
   */
  api: GatewayApi;
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
  /**
   * The operation's plan (src/pipeline/plan.ts): a query's loaders serve every window from the
   * calls it counted; a subscription keeps it for each update's scope.
   */
  usePlan(plan: OperationPlan): void;
  /**
   * A fresh scope for one update of a subscription about `boxId`: new loaders and statistics,
   * the same credentials, request id and transport, the subscription's plan applied to the box.
   */
  forUpdate(boxId: string): GatewayContext;
  /** Subscription.myBoxes for this caller; absent where nothing serves subscriptions. */
  subscribeToMyBoxes?: SubscribeToMyBoxes;
  /** Tells this caller's myBoxes subscriptions that a box was read (after markBoxRead). */
  announceRead?(identityId: string, boxId: string): void;
}

export type Executor = 'none' | 'graphql-js' | 'jit';

export interface ContextDeps {
  client: UpstreamClient;
  logger: Logger;
  /** Upstream calls in flight for the whole process, shared fairly between operations. */
  upstream: FairShare;
  /** The most calls one operation may have in flight (UPSTREAM_CONCURRENCY). */
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
      readCredentials(request.headers),
      request.transport ?? 'http',
      deps.tracing?.startOperation(request.headers),
      request.resume,
    );
}

class RequestContext implements GatewayContext {
  readonly stats: OperationStats;
  readonly startedAt = process.hrtime.bigint();
  executor: Executor = 'none';
  readonly trace?: OperationTrace;
  readonly loadStats?: LoadStats;
  private builtApi?: GatewayApi;
  private builtLoaders?: Loaders;
  private builtLogger?: Logger;
  private plan?: OperationPlan;

  constructor(
    private readonly deps: ContextDeps,
    readonly requestId: string,
    private readonly credentials: Credentials | null,
    private readonly transport: Transport,
    trace: OperationTrace | undefined,
    private readonly resume?: ResumeHandle,
    stats: OperationStats = { upstreamCalls: 0 },
  ) {
    this.stats = stats;
    this.trace = trace;
    if (this.trace) this.loadStats = { loads: 0, fetches: 0 };
  }

  usePlan(plan: OperationPlan): void {
    this.plan = plan;
    // A subscription's windows wait for each update's box (forUpdate); its own context keeps
    // no loaders (it lives as long as the subscription).
    if (plan.pages.size > 0 && !plan.pages.has(UPDATE_BOX)) this.loaders.expectPages(plan.pages);
  }

  forUpdate(boxId: string): GatewayContext {
    const scope = new RequestContext(
      this.deps,
      this.requestId,
      this.credentials,
      this.transport,
      undefined,
      undefined,
      addedTo(this.stats),
    );
    const windows = this.plan?.pages.get(UPDATE_BOX);
    if (windows) scope.loaders.expectPages(new Map([[boxId.toLowerCase(), windows]]));
    return scope;
  }

  get api(): GatewayApi {
    if (this.builtApi) return this.builtApi;
    const { deps, credentials } = this;
    // Refused credentials make no call at all, so there is nothing to count or share.
    const callsUpstream = credentials !== null && credentials.kind !== 'rejected';
    if (!callsUpstream) return (this.builtApi = createGatewayApi(deps.client, credentials));
    const lane = deps.upstream.lane(deps.upstreamConcurrency);
    const counted = createGatewayApi(forOperation(deps.client, lane, this.stats), credentials);
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
      this.api,
      this.resume,
      this.stats,
    );
  }

  get subscribeToMyBoxes(): SubscribeToMyBoxes | undefined {
    return this.deps.realtime?.myBoxesFor(
      this.credentials,
      this.requestId,
      this.transport,
      this.resume,
      this.stats,
    );
  }

  announceRead(identityId: string, boxId: string): void {
    this.deps.realtime?.announceRead(identityId, boxId);
  }

  callerKey(): string | null {
    return callerKey(this.credentials);
  }
}

/**
 * An update's statistics: its own, and added to its subscription's as they are counted, so the
 * subscription's `subscription ended` line has every upstream call made for it.
 */
function addedTo(subscription: OperationStats): OperationStats {
  let calls = 0;
  return {
    get upstreamCalls() {
      return calls;
    },
    set upstreamCalls(value: number) {
      subscription.upstreamCalls += value - calls;
      calls = value;
    },
  };
}
