// The shape of the configuration: every setting with its default (`@default`), as loadConfig
// (config/index.ts) fills it. docs/configuration.md documents each variable (a test checks it).

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Limits {
  /** Deepest selection nesting. @default 12 */
  maxDepth: number;
  /** Aliases per operation. @default 30 */
  maxAliases: number;
  /** Lexical tokens per document. @default 3000 */
  maxTokens: number;
  /** Request body size in bytes. @default 1048576 (1 MiB) */
  maxBodyBytes: number;
  /** Mutation root fields per operation. @default 10 */
  maxMutations: number;
  /** Upstream calls one operation may need, estimated before execution. @default 200 */
  maxUpstreamCalls: number;
  /**
   * Upstream calls one operation may have in flight. The pool (upstreamConnections) bounds the
   * whole process and is shared fairly, so this is only a tighter cap per operation.
   * @default upstreamConnections
   */
  upstreamConcurrency: number;
  /**
   * The most time to receive one whole request, headers and body; past it Node answers 408
   * and closes the connection, so a body trickled a byte at a time cannot hold it. Streams
   * are not cut: it ends when the request is received, before the response. @default 30000
   */
  requestTimeoutMs: number;
  /** Deepest nesting of arrays and objects in `variables` and `extensions`. @default 32 */
  maxVariablesDepth: number;
}

/** Bounds of the process-wide caches (src/pipeline/): each counted in bytes or items. */
export interface CacheBounds {
  /** Parsed and validated documents, counted by source text and AST size. @default 16777216 (16 MiB) */
  documentCacheBytes: number;
  /** Operation plans, counted by key (document, operation, variables) and plan size. @default 8388608 (8 MiB) */
  planCacheBytes: number;
  /** Automatic persisted queries kept in memory (without REDIS_URL), by query length. @default 8388608 (8 MiB) */
  apqCacheBytes: number;
  /** Callers whose rate-limit count the in-memory store keeps per window. @default 100000 */
  rateLimitCallers: number;
}

export interface Config {
  /**
   * The box-events API base URL; undefined = src/process/ starts the embedded emulator, which
   * NODE_ENV=production refuses unless EMBEDDED_EMULATOR=true.
   */
  upstreamUrl: string | undefined;
  /** @default 4000 */
  port: number;
  /** @default '0.0.0.0' */
  host: string;
  /** Deadline of one upstream call, retries included. @default 10000 */
  upstreamTimeoutMs: number;
  /**
   * The largest file uploadFile accepts (graphql-api.md §12.2), never above the upstream's
   * 126 MiB. @default 33554432 (32 MiB)
   */
  maxUploadBytes: number;
  /** Keep-alive pool size, and the upstream calls the process has in flight at once. @default 256 */
  upstreamConnections: number;
  /** Retries of GET/HEAD on connection errors and 502/503/504. @default 2 */
  upstreamRetries: number;
  /** Upstream calls queued or in flight before new ones fail fast. @default upstreamConnections × 16 */
  upstreamMaxPending: number;
  /** First retry backoff, doubled each retry, with jitter. @default 50 */
  upstreamRetryMinDelayMs: number;
  /** Consecutive upstream failures that open the circuit. @default 5 */
  circuitFailures: number;
  /** How long an open circuit waits before letting one probe through. @default 5000 */
  circuitResetMs: number;
  /** @default 'info' */
  logLevel: LogLevel;
  /**
   * How long one upstream answer to /readyz is reused; concurrent probes share one call.
   * 0 = every probe asks (still coalesced while one is in flight). @default 1000
   */
  readyzCacheMs: number;
  /** Introspection and field suggestions. @default true, false when NODE_ENV=production */
  introspection: boolean;
  /** Former name of shutdownTimeoutMs (SHUTDOWN_GRACE_MS), its default. @default 10000 */
  shutdownGraceMs: number;
  /** After SIGTERM, how long /readyz answers 503 while the process still serves. @default 5000 */
  drainDelayMs: number;
  /** After the drain delay, the most in-flight operations get before the process exits anyway. @default SHUTDOWN_GRACE_MS, else 10000 */
  shutdownTimeoutMs: number;
  /** Queries run compiled by graphql-jit (src/execution/executor-plugin.ts). @default true */
  graphqlJit: boolean;
  /** The run of a query that compiles it; earlier runs use graphql-js (1 = at once). @default 2 */
  graphqlJitAfter: number;
  /** Largest query compiled, in fields as graphql-jit expands them. @default 1000 (~100 ms to compile) */
  graphqlJitMaxFields: number;
  /** Compiled queries kept, least recently used dropped first. @default 500 */
  graphqlJitCacheSize: number;
  /** The GraphiQL IDE at GET /graphql for browsers (src/http/ide/). @default true, false when NODE_ENV=production */
  ide: boolean;
  /** Trusted documents (src/persisted/); undefined = none. */
  persistedDocuments: PersistedDocumentsConfig | undefined;
  limits: Limits;
  caches: CacheBounds;
  /** Processes serving one port (node:cluster; `auto` = one per core); 1 = no cluster. @default 1 */
  workers: number;
  /** Shared state of replicas (APQ store, rate-limit counters); undefined = in memory. */
  redisUrl: string | undefined;
  /** Operations one credential may start per minute, across replicas sharing Redis; 0 = off. @default 0 */
  rateLimitPerMinute: number;
  /** OpenTelemetry export; undefined = tracing off, nothing of it loaded. */
  tracing: TracingConfig | undefined;
  realtime: RealtimeSettings;
}

