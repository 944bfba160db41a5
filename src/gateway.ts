// Composition root: builds everything from a Config and returns { url, close }. It never reads
// process.env and never installs signal handlers (main.ts does); tests call it with port 0.
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';
import type { Registry } from 'prom-client';
import { randomUUID } from 'node:crypto';
import { transportOptions, type Config } from './config';
import { createContext, type GatewayContext } from './context';
import { createFormatError } from './errors/format-error';
import { withExecutorPlugin } from './execution/executor-plugin';
import { createStreamOperations } from './execution/stream-operations';
import { registerCookieCsrfGuard } from './http/csrf-guard';
import { registerHttpErrorHandlers } from './http/error-handler';
import { attachGraphqlWs } from './http/graphql-ws-server';
import { registerGraphqlSse } from './http/graphql-sse-route';
import { legacyJsonStatusPlugin } from './http/legacy-json-status-plugin';
import type { IdeTab } from './http/ide/ide-page';
import { registerIde } from './http/ide/register-ide';
import { registerProbes, type MetricsSource } from './http/probes';
import { createOperationArmor } from './limits/armor';
import { operationLimitsPlugin } from './limits/operation-limits-plugin';
import { rateLimitPlugin } from './limits/rate-limit-plugin';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './observability/metrics';
import { loadManifest } from './persisted/manifest';
import { persistedDocumentsPlugin } from './persisted/persisted-documents-plugin';
import { operationPlugin } from './observability/operation-plugin';
import { observeUpstream } from './observability/upstream-observer';
import { createRealtime } from './realtime/realtime';
import { createPositions } from './resume/create-positions';
import { buildGatewaySchema } from './schema/build-schema';
import { redisApqCache } from './shared-state/redis-apq-cache';
import { createRedisConnection } from './shared-state/redis-connection';
import { memoryRateLimitStore, redisRateLimitStore } from './shared-state/rate-limit-store';
import { loadTracing } from './tracing/tracing';
import { createUpstreamClient } from './upstream/upstream-client';

export interface GatewayOverrides {
  /** Log destination for tests; defaults to a pino logger at config.logLevel on stdout. */
  logger?: Logger;
  /**
   * What GET /metrics serves, given this gateway's own registry: a cluster worker contributes
   * it to the primary's aggregation and answers with every worker's sum. @default the registry
   */
  metricsSource?: (own: Registry) => MetricsSource;
}

/** A Config whose upstream is decided: main.ts fills it from UPSTREAM_URL or an emulator. */
export type GatewayConfig = Config & {
  upstreamUrl: string;
  /** The tab the IDE opens on: main.ts passes the demo one when it started the emulator. */
  ideTab?: IdeTab;
};

export interface Gateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  /** SIGTERM: /readyz answers 503 from now on, while everything else still serves. */
  drain(): void;
  close(): Promise<void>;
}

