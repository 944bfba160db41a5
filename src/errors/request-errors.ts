// Request errors the streaming transports (pipeline/stream-operation.ts) answer as Apollo
// answers them over HTTP, the refusals written before any GraphQL runs (the WebSocket upgrade,
// the SSE Origin check), and the code sets other layers test against: here so that errors/ is the
// one place a client-visible code or message is written.
import { GraphQLError, type ASTNode, type GraphQLErrorExtensions } from 'graphql';
import type { ErrorCode } from './error-codes';

const coded = (code: ErrorCode, message: string, nodes?: readonly ASTNode[], extensions = {}) =>
  new GraphQLError(message, { nodes, extensions: { ...extensions, code } });

export const noQueryDocument = () => coded('BAD_REQUEST', 'the request has no query document');
export const noSuchOperation = () =>
  coded('BAD_REQUEST', 'the document has no operation of that name');
export const parseFailed = (error: GraphQLError) => coded('GRAPHQL_PARSE_FAILED', error.message);
export const validationFailed = (error: GraphQLError) =>
  coded('GRAPHQL_VALIDATION_FAILED', error.message, error.nodes, error.extensions);
/** Variables that do not coerce (graphql-js leaves such errors uncoded). */
export const variablesInvalid = (error: GraphQLError) =>
  coded('BAD_USER_INPUT', error.message, error.nodes);

/** What the spec calls request errors, as Apollo codes them (http/legacy-json-status-plugin.ts). */
export const REQUEST_ERROR_CODES: ReadonlySet<unknown> = new Set<ErrorCode>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
]);

/** Codes that mean the caller may not read a box (or no longer has working credentials). */
export const ACCESS_REFUSED_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
]);

/** The credentials no longer work upstream (a token that expired or was revoked). */
export const isUnauthenticated = (error: { errorCode: ErrorCode }) =>
  error.errorCode === 'UNAUTHENTICATED';

/** The body of a refusal answered before any GraphQL runs: `{ message, code }`. */
export interface Refusal {
  message: string;
  code: ErrorCode;
}

/** A cookie-authenticated upgrade or stream from a foreign Origin (docs/realtime.md). */
export const ORIGIN_REFUSED: Refusal = {
  message:
    "cookie-authenticated realtime requests are only accepted from the gateway's own origin or ALLOWED_ORIGINS",
  code: 'FORBIDDEN',
};
export const NO_WEBSOCKET_HERE: Refusal = { message: 'no WebSocket here', code: 'BAD_REQUEST' };

/** The refusal as a GraphQL response body. */
export const refusalBody = ({ message, code }: Refusal) => ({
  errors: [{ message, extensions: { code } satisfies GraphQLErrorExtensions }],
});
