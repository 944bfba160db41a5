// Step "plan and upstream budget" (graphql-api.md §6): every argument checked, mutation fields
// counted and the upstream calls estimated before execution, on every transport. A subscription
// is planned too: its selection is what each update executes, so the budget and the argument
// checks apply per update and are checked at subscribe time, before any upstream call.
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Limits } from '../config';
import type { GatewayContext } from '../context';
import { GatewayError, QueryTooComplexError } from '../errors/gateway-errors';
import { planOperation, type OperationPlan } from '../limits/operation-plan';

/** Bytes of a plan beyond its key, measured roughly (maps of a few windows). */
const PLAN_OVERHEAD_BYTES = 512;

/**
 * Plans by document, operation and variables, least recently used dropped first, bounded in
 * bytes: the key holds the variables' JSON, so a 1 MB unused variable costs 1 MB of budget (and
 * one over a quarter of it is planned but not kept). Plans are never mutated once made; failed
 * plans (argument errors) are not kept: they throw again.
 */
export function createPlanCache(maxBytes: number) {
  const plans = new LRUCache<string, OperationPlan>({
    maxSize: maxBytes,
    maxEntrySize: Math.floor(maxBytes / 4),
    sizeCalculation: (_plan, key) => 2 * key.length + PLAN_OVERHEAD_BYTES,
  });
  // A number per document object: the document cache hands every request of one source the
  // same object, and a document no longer cached is garbage with its key.
  const documentKeys = new WeakMap<DocumentNode, number>();
  let nextKey = 0;
  const planFor = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): OperationPlan => {
    let documentKey = documentKeys.get(document);
    if (documentKey === undefined) documentKeys.set(document, (documentKey = nextKey++));
    const key = `${documentKey}\n${operation.name?.value ?? ''}\n${JSON.stringify(variables)}`;
    let plan = plans.get(key);
    if (!plan) {
      const fragments = Object.fromEntries(
        document.definitions.flatMap((d) =>
          d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [],
        ),
      );
      plan = planOperation(schema, operation, fragments, variables);
      plans.set(key, plan);
    }
    return plan;
  };
  return Object.assign(planFor, {
    /** Bytes the cache counts now (tests). */
    get bytes() {
      return plans.calculatedSize;
    },
  });
}

export type PlanFor = ReturnType<typeof createPlanCache>;

export interface PlanStep {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  contextValue: GatewayContext;
}

/**
 * Throws the client's error (answered as a 400) for a bad argument, too many mutation fields or
 * an estimate over the budget; else hands the plan to the context (the loaders of a query, each
 * update's fresh loaders for a subscription).
 */
export function enforcePlan(limits: Limits, planFor: PlanFor, step: PlanStep): void {
  const { schema, document, operation, variables, contextValue } = step;
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
      const per = operation.operation === 'subscription' ? ' per update' : '';
      throw new QueryTooComplexError(
        `operation needs about ${plan.upstreamCalls} upstream calls${per}; at most ${limits.maxUpstreamCalls} are allowed`,
        { estimatedUpstreamCalls: plan.upstreamCalls, limit: limits.maxUpstreamCalls },
      );
    }
    contextValue.usePlan(plan);
  } catch (error) {
    // A request error, not a server one: answered 400 like a validation failure.
    if (error instanceof GatewayError) error.extensions.http = { status: 400 };
    throw error;
  }
}
