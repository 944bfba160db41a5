// Every `extensions.code` a client can receive, and the one masked answer. The closed set of
// docs/graphql-api.md#errors plus the request-level codes Apollo itself answers with (a document
// that does not parse or validate, an ambiguous operation, a malformed HTTP request, persisted
// queries sent while they are off). test/setup-error-codes.ts fails any test whose gateway
// response carries a code outside this list.
export const ERROR_CODES = [
  // docs/graphql-api.md#errors
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'STEP_UP_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'GONE',
  'BAD_USER_INPUT',
  'UPSTREAM_ERROR',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'QUERY_TOO_COMPLEX',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'RATE_LIMITED',
  'SLOW_CONSUMER',
  'INTERNAL_SERVER_ERROR',
  // Apollo's request-level codes: they describe the client's request, not a failure of ours.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
  // An APQ registration whose sha256Hash is not its query's: Apollo Server answers 400 with
  // no code at all (which formatError would mask), Apollo Router with this code.
  'PERSISTED_QUERY_HASH_MISMATCH',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes Apollo sets on request-level errors; formatError passes them through unchanged. */
export const APOLLO_REQUEST_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Anything we did not anticipate: the client learns nothing of it, the log has the original. */
export const MASKED = {
  message: 'Internal server error',
  extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
} as const;

/** The code of an already formatted error, INTERNAL_SERVER_ERROR when it has none. */
export function codeOf(formatted: { extensions?: Record<string, unknown> }): string {
  return String(formatted.extensions?.code ?? MASKED.extensions.code);
}
