// The one mapping from an upstream failure to what a client sees (docs/graphql-api.md#errors). A
// table keyed by status; the two refinements (origin `acr`, the details carried as extensions) are
// the only logic. Messages are human and generic: never an id, a URL, a token or the upstream
// `desc` (which echoes internals).
import type { UpstreamErrorBody } from '../upstream/upstream-types';
import { UpstreamError, UpstreamHttpError } from '../upstream/upstream-errors';
import { GatewayError, type ErrorCode, type UpstreamErrorExtension } from './gateway-errors';

interface Row {
  code: ErrorCode;
  message: string;
}

const BY_STATUS: ReadonlyMap<number, Row> = new Map<number, Row>([
  [400, { code: 'BAD_USER_INPUT', message: 'The upstream service rejected the input' }],
  [
    401,
    { code: 'UNAUTHENTICATED', message: 'The upstream service did not accept the credentials' },
  ],
  [403, { code: 'FORBIDDEN', message: 'Not allowed to do this on this box' }],
  [404, { code: 'NOT_FOUND', message: 'Not found' }],
  [409, { code: 'CONFLICT', message: 'This conflicts with the current state of the box' }],
  [410, { code: 'GONE', message: 'This message has already been deleted' }],
  [422, { code: 'BAD_USER_INPUT', message: 'The upstream service rejected the input' }],
]);

const STEP_UP: Row = { code: 'STEP_UP_REQUIRED', message: 'A stronger authentication is required' };
/** 5xx, and any other 4xx (405, 413, 429…): nothing the caller can fix by changing the query. */
const OTHER_STATUS: Row = {
  code: 'UPSTREAM_ERROR',
  message: 'The upstream service failed to answer this request',
};

/**
 * The upstream code for a status (docs/upstream.md#errors), used when an answer has no envelope
 * (HEAD errors never have a body) so `extensions.upstream` keeps one shape.
 */
const CODE_BY_STATUS: ReadonlyMap<number, string> = new Map([
  [400, 'bad_request'],
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [404, 'not_found'],
  [405, 'method_not_allowed'],
  [409, 'conflict'],
  [410, 'gone'],
  [413, 'request_entity_too_large'],
  [422, 'unprocessable_entity'],
  [500, 'internal'],
]);

export function toGraphQLError(error: UpstreamError): GatewayError {
  if (error instanceof UpstreamHttpError) return fromHttpError(error);
  switch (error.kind) {
    case 'timeout':
      return new GatewayError('UPSTREAM_TIMEOUT', 'The upstream service did not answer in time', {
        originalError: error,
      });
    case 'unavailable':
      return new GatewayError('UPSTREAM_UNAVAILABLE', 'The upstream service is unavailable', {
        originalError: error,
      });
    case 'protocol':
      return new GatewayError(
        'UPSTREAM_ERROR',
        'The upstream service sent an answer that could not be used',
        {
          originalError: error,
        },
      );
    default:
      return new GatewayError('UPSTREAM_ERROR', OTHER_STATUS.message, { originalError: error });
  }
}

function fromHttpError(error: UpstreamHttpError): GatewayError {
  const upstream = toExtension(error.status, error.body);
  const details = upstream.details;
  const extensions: Record<string, unknown> = {};
  let row = BY_STATUS.get(error.status) ?? OTHER_STATUS;
  if (error.status === 403 && upstream.origin === 'acr') {
    row = STEP_UP;
    const required = details.required_acr;
    if (required !== undefined && /^\d+$/.test(required)) extensions.requiredAcr = Number(required);
  } else if (row.code === 'FORBIDDEN' && details.reason !== undefined) {
    extensions.reason = details.reason;
  } else if (row.code === 'BAD_USER_INPUT' && Object.keys(details).length > 0) {
    extensions.fields = { ...details };
  }
  return new GatewayError(row.code, row.message, { upstream, extensions, originalError: error });
}

function toExtension(status: number, body: UpstreamErrorBody | null): UpstreamErrorExtension {
  if (!body) {
    return {
      status,
      code: CODE_BY_STATUS.get(status) ?? 'unknown',
      origin: 'not_defined',
      details: {},
    };
  }
  return { status, code: body.code, origin: body.origin, details: { ...(body.details ?? {}) } };
}
