// Composition root: builds everything from a Config and returns { url, close }. It never reads
// process.env and never installs signal handlers (main.ts does); tests call it with port 0.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Config } from './config';
import type { GatewayContext } from './context';
import { readCredentials } from './auth/credentials';
import { startEmulator, type Emulator } from './emulator/emulator';
import { createFormatError } from './errors/format-error';
import { withJitExecution } from './execution/jit-plugin';
import { registerHttpErrorHandlers } from './http/error-handler';
import { registerProbes } from './http/probes';
import { createLoaders } from './loaders/create-loaders';
import { createOperationArmor } from './limits/armor';
import { operationLimitsPlugin } from './limits/operation-limits-plugin';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './observability/metrics';
import { operationPlugin } from './observability/operation-plugin';
import { buildGatewaySchema } from './schema/build-schema';
import { createBoxEventsApi } from './upstream/box-events-api';
import { forOperation } from './upstream/operation-api';
import { createUpstreamClient } from './upstream/upstream-client';

export interface GatewayOverrides {
  /** Log destination for tests; defaults to a pino logger at config.logLevel on stdout. */
  logger?: Logger;
}

export interface Gateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  /** The upstream in use: UPSTREAM_URL or the embedded emulator's URL. */
  upstreamUrl: string;
  /** Present when no UPSTREAM_URL was configured. */
  emulator: Emulator | undefined;
  close(): Promise<void>;
}

export async function createGateway(config: Config, overrides: GatewayOverrides = {}): Promise<Gateway> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const emulator = config.upstreamUrl ? undefined : await startEmulator();
  const upstreamUrl = config.upstreamUrl ?? emulator!.url;
  if (emulator) logger.info({ upstreamUrl }, 'no UPSTREAM_URL set: serving the embedded emulator with its demo data');

  const metrics = createMetrics();
  const client = createUpstreamClient({
    origin: upstreamUrl,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
    retries: config.upstreamRetries,
    maxPending: config.upstreamMaxPending,
    circuitFailures: config.circuitFailures,
    circuitResetMs: config.circuitResetMs,
    onCircuitChange(state, lastFailure) {
      metrics.circuitOpen.set(state === 'closed' ? 0 : 1);
      const reason = lastFailure instanceof Error ? lastFailure.message : undefined;
      if (state === 'open') logger.warn({ circuit: state, reason, resetMs: config.circuitResetMs }, 'upstream circuit open: failing fast');
      else if (state === 'closed') logger.info({ circuit: state }, 'upstream circuit closed: upstream answers again');
      else logger.info({ circuit: state }, 'upstream circuit half-open: probing');
    },
    onCall(call) {
      const status = call.status === undefined ? call.outcome : String(call.status);
      metrics.upstreamCalls.inc({ method: call.method, route: call.route, status });
      metrics.upstreamLatency.observe({ method: call.method, route: call.route }, call.durationMs / 1000);
      logger.debug({ upstream: call }, 'upstream call');
    },
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
  const apollo = new ApolloServer<GatewayContext>({
    schema: buildGatewaySchema(),
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

  await app.register(fastifyApollo(apollo), {
    context: async (request): Promise<GatewayContext> => {
      const credentials = readCredentials(request.headers);
      const stats = { upstreamCalls: 0 };
      const base = createBoxEventsApi(client, credentials);
      const api = credentials && credentials.kind !== 'rejected' ? forOperation(base, config.limits.upstreamConcurrency, stats) : base;
      return {
        requestId: String(request.id),
        logger: logger.child({ requestId: request.id }),
        api,
        loaders: createLoaders(api),
        stats,
      };
    },
  });
  registerProbes(app, { metrics, upstreamReady: () => client.ping(), circuitState: () => client.circuitState() });

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  return {
    url: `http://${host}:${port}/graphql`,
    upstreamUrl,
    emulator,
    async close() {
      draining = true;
      await app.close();
      await apollo.stop();
      await client.close();
      await emulator?.close();
    },
  };
}
