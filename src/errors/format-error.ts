// Apollo's formatError: the last gate before a client sees an error. Gateway errors keep their
// code and message, raw upstream errors are mapped by toGraphQLError, Apollo's own request
// errors pass through, and everything else is masked as INTERNAL_SERVER_ERROR with the original
// logged. `stacktrace` never leaves; `path` and `locations` always stay.
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { UpstreamError } from '../upstream/upstream-errors';
import { APOLLO_REQUEST_CODES, MASKED, type ErrorCode } from './error-codes';
import { GatewayError } from './gateway-errors';
import { toGraphQLError } from './to-graphql-error';

/** What formatError needs of a logger (a pino Logger fits). */
export interface ErrorLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * Apollo Server's answer to an APQ registration whose hash is not its query's: a 400 whose
 * error has no code of its own (requestPipeline.ts; Apollo then fills INTERNAL_SERVER_ERROR). Its
 * message is the only thing that identifies it; test/hostile/deep-variables.test.ts pins it.
 */
const APQ_HASH_MISMATCH = 'provided sha does not match query';

/** Apollo and graphql-js wrap at most a few times; a bound keeps a cyclic chain harmless. */
const MAX_CHAIN = 5;

export function createFormatError(logger: ErrorLogger) {
  return function formatError(
    formatted: GraphQLFormattedError,
    error: unknown,
  ): GraphQLFormattedError {
    const found = findCause(error);
    if (found instanceof UpstreamError) {
      const mapped = toGraphQLError(found);
      if (found.kind === 'protocol') logger.warn({ err: found }, 'unusable upstream answer');
      return withGatewayError(formatted, mapped, mapped.message);
    }
    if (found instanceof GatewayError) {
      // Thrown by a resolver: its own message. Wrapped by graphql-js/Apollo (a scalar's
      // parseValue inside a variable error): keep their message, which names the variable.
      const direct = found === error || found === unwrapResolverError(error);
      return withGatewayError(formatted, found, direct ? found.message : formatted.message);
    }
    const code = formatted.extensions?.code;
    if (
      formatted.message === APQ_HASH_MISMATCH &&
      (code ?? MASKED.extensions.code) === MASKED.extensions.code
    ) {
      return {
        ...formatted,
        extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' satisfies ErrorCode },
      };
    }
    if (typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) {
      return { ...formatted, extensions: withoutStacktrace(formatted.extensions) };
    }
    logger.error({ err: error }, 'unexpected error masked as INTERNAL_SERVER_ERROR');
    return {
      message: MASKED.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { ...MASKED.extensions },
    };
  };
}

/** The first GatewayError or UpstreamError down the originalError chain, if any. */
function findCause(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CHAIN && current instanceof Error; depth++) {
    if (current instanceof GatewayError || current instanceof UpstreamError) return current;
    const next = (current as { originalError?: unknown }).originalError;
    if (next === undefined || next === null || next === current) break;
    current = next;
  }
  return undefined;
}

function withGatewayError(
  formatted: GraphQLFormattedError,
  error: GatewayError,
  message: string,
): GraphQLFormattedError {
  const extensions = withoutStacktrace({ ...error.extensions, code: error.errorCode });
  return { ...formatted, message, extensions };
}

function withoutStacktrace(extensions: GraphQLFormattedError['extensions']) {
  if (!extensions) return extensions;
  const { stacktrace: _stacktrace, http: _http, ...rest } = extensions;
  return rest;
}
