// Composition root: builds everything from a Config and returns { url, close }. It never reads
// process.env and never installs signal handlers (main.ts does); tests call it with port 0.
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { transportOptions, type Config } from './config';
import { createContext, type GatewayContext } from './context';
import { createFormatError } from './errors/format-error';
import { withExecutorPlugin } from './execution/executor-plugin';
import { registerCookieCsrfGuard } from './http/csrf-guard';
import { registerHttpErrorHandlers } from './http/error-handler';
import { legacyJsonStatusPlugin } from './http/legacy-json-status-plugin';
import type { IdeTab } from './http/ide/ide-page';
import { registerIde } from './http/ide/register-ide';
import { registerProbes } from './http/probes';
import { createOperationArmor } from './limits/armor';
import { operationLimitsPlugin } from './limits/operation-limits-plugin';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './observability/metrics';
import { loadManifest } from './persisted/manifest';
import { persistedDocumentsPlugin } from './persisted/persisted-documents-plugin';
import { operationPlugin } from './observability/operation-plugin';
import { observeUpstream } from './observability/upstream-observer';
import { buildGatewaySchema } from './schema/build-schema';
import { createUpstreamClient } from './upstream/upstream-client';

export interface GatewayOverrides {
  /** Log destination for tests; defaults to a pino logger at config.logLevel on stdout. */
  logger?: Logger;
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
  const client = createUpstreamClient({
    origin: config.upstreamUrl,
    ...transportOptions(config),
    ...observeUpstream(metrics, logger),
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
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (draining) reply.header('connection', 'close');
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
      operationLimitsPlugin(config.limits),
    ]),
  });
  await apollo.start();

  const context = createContext({
    client,
    logger,
    upstreamConcurrency: config.limits.upstreamConcurrency,
  });
  await app.register(fastifyApollo(apollo), {
    context: async (request) => context({ id: String(request.id), headers: request.headers }),
  });
  registerProbes(app, {
    metrics,
    upstreamReady: () => client.ping(),
    circuitState: () => client.circuitState(),
  });

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  return {
    url: `http://${host}:${port}/graphql`,
    async close() {
      draining = true;
      await app.close();
      await apollo.stop();
      await client.close();
    },
  };
}
