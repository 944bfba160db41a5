// Apollo's execution branch, replayed for a result compiled execution produced. Mirrors
// @apollo/server 5.5.1: requestPipeline.js (didEncounterErrors, formatError per error, the 500
// of an execution that threw, status400ForVariableCoercionErrors) and errorNormalize.js
// (enrichError, extensions.http). When a plugin answers from responseForOperation, Apollo skips
// all of this, so a client could tell the two executors apart without it
// (test/integration/jit-execution.test.ts compares them). Re-read those two files on every
// @apollo/server upgrade.
import {
  HeaderMap,
  type BaseContext,
  type GraphQLRequestContext,
  type GraphQLRequestListener,
  type GraphQLResponse,
  type HTTPGraphQLHead,
} from '@apollo/server';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { MASKED } from '../errors/error-codes';

/** Apollo's `formatError` signature (createFormatError returns one). */
export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

/** The body and HTTP head Apollo's execution branch builds from an execution result. */
export async function respond<C extends BaseContext>(
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
export function toGraphQLError(thrown: unknown): GraphQLError {
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
