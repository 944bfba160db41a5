// Configuration is parsed once, at the process edge, into a frozen Config. loadConfig is pure:
// it reads only the env object it is given. Every default is written in this folder and nowhere
// else: here, or in read-tracing.ts for the OTEL_* variables; config-types.ts documents each one
// (`@default`) and docs/configuration.md documents them (test/docs/configuration.test.ts).
import { availableParallelism } from 'node:os';
import { LOG_LEVELS, type Config, type LogLevel } from './config-types';
import { ConfigError, deepFreeze, envReader, isHttpUrl, isUrl, type Env } from './env-reader';
import { readTracing } from './read-tracing';

export type * from './config-types';
export { ConfigError } from './env-reader';

/** Parses and validates; throws ConfigError with one line per bad variable. */
/** The upstream's own limit on one file: 126 MiB (upstream-api.md §13.7). */
export const UPSTREAM_MAX_UPLOAD_BYTES = 126 * 1024 * 1024;

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const { read, int, bool } = envReader(env, problems);

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
  // 256: every call of four 60-call dashboards in flight at once (bench (b) at 20 ms upstream
  // latency: p50 2.2 × direct REST's with 256, 3.0 × with 64, 2.4 × with 1024, one run on a
  // loaded machine, bench/RESULTS.md 2026-12-08), while one process never has more than 256
  // calls at the upstream. Larger buys nothing once the gateway's CPU is the limit, and undici's
  // Pool looks for a free connection by a scan over all of them (3 % of (b)'s profile at 1024).
  const upstreamConnections = int('UPSTREAM_CONNECTIONS', 256, 1);
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

  const shutdownGraceMs = int('SHUTDOWN_GRACE_MS', 10_000, 0);

  const config: Config = {
    upstreamUrl: upstreamUrl?.replace(/(?<!\/)\/+$/, ''),
    port: int('PORT', 4000, 0, 65535),
    host: read('HOST') ?? '0.0.0.0',
    upstreamTimeoutMs: int('UPSTREAM_TIMEOUT_MS', 10_000, 1),
    maxUploadBytes: int('MAX_UPLOAD_BYTES', 32 * 1024 * 1024, 1, UPSTREAM_MAX_UPLOAD_BYTES),
    upstreamConnections,
    upstreamRetries: int('UPSTREAM_RETRIES', 2, 0, 10),
    upstreamMaxPending: int('UPSTREAM_MAX_PENDING', upstreamConnections * 16, 1),
    upstreamRetryMinDelayMs: int('UPSTREAM_RETRY_MIN_DELAY_MS', 50, 0),
    circuitFailures: int('CIRCUIT_FAILURES', 5, 1),
    circuitResetMs: int('CIRCUIT_RESET_MS', 5_000, 1),
    logLevel: logLevel as LogLevel,
    readyzCacheMs: int('READYZ_CACHE_MS', 1000, 0, 60_000),
    introspection: bool('INTROSPECTION', !production),
    shutdownGraceMs,
    drainDelayMs: int('DRAIN_DELAY_MS', 5_000, 0, 600_000),
    // SHUTDOWN_GRACE_MS was its name before the drain delay existed: still read, as its default.
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', shutdownGraceMs, 0, 600_000),
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
      upstreamConcurrency: int('UPSTREAM_CONCURRENCY', upstreamConnections, 1),
      requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30_000, 100),
      maxVariablesDepth: int('MAX_VARIABLES_DEPTH', 32, 1, 1000),
    },
    caches: {
      documentCacheBytes: int('DOCUMENT_CACHE_BYTES', 16 * 1024 * 1024, 1024),
      planCacheBytes: int('PLAN_CACHE_BYTES', 8 * 1024 * 1024, 1024),
      apqCacheBytes: int('APQ_CACHE_BYTES', 8 * 1024 * 1024, 1024),
      rateLimitCallers: int('RATE_LIMIT_CALLERS', 100_000, 1),
    },
    workers,
    redisUrl,
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 0, 0),
    tracing: readTracing(read, problems),
    realtime: {
      upstreamWsUrl: upstreamWsUrl?.replace(/(?<!\/)\/+$/, ''),
      allowedOrigins,
      maxSubscriptionsPerConnection: int('MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1),
      maxStreamsPerCredential: int('MAX_STREAMS_PER_CREDENTIAL', 100, 1),
      maxStreams: int('MAX_STREAMS', 10_000, 1),
      maxUpstreamSockets: int('MAX_UPSTREAM_SOCKETS', 2000, 1),
      subscriberBuffer: int('SUBSCRIBER_BUFFER', 256, 1),
      socketLingerMs: int('UPSTREAM_SOCKET_LINGER_MS', 2000, 0, 5000),
      reconnectBaseMs: int('UPSTREAM_WS_RECONNECT_MS', 250, 1),
      reconnectMaxMs: int('UPSTREAM_WS_RECONNECT_MAX_MS', 10_000, 1),
      credentialCheckMs: int('CREDENTIAL_CHECK_MS', 60_000, 100),
      resume: {
        windowS: int('RESUME_WINDOW_S', 120, 0, 86_400),
        flushMs: int('RESUME_FLUSH_MS', 1_000, 10, 60_000),
        maxEntries: int('RESUME_MAX_ENTRIES', 100_000, 1),
        maxPerCaller: int('RESUME_MAX_PER_CALLER', 100, 1),
      },
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
