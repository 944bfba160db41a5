// Rejects, before any upstream call, an operation with a bad argument anywhere, more mutation
// fields than allowed, or more estimated upstream calls than the budget
// (docs/graphql-api.md#limits).
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Limits } from '../config';
import type { GatewayContext } from '../context';
import { GatewayError, QueryTooComplexError } from '../errors/gateway-errors';
import { planOperation, type OperationPlan } from './operation-plan';

/** Distinct variable sets remembered per operation; past that, its plans are dropped. */
const MAX_PLANS_PER_OPERATION = 64;

/**
 * Plans by operation and variables. Apollo hands every request of an already-seen query the same
 * parsed document, so a dashboard polled by many clients is planned once, not once per request.
 * Plans are never mutated after planOperation returns. Failed plans (argument errors) are not
 * kept: they throw again.
 */
export function planCache() {
  const byOperation = new WeakMap<OperationDefinitionNode, Map<string, OperationPlan>>();
  return (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): OperationPlan => {
    let plans = byOperation.get(operation);
    if (!plans) byOperation.set(operation, (plans = new Map()));
    const key = JSON.stringify(variables);
    let plan = plans.get(key);
    if (!plan) {
      const fragments = Object.fromEntries(
        document.definitions.flatMap((d) =>
          d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [],
        ),
      );
      plan = planOperation(schema, operation, fragments, variables);
      if (plans.size >= MAX_PLANS_PER_OPERATION) plans.clear();
      plans.set(key, plan);
    }
    return plan;
  };
}

export type PlanFor = ReturnType<typeof planCache>;

/**
 * The checks of this file for one resolved operation, shared with the streaming transports
 * (src/execution/stream-operations.ts). Throws the client's error, answered as a 400.
 */
export function enforceOperationLimits(
  limits: Limits,
  planFor: PlanFor,
  args: {
    schema: GraphQLSchema;
    document: DocumentNode;
    operation: OperationDefinitionNode;
    variables: Record<string, unknown>;
    contextValue: GatewayContext;
  },
): void {
  const { schema, document, operation, variables, contextValue } = args;
  try {
    const plan = planFor(schema, document, operation, variables);
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
}

export function operationLimitsPlugin(limits: Limits): ApolloServerPlugin<GatewayContext> {
  const planFor = planCache();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request, contextValue }) {
          if (!operation) return;
          enforceOperationLimits(limits, planFor, {
            schema,
            document,
            operation,
            variables: request.variables ?? {},
            contextValue,
          });
        },
      };
    },
  };
}