export async function createGateway(
  config: GatewayConfig,
  overrides: GatewayOverrides = {},
): Promise<Gateway> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const schema = buildGatewaySchema();
  // First, before anything is opened: a manifest that no longer validates stops start-up.
  const trusted = config.persistedDocuments && {
    manifest: await loadManifest(config.persistedDocuments.path, schema),
    only: config.persistedDocuments.only,
  };
  if (trusted) {
    logger.info(
      { documents: trusted.manifest.size, only: trusted.only },
      'trusted documents loaded',
    );
  }

  const metrics = createMetrics();
  const tracing = config.tracing ? loadTracing(config.tracing) : undefined;
  // What replicas share; without REDIS_URL, Apollo's in-memory APQ cache and in-memory counters.
  const redis = config.redisUrl
    ? createRedisConnection(config.redisUrl, { logger, registry: metrics.registry })
    : undefined;
  const client = createUpstreamClient({
    origin: config.upstreamUrl,
    ...transportOptions(config),
    ...observeUpstream(metrics, logger, tracing),
  });

  const app = Fastify({
    bodyLimit: config.limits.maxBodyBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  const httpErrors = {
    logger,
    maxBodyBytes: config.limits.maxBodyBytes,
    onError: (code: string) => metrics.errors.inc({ code }),
  };
  registerHttpErrorHandlers(app, httpErrors);
  registerCookieCsrfGuard(app, { ...httpErrors, graphqlPath: '/graphql' });
  // Set by close(): a response finished while draining closes its keep-alive connection, else
  // the connection of an operation in flight at SIGTERM holds server.close() open (72 s idle).
  let draining = false;
  // Set by drain(): only readiness changes, so a load balancer moves new connections away first.
  let leaving = false;
  // Callback-style hooks (here and in http/csrf-guard.ts) run on every request: an async one
  // costs Fastify a promise and a microtask turn for nothing asynchronous.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });

  const armor = createOperationArmor(config.limits, { hideSuggestions: !config.introspection });
  const formatError = createFormatError(logger);
  const jit = config.graphqlJit
    ? {
        formatError,
        logger,
        compileAfter: config.graphqlJitAfter,
        maxFields: config.graphqlJitMaxFields,
        max: config.graphqlJitCacheSize,
      }
    : undefined;
  // Apollo's own landing pages load from Apollo's CDN: ours, or none.
  const landingPage = config.ide
    ? registerIde(app, { tab: config.ideTab })
    : ApolloServerPluginLandingPageDisabled();
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals; Apollo's own handlers would race our drain and hang it.
    stopOnTerminationSignals: false,
    // http/csrf-guard.ts applies the same rule, only to requests that carry cookies.
    csrfPrevention: false,
    validationRules: armor.validationRules,
    ...(redis ? { persistedQueries: { cache: redisApqCache(redis) } } : {}),
    plugins: withExecutorPlugin(jit, [
      // We set no cache hints, and the default cache-control plugin's willResolveField hook makes
      // Apollo wrap every field resolver of the schema: ~40% of the CPU of bench/ scenario (a).
      ApolloServerPluginCacheControlDisabled(),
      landingPage,
      ...(trusted ? [persistedDocumentsPlugin(trusted)] : []),
      fastifyApolloDrainPlugin(app),
      operationPlugin(metrics),
      legacyJsonStatusPlugin(),
      ...armor.plugins,
      ...(config.rateLimitPerMinute > 0
        ? [
            rateLimitPlugin(
              config.rateLimitPerMinute,
              redis ? redisRateLimitStore(redis) : memoryRateLimitStore(),
            ),
          ]
        : []),
      operationLimitsPlugin(config.limits),
    ]),
  });
  await apollo.start();

  const { realtime: settings } = config;
  const positions = createPositions(config, { redis, logger, registry: metrics.registry });
  const realtime = createRealtime({
    client,
    resumer: positions.resumer,
    wsBase: settings.upstreamWsUrl ?? config.upstreamUrl.replace(/^http/, 'ws'),
    maxSockets: settings.maxUpstreamSockets,
    lingerMs: settings.socketLingerMs,
    reconnectBaseMs: settings.reconnectBaseMs,
    reconnectMaxMs: settings.reconnectMaxMs,
    credentialCheckMs: settings.credentialCheckMs,
    openTimeoutMs: config.upstreamTimeoutMs,
    subscriberBuffer: settings.subscriberBuffer,
    metrics,
    logger,
  });
  const context = createContext({
    client,
    logger,
    upstreamConcurrency: config.limits.upstreamConcurrency,
    tracing,
    realtime,
  });
  const streams = {
    schema,
    operations: createStreamOperations({
      schema,
      limits: config.limits,
      validationRules: armor.validationRules,
      hideSuggestions: !config.introspection,
      formatError,
      ...(trusted ? { trusted } : {}),
    }),
    createContext: context,
    allowedOrigins: settings.allowedOrigins,
  };
  registerGraphqlSse(app, { ...streams, path: '/graphql/stream', streams: positions.sse });
  await app.register(fastifyApollo(apollo), {
    context: async (request) => context({ id: String(request.id), headers: request.headers }),
  });
  registerProbes(app, {
    metrics: overrides.metricsSource?.(metrics.registry) ?? metrics.registry,
    upstreamReady: () => client.ping(),
    circuitState: () => client.circuitState(),
    draining: () => leaving,
  });

  await app.listen({ port: config.port, host: config.host });
  const websockets = attachGraphqlWs({
    ...streams,
    server: app.server,
    path: '/graphql',
    maxSubscriptions: settings.maxSubscriptionsPerConnection,
    maxPayloadBytes: config.limits.maxBodyBytes,
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  return {
    url: `http://${host}:${port}/graphql`,
    drain() {
      leaving = true;
    },
    async close() {
      draining = true;
      leaving = true;
      // Positions first, all at once, so a client reconnecting elsewhere resumes from them;
      // then clients (WebSocket close 1001, SSE streams ended without `complete`) so they
      // reconnect, the upstream sockets, the last positions, then in-flight HTTP operations.
      await positions.resumer.flushAll();
      positions.sse.endAll();
      const closingSockets = websockets.close();
      realtime.close();
      await closingSockets;
      await positions.resumer.flushAll();
      positions.resumer.close();
      await app.close();
      await apollo.stop();
      await client.close();
      await redis?.close();
      await tracing?.shutdown();
    },
  };
}
