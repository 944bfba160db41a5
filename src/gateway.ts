// Composition root: builds everything from a Config and returns { url, close }. It never reads
// process.env and never installs signal handlers (main.ts does); tests call it with port 0.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Config } from './config';
import { createContext, type GatewayContext } from './context';
import { createFormatError } from './errors/format-error';
import { withJitExecution } from './execution/jit-plugin';
import { createStreamOperations } from './execution/stream-operations';
import { registerHttpErrorHandlers } from './http/error-handler';
import { attachGraphqlWs } from './http/graphql-ws-server';
import { registerGraphqlSse } from './http/graphql-sse-route';
import { registerProbes } from './http/probes';
import { createOperationArmor } from './limits/armor';
import { operationLimitsPlugin } from './limits/operation-limits-plugin';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './observability/metrics';
import { operationPlugin } from './observability/operation-plugin';
import { observeUpstream } from './observability/upstream-observer';
import { createRealtime } from './realtime/realtime';
import { buildGatewaySchema } from './schema/build-schema';
import { createUpstreamClient } from './upstream/upstream-client';

export interface GatewayOverrides {
  /** Log destination for tests; defaults to a pino logger at config.logLevel on stdout. */
  logger?: Logger;
}

/** A Config whose upstream is decided: main.ts fills it from UPSTREAM_URL or an emulator. */
export type GatewayConfig = Config & { upstreamUrl: string };

export interface Gateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  close(): Promise<void>;
}

export async function createGateway(
  config: GatewayConfig,
  overrides: GatewayOverrides = {},
): Promise<Gateway> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });

  const metrics = createMetrics();
  const client = createUpstreamClient({
    origin: config.upstreamUrl,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
    retries: config.upstreamRetries,
    maxPending: config.upstreamMaxPending,
    circuitFailures: config.circuitFailures,
    circuitResetMs: config.circuitResetMs,
    ...observeUpstream(metrics, logger),
  });

  const app = Fastify({
    bodyLimit: config.limits.maxBodyBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  registerHttpErrorHandlers(app, {
    logger,
    maxBodyBytes: config.limits.maxBodyBytes,
    onError: (code) => metrics.errors.inc({ code }),
  });
  // Set by close(): a response finished while draining closes its keep-alive connection, else
  // the connection of an operation in flight at SIGTERM holds server.close() open (72 s idle).
  let draining = false;
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (draining) reply.header('connection', 'close');
  });

  const armor = createOperationArmor(config.limits, { hideSuggestions: !config.introspection });
  const formatError = createFormatError(logger);
  const schema = buildGatewaySchema();
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals; Apollo's own handlers would race our drain and hang it.
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    plugins: withJitExecution(config.graphqlJit ? { formatError, logger } : undefined, [
      // We set no cache hints, and the default cache-control plugin's willResolveField hook makes
      // Apollo wrap every field resolver of the schema: ~40% of the CPU of bench/ scenario (a).
      ApolloServerPluginCacheControlDisabled(),
      fastifyApolloDrainPlugin(app),
      operationPlugin(metrics),
      ...armor.plugins,
      operationLimitsPlugin(config.limits),
    ]),
  });
  await apollo.start();

  const { realtime: settings } = config;
  const realtime = createRealtime({
    client,
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
    }),
    createContext: context,
    allowedOrigins: settings.allowedOrigins,
  };
  registerGraphqlSse(app, { ...streams, path: '/graphql/stream' });
  await app.register(fastifyApollo(apollo), {
    context: async (request) => context({ id: String(request.id), headers: request.headers }),
  });
  registerProbes(app, {
    metrics,
    upstreamReady: () => client.ping(),
    circuitState: () => client.circuitState(),
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
    async close() {
      draining = true;
      // Clients first (WebSocket close 1001, SSE streams ended) so they reconnect elsewhere,
      // then the upstream sockets, then in-flight HTTP operations.
      const closingSockets = websockets.close();
      realtime.close();
      await closingSockets;
      await app.close();
      await apollo.stop();
      await client.close();
    },
  };
}
