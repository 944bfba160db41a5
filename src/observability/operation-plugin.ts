// One log line and one set of metric updates per GraphQL operation: name, duration, upstream
// calls, error codes. Errors are read after formatError ran, so codes are the client's codes.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { codeOf, MASKED } from '../errors/error-codes';
import { GatewayError } from '../errors/gateway-errors';
import type { Metrics } from './metrics';

export function operationPlugin(metrics: Metrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, contextValue: ctx }) {
          const body = response.body;
          const result = body.kind === 'single' ? body.singleResult : undefined;
          const codes = (result?.errors ?? []).map(codeOf);
          const outcome = codes.length === 0 ? 'success' : result?.data ? 'error' : 'rejected';
          const label = metrics.operationLabel(operationName);
          metrics.operations.inc({ operation: label, outcome, executor: ctx.executor });
          for (const code of codes) metrics.errors.inc({ code });
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          ctx.logger.info(
            {
              operation: operationName ?? null,
              executor: ctx.executor,
              durationMs: Math.round(durationMs * 100) / 100,
              upstreamCalls: ctx.stats.upstreamCalls,
              estimatedUpstreamCalls: ctx.stats.estimatedUpstreamCalls,
              errorCodes: codes,
            },
            'graphql operation',
          );
        },
      };
    },
    // Apollo answers an error thrown before execution (the token limit) without willSendResponse.
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      const code = error instanceof GatewayError ? error.errorCode : MASKED.extensions.code;
      const operation = requestContext.request.operationName;
      metrics.operations.inc({
        operation: metrics.operationLabel(operation),
        outcome: 'rejected',
        executor: 'none',
      });
      metrics.errors.inc({ code });
      requestContext.contextValue.logger.info(
        { operation: operation ?? null, executor: 'none', upstreamCalls: 0, errorCodes: [code] },
        'graphql operation',
      );
    },
  };
}