export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. */
  tracesUrl: string;
  /** @default 'http/protobuf' (the OTLP spec's default) */
  protocol: 'http/protobuf' | 'http/json';
  /** @default 'box-events-gateway' */
  serviceName: string;
}

export interface PersistedDocumentsConfig {
  /** Path of the manifest `{ "<id>": "<document>" }` graphql-codegen's client preset writes. */
  path: string;
  /** Refuse every document that is not in the manifest. @default false */
  only: boolean;
}

/** Subscriptions and the upstream's realtime socket (docs/realtime.md). */
export interface RealtimeSettings {
  /** Base of the upstream socket (`/box-users/{id}/ws`). @default UPSTREAM_URL with ws(s):// */
  upstreamWsUrl: string | undefined;
  /** Browser origins allowed to open a cookie-authenticated WebSocket or SSE stream. @default [] */
  allowedOrigins: string[];
  /** Active subscriptions on one client WebSocket. @default 20 */
  maxSubscriptionsPerConnection: number;
  /** Active subscriptions (WebSocket and SSE) of one credential in this process. @default 100 */
  maxStreamsPerCredential: number;
  /** Active subscriptions (WebSocket and SSE) in this process. @default 10000 */
  maxStreams: number;
  /** Upstream sockets this process may hold open (one per credential and identity). @default 2000 */
  maxUpstreamSockets: number;
  /** Updates queued for one subscriber that is not reading before it fails with SLOW_CONSUMER. @default 256 */
  subscriberBuffer: number;
  /** How long an unused upstream socket stays open for a returning subscriber. @default 2000 (< 5 s) */
  socketLingerMs: number;
  /** First reconnect delay; doubled per failed attempt, full jitter. @default 250 */
  reconnectBaseMs: number;
  /** Longest reconnect delay. @default 10000 */
  reconnectMaxMs: number;
  /** Period of the cheap REST call that re-checks each upstream socket's token. @default 60000 */
  credentialCheckMs: number;
  resume: ResumeSettings;
}

/** Transparent resume of subscriptions (graphql-api.md §10.1). */
export interface ResumeSettings {
  /** How long an ended subscription's positions are kept; 0 = transparent resume off. @default 120 */
  windowS: number;
  /** The most a stored position may lag behind what was delivered. @default 1000 */
  flushMs: number;
  /** Positions kept in process memory in all (least recently written evicted first). @default 100000 */
  maxEntries: number;
  /** Positions kept for one credential. @default 100 */
  maxPerCaller: number;
}
