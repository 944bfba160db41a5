// Rejects, before any upstream call, an operation with a bad argument anywhere, more mutation
// fields than allowed, or more estimated upstream calls than the budget (graphql-api.md §6).
import type { ApolloServerPlugin } from '@apollo/server';
import type { Limits } from '../config';
import type { GatewayContext } from '../context';
import { GatewayError, QueryTooComplexError } from '../errors/gateway-errors';
import { planOperation } from './operation-plan';

export function operationLimitsPlugin(limits: Limits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request, contextValue }) {
          if (!operation) return;
          const fragments = Object.fromEntries(
            document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])),
          );
          try {
            const plan = planOperation(schema, operation, fragments, request.variables ?? {});
            contextValue.stats.estimatedUpstreamCalls = plan.upstreamCalls;
            if (plan.mutationFields > limits.maxMutations) {
              throw new QueryTooComplexError(
                `operation has ${plan.mutationFields} mutation fields; at most ${limits.maxMutations} are allowed`,
                { mutationFields: plan.mutationFields, limit: limits.maxMutations },
              );
            }
            if (plan.upstreamCalls > limits.maxUpstreamCalls) {
              throw new QueryTooComplexError(
                `operation needs about ${plan.upstreamCalls} upstream calls; at most ${limits.maxUpstreamCalls} are allowed`,
                { estimatedUpstreamCalls: plan.upstreamCalls, limit: limits.maxUpstreamCalls },
              );
            }
            // The loaders serve every window from the calls the plan counted.
            contextValue.loaders.expectPages(plan.pages);
          } catch (error) {
            // A request error, not a server one: answered 400 like a validation failure.
            if (error instanceof GatewayError) error.extensions.http = { status: 400 };
            throw error;
          }
        },
      };
    },
  };
}
