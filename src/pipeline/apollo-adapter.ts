// The pipeline as Apollo Server runs it for POST/GET /graphql: a thin adapter of plugins that
// call the same step functions the streaming transports call (stream-operation.ts). Apollo owns
// parsing and validation there, with the one rule list (validate.ts) and the one document cache
// (document-cache.ts, passed as its documentStore); the token limit and suggestion hiding are
// limits/armor.ts's plugins (the same exceedsTokens / withoutSuggestions).
import type { ApolloServerPlugin } from '@apollo/server';
import type { Limits } from '../config';
import type { GatewayContext } from '../context';
import { MASKED } from '../errors/error-codes';
import { GatewayError } from '../errors/gateway-errors';
import type { Observe } from './observe';
import { enforcePlan, type PlanFor } from './plan';
import type { RateLimit } from './rate-limit';
import { checkVariablesDepth } from './size-limits';

export interface ApolloAdapterDeps {
  limits: Limits;
  planFor: PlanFor;
  rateLimit: RateLimit | undefined;
  observe: Observe;
}

/** The steps after validation (plan, rate limit) and the observation of every operation. */
export function pipelinePlugin(deps: ApolloAdapterDeps): ApolloServerPlugin<GatewayContext> {
  const { limits, planFor, rateLimit, observe } = deps;
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ request }) {
          checkVariablesDepth(request, limits.maxVariablesDepth);
        },
        async didResolveOperation({ schema, operation, document, request, contextValue: ctx }) {
          if (!operation) return;
          enforcePlan(limits, planFor, {
            schema,
            document,
            operation,
            variables: request.variables ?? {},
            contextValue: ctx,
          });
          await rateLimit?.(ctx);
        },
        async willSendResponse({ response, operationName, operation, contextValue: ctx }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          observe(ctx, {
            operationName,
            operationType: operation?.operation,
            errors: result?.errors,
            hasData: Boolean(result?.data),
            started: ctx.startedAt,
          });
        },
      };
    },
    // An error thrown before execution (the token limit, a trusted-document refusal, deep
    // variables) comes here without willSendResponse. Rethrown, a coded one is answered with its
    // own status instead of a masked 500.
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      const ctx = requestContext.contextValue;
      const code = error instanceof GatewayError ? error.errorCode : MASKED.extensions.code;
      observe(ctx, {
        operationName: requestContext.request.operationName,
        operationType: undefined,
        errors: [{ extensions: { code } }],
        hasData: false,
        started: ctx.startedAt,
      });
      if (error instanceof GatewayError) throw error;
    },
  };
}
