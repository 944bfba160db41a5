// Compiled execution (graphql-jit) of queries, as an Apollo plugin: `responseForOperation`
// answers with the result of a query compiled once per (document, operation name) instead of
// graphql-js's interpreter, which resolving ~1,000 fields of 50 events made the largest share of
// an operation's CPU (bench/RESULTS.md).
//
// When a plugin answers from responseForOperation, Apollo skips its own execution branch: no
// didEncounterErrors, no formatError, no HTTP status from errors. This file does those steps
// exactly as @apollo/server 5's requestPipeline.js and errorNormalize.js do them, so a client
// cannot tell the two paths apart (test/integration/jit-execution.test.ts compares them).
// Everything that is not a plain execution of a valid query goes to Apollo's normal path:
// mutations (serial, side effects, few and upstream-bound: nothing to win), subscriptions,
// documents graphql-jit cannot compile, invalid variables (nothing ran yet: Apollo reports them
// with its own BAD_USER_INPUT shape and status 400), and requests with a plugin listening to
// execution (executionDidStart/willResolveField would silently not run).
import {
  HeaderMap,
  type ApolloServerPlugin,
  type BaseContext,
  type GraphQLRequestContext,
  type GraphQLRequestListener,
  type GraphQLResponse,
  type HTTPGraphQLHead,
} from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { MASKED } from '../errors/error-codes';

/** Apollo's `formatError` signature (createFormatError returns one). */
export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

export interface JitOptions {
  formatError: FormatError;
  /** Compiled operations kept (least recently used dropped first). @default 500 */
  maxCompiled?: number;
  /**
   * Largest operation compiled, in fields as graphql-jit expands them (see compiledFields);
   * larger ones run on graphql-js. @default 1000 (~100 ms of compilation)
   */
  maxCompiledFields?: number;
  /** Told once per document that graphql-jit cannot compile (it then runs on graphql-js). */
  logger?: { warn(obj: object, msg?: string): void; debug(obj: object, msg?: string): void };
}

/**
 * `plugins` plus the JIT plugin, last; `plugins` alone when `options` is undefined (JIT off). Each of `plugins` is observed so the JIT path can call
 * the request listeners Apollo would call on its own execution path (didEncounterErrors) and
 * step aside for those that listen to execution.
 */
export function withJitExecution<C extends BaseContext>(
  options: JitOptions | undefined,
  plugins: ApolloServerPlugin<C>[],
): ApolloServerPlugin<C>[] {
  if (!options) return plugins;
  const listeners = new WeakMap<object, GraphQLRequestListener<C>[]>();
  const observed = plugins.map((plugin): ApolloServerPlugin<C> => {
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
  return [...observed, jitPlugin<C>(options, (rc) => listeners.get(rc) ?? [])];
}

function jitPlugin<C extends BaseContext>(
  options: JitOptions,
  listenersOf: (requestContext: object) => GraphQLRequestListener<C>[],
): ApolloServerPlugin<C> {
  const compiled = compiledQueries(
    options.maxCompiled ?? 500,
    options.maxCompiledFields ?? 1000,
    options.logger,
  );
  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
          const { operation, document, request, schema, queryHash } = requestContext;
          if (operation?.operation !== 'query' || !document || !queryHash) return null;
          const listeners = listenersOf(requestContext);
          if (listeners.some((l) => l.executionDidStart)) return null;
          const query = compiled(schema, document, operation, queryHash, request.operationName);
          if (!query) return null;

          let result: ExecutionResult;
          try {
            result = await query.query(undefined, requestContext.contextValue, request.variables);
          } catch (thrown) {
            // Apollo's path: executionDidEnd(error), then sendErrorResponse (status 500).
            const response = await respond(requestContext, listeners, options.formatError, [
              toGraphQLError(thrown),
            ]);
            response.http.status ??= 500;
            return response;
          }
          // Variable coercion failed: no resolver ran, Apollo's path reports it as it always does.
          if (!('data' in result)) return null;
          return respond(requestContext, listeners, options.formatError, result.errors, result);
        },
      };
    },
  };
}

