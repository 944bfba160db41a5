// Configuration is parsed once, at the process edge, into a frozen Config. loadConfig is pure:
// it reads only the env object it is given. Every default is written here and nowhere else;
// the README's configuration table mirrors this file.
import { availableParallelism } from 'node:os';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

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
  /** Upstream calls in flight at once for one operation. @default 16 */
  upstreamConcurrency: number;
}

export interface Config {
  /**
   * The box-events API base URL; undefined = main.ts starts the embedded emulator, which
   * NODE_ENV=production refuses unless EMBEDDED_EMULATOR=true.
   */
  upstreamUrl: string | undefined;
  /** @default 4000 */
  port: number;
  /** @default '0.0.0.0' */
  host: string;
  /** Deadline of one upstream call, retries included. @default 10000 */
  upstreamTimeoutMs: number;
  /** Keep-alive pool size. @default 64 */
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
  /** Introspection and field suggestions. @default true, false when NODE_ENV=production */
  introspection: boolean;
  /** How long SIGTERM waits for in-flight operations. @default 10000 */
  shutdownGraceMs: number;
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

/** Subscriptions and the upstream's realtime socket (graphql-api.md §10). */
export interface RealtimeSettings {
  /** Base of the upstream socket (`/box-users/{id}/ws`). @default UPSTREAM_URL with ws(s):// */
  upstreamWsUrl: string | undefined;
  /** Browser origins allowed to open a cookie-authenticated WebSocket or SSE stream. @default [] */
  allowedOrigins: string[];
  /** Active subscriptions on one client WebSocket. @default 20 */
  maxSubscriptionsPerConnection: number;
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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses and validates; throws ConfigError with one line per bad variable. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const int = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      problems.push(`${name}=${JSON.stringify(raw)} is invalid: expected an integer ${range}`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name}=${JSON.stringify(raw)} is invalid: expected true or false`);
    return fallback;
  };

  const upstreamUrl = read('UPSTREAM_URL');
  if (upstreamUrl !== undefined && !isHttpUrl(upstreamUrl)) {
    problems.push(
      `UPSTREAM_URL=${JSON.stringify(upstreamUrl)} is invalid: expected an http(s) URL`,
    );
  }
  const logLevel = read('LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(
      `LOG_LEVEL=${JSON.stringify(logLevel)} is invalid: expected one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  const production = read('NODE_ENV') === 'production';
  // Demo tokens are public and the emulator keeps writes in memory: a production process that
  // lost its UPSTREAM_URL must not come up green serving them.
  const embeddedEmulator = bool('EMBEDDED_EMULATOR', !production);
  if (upstreamUrl === undefined && !embeddedEmulator) {
    problems.push(
      production && read('EMBEDDED_EMULATOR') === undefined
        ? 'UPSTREAM_URL is not set: NODE_ENV=production does not start the embedded emulator (set UPSTREAM_URL, or EMBEDDED_EMULATOR=true for demo data)'
        : 'UPSTREAM_URL is not set and EMBEDDED_EMULATOR=false: there is no upstream to serve',
    );
  }
  const upstreamConnections = int('UPSTREAM_CONNECTIONS', 64, 1);
  const persistedPath = read('PERSISTED_DOCUMENTS');
  const persistedOnly = bool('PERSISTED_DOCUMENTS_ONLY', false);
  if (persistedOnly && persistedPath === undefined) {
    problems.push(
      'PERSISTED_DOCUMENTS_ONLY=true needs PERSISTED_DOCUMENTS (the manifest path): without it every operation would be refused',
    );
  }
  const workersRaw = read('WORKERS') ?? '1';
  const workers = workersRaw === 'auto' ? availableParallelism() : Number(workersRaw);
  if (workersRaw !== 'auto' && !(/^\d+$/.test(workersRaw) && workers >= 1 && workers <= 256)) {
    problems.push(
      `WORKERS=${JSON.stringify(workersRaw)} is invalid: expected auto or an integer from 1 to 256`,
    );
  }
  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^/]/.test(redisUrl)) {
    problems.push(`REDIS_URL=${JSON.stringify(redisUrl)} is invalid: expected a redis:// URL`);
  }
  const upstreamWsUrl = read('UPSTREAM_WS_URL');
  if (upstreamWsUrl !== undefined && !isUrl(upstreamWsUrl, ['ws:', 'wss:'])) {
    problems.push(
      `UPSTREAM_WS_URL=${JSON.stringify(upstreamWsUrl)} is invalid: expected a ws(s) URL`,
    );
  }
  const allowedOrigins = (read('ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of allowedOrigins) {
    if (!isUrl(origin, ['http:', 'https:']) || new URL(origin).origin !== origin) {
      problems.push(
        `ALLOWED_ORIGINS=${JSON.stringify(read('ALLOWED_ORIGINS'))} is invalid: ${JSON.stringify(origin)} is not an origin like https://app.example.com`,
      );
    }
  }

  const config: Config = {
    upstreamUrl: upstreamUrl?.replace(/\/+$/, ''),
    port: int('PORT', 4000, 0, 65535),
    host: read('HOST') ?? '0.0.0.0',
    upstreamTimeoutMs: int('UPSTREAM_TIMEOUT_MS', 10_000, 1),
    upstreamConnections,
    upstreamRetries: int('UPSTREAM_RETRIES', 2, 0, 10),
    upstreamMaxPending: int('UPSTREAM_MAX_PENDING', upstreamConnections * 16, 1),
    upstreamRetryMinDelayMs: int('UPSTREAM_RETRY_MIN_DELAY_MS', 50, 0),
    circuitFailures: int('CIRCUIT_FAILURES', 5, 1),
    circuitResetMs: int('CIRCUIT_RESET_MS', 5_000, 1),
    logLevel: logLevel as LogLevel,
    introspection: bool('INTROSPECTION', !production),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10_000, 0),
    graphqlJit: bool('GRAPHQL_JIT', true),
    graphqlJitAfter: int('GRAPHQL_JIT_AFTER', 2, 1),
    graphqlJitMaxFields: int('GRAPHQL_JIT_MAX_FIELDS', 1000, 1),
    graphqlJitCacheSize: int('GRAPHQL_JIT_CACHE_SIZE', 500, 1),
    ide: bool('IDE', !production),
    persistedDocuments:
      persistedPath === undefined ? undefined : { path: persistedPath, only: persistedOnly },
    limits: {
      maxDepth: int('MAX_DEPTH', 12, 1),
      maxAliases: int('MAX_ALIASES', 30, 0),
      maxTokens: int('MAX_TOKENS', 3000, 1),
      maxBodyBytes: int('MAX_BODY_BYTES', 1_048_576, 1),
      maxMutations: int('MAX_MUTATIONS', 10, 1),
      maxUpstreamCalls: int('MAX_UPSTREAM_CALLS', 200, 1),
      upstreamConcurrency: int('UPSTREAM_CONCURRENCY', 16, 1),
    },
    workers,
    redisUrl,
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 0, 0),
    tracing: readTracing(read, problems),
    realtime: {
      upstreamWsUrl: upstreamWsUrl?.replace(/\/+$/, ''),
      allowedOrigins,
      maxSubscriptionsPerConnection: int('MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1),
      maxUpstreamSockets: int('MAX_UPSTREAM_SOCKETS', 2000, 1),
      subscriberBuffer: int('SUBSCRIBER_BUFFER', 256, 1),
      socketLingerMs: int('UPSTREAM_SOCKET_LINGER_MS', 2000, 0, 5000),
      reconnectBaseMs: int('UPSTREAM_WS_RECONNECT_MS', 250, 1),
      reconnectMaxMs: int('UPSTREAM_WS_RECONNECT_MAX_MS', 10_000, 1),
      credentialCheckMs: int('CREDENTIAL_CHECK_MS', 60_000, 100),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/** The transport's settings (createUpstreamClient requires every one: their defaults are here). */
export function transportOptions(config: Config) {
  return {
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
    retries: config.upstreamRetries,
    retryMinDelayMs: config.upstreamRetryMinDelayMs,
    maxPending: config.upstreamMaxPending,
    circuitFailures: config.circuitFailures,
    circuitResetMs: config.circuitResetMs,
  };
}

/** The standard OTEL_* variables this gateway honours (the exporter reads the others itself). */
function readTracing(
  read: (name: string) => string | undefined,
  problems: string[],
): TracingConfig | undefined {
  const signal = read('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = read('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (read('OTEL_SDK_DISABLED') === 'true' || (signal ?? base) === undefined) return undefined;
  const tracesUrl = signal ?? `${base!.replace(/\/+$/, '')}/v1/traces`;
  const name = signal ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  if (!isHttpUrl(tracesUrl)) {
    problems.push(`${name}=${JSON.stringify(signal ?? base)} is invalid: expected an http(s) URL`);
  }
  const protocolName = read('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = read(protocolName) ?? 'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    problems.push(
      `${protocolName}=${JSON.stringify(protocol)} is invalid: expected http/protobuf or http/json (grpc is not supported)`,
    );
  }
  return {
    tracesUrl,
    protocol: protocol as TracingConfig['protocol'],
    serviceName: read('OTEL_SERVICE_NAME') ?? 'box-events-gateway',
  };
}

function isHttpUrl(value: string): boolean {
  return isUrl(value, ['http:', 'https:']);
}

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value))
    if (child && typeof child === 'object') deepFreeze(child);
  return Object.freeze(value);
}
