// Composition root: builds everything from a Config and returns { url, close }. It never reads
// process.env and never installs signal handlers (src/process/ does); tests call it with port 0.
import { ApolloServer } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
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
import { registerCookieCsrfGuard } from './http/csrf-guard';
import { registerHttpErrorHandlers } from './http/error-handler';
import { attachGraphqlWs } from './http/graphql-ws-server';
import { registerGraphqlSse } from './http/graphql-sse-route';
import { legacyJsonStatusPlugin } from './http/legacy-json-status-plugin';
import type { IdeTab } from './http/ide/ide-page';
import { registerFileDownloads } from './http/file-download-route';
import { registerIde } from './http/ide/register-ide';
import { registerMultipartUploads } from './http/multipart-uploads';
import { registerProbes, type MetricsSource } from './http/probes';
import { createOperationArmor } from './limits/armor';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './observability/metrics';
import { loadManifest } from './persisted/manifest';
import { persistedDocumentsPlugin } from './persisted/persisted-documents-plugin';
import { pipelinePlugin } from './pipeline/apollo-adapter';
import { createDocumentCache } from './pipeline/document-cache';
import { createFormatter } from './pipeline/format';
import { createObserve } from './pipeline/observe';
import { createPlanCache } from './pipeline/plan';
import { createRateLimit } from './pipeline/rate-limit';
import { createStreamCaps } from './pipeline/stream-caps';
import { createStreamPipeline } from './pipeline/stream-operation';
import { gatewayRules } from './pipeline/validate';
import { observeUpstream } from './observability/upstream-observer';
import { createRealtime } from './realtime/realtime';
import { createPositions } from './resume/create-positions';
import { buildGatewaySchema } from './schema/build-schema';
import { redisApqCache } from './shared-state/redis-apq-cache';
import { createRedisConnection } from './shared-state/redis-connection';
import { memoryRateLimitStore, redisRateLimitStore } from './shared-state/rate-limit-store';
import { loadTracing } from './tracing/tracing';
import { createFairShare } from './upstream/fair-share';
import { createUpstreamClient } from './upstream/upstream-client';

export interface GatewayOverrides {
  /** Log destination for tests; defaults to a pino logger at config.logLevel on stdout. */
  logger?: Logger;
  /**
   * What GET /metrics serves, given this gateway's own registry: a cluster worker contributes
   * it to the primary's aggregation and answers with every worker's sum. @default the registry
   */
  metricsSource?: (own: Registry) => MetricsSource;
  /** The clock of the circuit breaker's reset time, for tests that move it. @default Date.now */
  now?: () => number;
}

/** A Config whose upstream is decided: src/process/ fills it from UPSTREAM_URL or an emulator. */
export type GatewayConfig = Config & {
  upstreamUrl: string;
  /** The tab the IDE opens on: src/process/ passes the demo one when it serves the emulator. */
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
    now: overrides.now,
  });

  const app = Fastify({
    bodyLimit: config.limits.maxBodyBytes,
    // A whole request (headers and body) must arrive within requestTimeoutMs, else Node
    // answers 408 and closes: a body trickled a byte at a time cannot hold a connection.
    // Node checks every connectionsCheckingInterval (30 s by default): a tenth of the deadline
    // keeps the cut close to it, and the check is a walk over open connections only. Node 20
    // honours requestTimeout only when given to http.createServer (Fastify sets it on the
    // server afterwards, which alone cut nothing in a measured trickle), hence both places.
    requestTimeout: config.limits.requestTimeoutMs,
    http: {
      requestTimeout: config.limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.floor(config.limits.requestTimeoutMs / 10)),
    },
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
  registerMultipartUploads(app, {
    ...httpErrors,
    graphqlPath: '/graphql',
    maxUploadBytes: config.maxUploadBytes,
  });
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
  // The pipeline's pieces (src/pipeline/, docs/pipeline.md), one of each for every transport.
  const rules = gatewayRules(armor.validationRules, config.introspection);
  const documents = createDocumentCache(config.caches.documentCacheBytes);
  const planFor = createPlanCache(config.caches.planCacheBytes);
  const rateLimit = createRateLimit(
    config.rateLimitPerMinute,
    redis ? redisRateLimitStore(redis) : memoryRateLimitStore(config.caches.rateLimitCallers),
  );
  const observe = createObserve(metrics);
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
    // Introspection is refused by the pipeline's own rule (pipeline/validate.ts), the same on
    // every transport; Apollo's would answer HTTP alone, with another message.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // process/drain-on-signal.ts owns the signals; Apollo's would race that drain and hang it.
    stopOnTerminationSignals: false,
    // http/csrf-guard.ts applies the same rule, only to requests that carry cookies.
    csrfPrevention: false,
    validationRules: rules,
    // Apollo's default store sizes a document by its AST's JSON, not the source text it keeps.
    documentStore: documents.apolloStore,
    persistedQueries: {
      cache: redis
        ? redisApqCache(redis)
        : new InMemoryLRUCache<string>({
            maxSize: config.caches.apqCacheBytes,
            sizeCalculation: (query: string, hash: string) => 2 * (query.length + hash.length),
          }),
    },
    plugins: withExecutorPlugin(jit, [
      // We set no cache hints, and the default cache-control plugin's willResolveField hook makes
      // Apollo wrap every field resolver of the schema: ~40% of the CPU of bench/ scenario (a).
      ApolloServerPluginCacheControlDisabled(),
      landingPage,
      ...(trusted ? [persistedDocumentsPlugin(trusted)] : []),
      fastifyApolloDrainPlugin(app),
      legacyJsonStatusPlugin(),
      ...armor.plugins,
      pipelinePlugin({ limits: config.limits, planFor, rateLimit, observe }),
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
    caps: createStreamCaps({
      perCredential: settings.maxStreamsPerCredential,
      total: settings.maxStreams,
    }),
    metrics,
    logger,
  });
  const context = createContext({
    client,
    logger,
    upstream: createFairShare(config.upstreamConnections),
    upstreamConcurrency: config.limits.upstreamConcurrency,
    tracing,
    realtime,
  });
  const streams = {
    schema,
    pipeline: createStreamPipeline({
      schema,
      limits: config.limits,
      rules,
      documents,
      planFor,
      rateLimit,
      formatter: createFormatter({ hideSuggestions: !config.introspection, formatError }),
      observe,
      ...(trusted ? { trusted } : {}),
    }),
    createContext: context,
    allowedOrigins: settings.allowedOrigins,
  };
  registerGraphqlSse(app, { ...streams, path: '/graphql/stream', logger, streams: positions.sse });
  await app.register(fastifyApollo(apollo), {
    context: async (request) => context({ id: String(request.id), headers: request.headers }),
  });
  registerFileDownloads(app, { ...httpErrors, client, logger });
  registerProbes(app, {
    metrics: overrides.metricsSource?.(metrics.registry) ?? metrics.registry,
    upstreamReady: () => client.ping(),
    readyCacheMs: config.readyzCacheMs,
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