/** The body and HTTP head Apollo's execution branch builds from an execution result. */
async function respond<C extends BaseContext>(
  requestContext: GraphQLRequestContext<C>,
  listeners: GraphQLRequestListener<C>[],
  formatError: FormatError,
  errors: readonly GraphQLError[] | undefined,
  result?: ExecutionResult,
): Promise<GraphQLResponse> {
  const http: HTTPGraphQLHead = { status: undefined, headers: new HeaderMap() };
  if (!errors?.length) {
    return { http, body: { kind: 'single', singleResult: { data: result?.data } } };
  }
  // graphql-jit's errors have no extensions object when their cause had none; Apollo and
  // formatError expect graphql-js errors.
  const normalized = errors.map(toGraphQLError);
  (requestContext as { errors?: readonly GraphQLError[] }).errors = normalized;
  await Promise.all(listeners.map((l) => l.didEncounterErrors?.(requestContext as never)));
  const formatted = normalized.map((error) => {
    try {
      return formatError(enrich(error, http), error);
    } catch {
      return { message: MASKED.message, extensions: { ...MASKED.extensions } };
    }
  });
  // status400ForVariableCoercionErrors (Apollo 5's default): an execution result without data.
  if (result && result.data === undefined && !http.status) http.status = 400;
  // graphql-js puts `errors` before `data`; Apollo keeps that order.
  const singleResult = result ? { errors: formatted, data: result.data } : { errors: formatted };
  return { http, body: { kind: 'single', singleResult } };
}

/** errorNormalize.js's enrichError with includeStacktraceInErrorResponses: false. */
function enrich(error: GraphQLError, http: HTTPGraphQLHead): GraphQLFormattedError {
  const extensions: Record<string, unknown> = {
    ...error.extensions,
    code: error.extensions.code ?? MASKED.extensions.code,
  };
  const head = extensions.http;
  if (isPartialHead(head)) {
    if (head.status !== undefined) http.status = head.status;
    for (const [name, value] of head.headers ?? []) http.headers.set(name, value);
    delete extensions.http;
  }
  return { ...error.toJSON(), extensions };
}

function isPartialHead(x: unknown): x is { status?: number; headers?: Map<string, string> } {
  return (
    !!x &&
    typeof x === 'object' &&
    (!('status' in x) || typeof x.status === 'number') &&
    (!('headers' in x) || x.headers instanceof Map)
  );
}

/** A graphql-js GraphQLError with the same message, locations, path, cause and extensions. */
function toGraphQLError(thrown: unknown): GraphQLError {
  if (!(thrown instanceof Error))
    return new GraphQLError(`Unexpected error value: ${String(thrown)}`);
  if (!(thrown instanceof GraphQLError))
    return new GraphQLError(thrown.message, { originalError: thrown });
  if (thrown.constructor === GraphQLError && thrown.extensions) return thrown;
  const copy = new GraphQLError(thrown.message, {
    path: thrown.path,
    originalError: thrown.originalError ?? undefined,
    extensions: thrown.extensions ?? undefined,
  });
  if (thrown.locations) (copy as { locations?: unknown }).locations = thrown.locations;
  if (thrown.stack) copy.stack = thrown.stack;
  return copy;
}

/** Compiled queries by (query hash, operation name), least recently used dropped first. */
function compiledQueries(max: number, maxFields: number, logger: JitOptions['logger']) {
  const cache = new Map<string, CompiledQuery | null>();
  return (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    queryHash: string,
    operationName: string | undefined,
  ): CompiledQuery | null => {
    const key = operationName === undefined ? queryHash : `${queryHash}:${operationName}`;
    let query = cache.get(key);
    if (query !== undefined) {
      cache.delete(key);
      cache.set(key, query);
      return query;
    }
    query = null;
    try {
      if (compiledFields(schema, document, operation, maxFields) > maxFields) {
        logger?.debug({ maxFields }, 'operation too large to compile: graphql-js runs it');
      } else {
        const result = compileQuery(schema, document, operationName);
        if (isCompiledQuery(result)) query = result;
        else
          logger?.warn(
            { errors: result.errors?.map((e: GraphQLError) => e.message) },
            'graphql-jit cannot compile this operation: graphql-js runs it',
          );
      }
    } catch (error) {
      logger?.warn({ err: error }, 'graphql-jit cannot compile this operation: graphql-js runs it');
    }
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(key, query);
    return query;
  };
}

/**
 * The fields graphql-jit generates code for, counted until `limit` is passed. It compiles the
 * selection of an abstract-typed field once per possible type, so nesting multiplies: a legal
 * `box { events { box { events … } } } }` 12 deep (~20 event types) is 20⁵ copies and
 * exhausted a 4 GB heap in the test suite. Fragments are expanded where they are spread.
 */
export function compiledFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limit: number,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  let count = 0;
  const visit = (set: SelectionSetNode, type: GraphQLNamedType, depth: number): void => {
    if (depth > 64) count = limit + 1; // validation rejects cycles; never loop on one anyway
    for (const selection of set.selections) {
      if (count > limit) return;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet, type, depth + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, type, depth + 1);
      } else {
        count++;
        const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        if (!field || !selection.selectionSet) continue;
        const named = getNamedType(field.type);
        const concrete = isAbstractType(named) ? schema.getPossibleTypes(named) : [named];
        for (const each of concrete) visit(selection.selectionSet, each, depth + 1);
      }
    }
  };
  if (root) visit(operation.selectionSet, root, 0);
  return count;
}
