// Which executor runs each operation, as an Apollo plugin, and compiled execution (graphql-jit)
// of queries: `responseForOperation` answers with the result of a compiled query instead of
// graphql-js's interpreter, which resolving ~1,000 fields of 50 events made the largest share of
// an operation's CPU (bench/RESULTS.md). The executor that ran is recorded on the context
// (`ctx.executor`) for the operation's log line and metric.
//
// Everything that is not a plain execution of a valid query goes to Apollo's normal path:
// mutations (serial, side effects, few and upstream-bound: nothing to win), subscriptions,
// queries not yet seen `compileAfter` times, documents graphql-jit cannot compile or over the
// field budget, invalid variables (nothing ran yet: Apollo reports them with its own
// BAD_USER_INPUT shape and status 400), and requests with a plugin listening to execution
// (executionDidStart/willResolveField would silently not run). What Apollo does after its own
// execution is replayed by apollo-replay.ts.
import type { ApolloServerPlugin, GraphQLRequestListener, GraphQLResponse } from '@apollo/server';
import type { ExecutionResult } from 'graphql';
import type { GatewayContext } from '../context';
import { respond, toGraphQLError, type FormatError } from './apollo-replay';
import { compiledQueries, type CompileOptions } from './compiled-queries';

export type { FormatError } from './apollo-replay';

export interface JitOptions extends Omit<CompileOptions, 'max'> {
  formatError: FormatError;
  /** Compiled operations kept (least recently used dropped first). */
  max: number;
}

type Listener = GraphQLRequestListener<GatewayContext>;

/**
 * `plugins` plus the executor plugin, last. With `jit` undefined (GRAPHQL_JIT=false) it only
 * records that graphql-js ran. Each of `plugins` is observed so the compiled path can call the
 * request listeners Apollo would call on its own execution path (didEncounterErrors) and step
 * aside for those that listen to execution.
 */
export function withExecutorPlugin(
  jit: JitOptions | undefined,
  plugins: ApolloServerPlugin<GatewayContext>[],
): ApolloServerPlugin<GatewayContext>[] {
  if (!jit) return [...plugins, executorPlugin(undefined, () => [])];
  const listeners = new WeakMap<object, Listener[]>();
  const observed = plugins.map((plugin): ApolloServerPlugin<GatewayContext> => {
    const start = plugin.requestDidStart;
    if (!start) return plugin;
    return {
      ...plugin,
      async requestDidStart(requestContext) {
        const listener = await start.call(plugin, requestContext);
        if (listener) {
          const list = listeners.get(requestContext);
          if (list) list.push(listener);
          else listeners.set(requestContext, [listener]);
        }
        return listener;
      },
    };
  });
  return [...observed, executorPlugin(jit, (rc) => listeners.get(rc) ?? [])];
}

function executorPlugin(
  jit: JitOptions | undefined,
  listenersOf: (requestContext: object) => Listener[],
): ApolloServerPlugin<GatewayContext> {
  const compiled = jit && compiledQueries({ ...jit });
  return {
    async requestDidStart() {
      return {
        // Called once validation and every didResolveOperation passed: execution starts now.
        async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
          const ctx = requestContext.contextValue;
          ctx.executor = 'graphql-js';
          const { operation, document, request, schema, queryHash } = requestContext;
          if (!jit || !compiled) return null;
          if (operation?.operation !== 'query' || !document || !queryHash) return null;
          const listeners = listenersOf(requestContext);
          if (listeners.some((l) => l.executionDidStart)) return null;
          const query = compiled(schema, document, operation, queryHash, request.operationName);
          if (!query) return null;

          let result: ExecutionResult;
          try {
            result = await query.query(undefined, ctx, request.variables);
          } catch (thrown) {
            ctx.executor = 'jit';
            // Apollo's path: executionDidEnd(error), then sendErrorResponse (status 500).
            const response = await respond(requestContext, listeners, jit.formatError, [
              toGraphQLError(thrown),
            ]);
            response.http.status ??= 500;
            return response;
          }
          // Variable coercion failed: no resolver ran, Apollo's path reports it as it always does.
          if (!('data' in result)) return null;
          ctx.executor = 'jit';
          return respond(requestContext, listeners, jit.formatError, result.errors, result);
        },
      };
    },
  };
}
