// The upstream error envelope (docs/upstream.md#errors): exactly code, origin, desc, details, in
// that order. Handlers throw ApiError; the router is the one place that writes it out.
import { STATUS_CODES } from 'node:http';
import type { UpstreamErrorBody } from '../src/upstream/upstream-types';

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'gone'
  | 'request_entity_too_large'
  | 'unprocessable_entity'
  | 'internal'
  | 'no_code';

export type ErrorOrigin =
  'body' | 'query' | 'path' | 'headers' | 'cookies' | 'acr' | 'internal' | 'not_defined';

export type Details = Record<string, string>;

const STATUS_OF_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  request_entity_too_large: 413,
  unprocessable_entity: 422,
  // merr maps internal and every unknown code (no_code included) to 500.
  internal: 500,
  no_code: 500,
};

export class ApiError extends Error {
  readonly status: number;
  readonly body: UpstreamErrorBody;
  constructor(
    code: ErrorCode,
    desc = '',
    details: Details = {},
    origin: ErrorOrigin = 'not_defined',
  ) {
    super(desc);
    this.status = STATUS_OF_CODE[code];
    // Built literally so the key order on the wire is code, origin, desc, details.
    this.body = { code, origin, desc, details };
  }
}

export const badRequest = (
  desc: string,
  details: Details = {},
  origin: ErrorOrigin = 'not_defined',
) => new ApiError('bad_request', desc, details, origin);
export const forbidden = (desc: string, details: Details = {}) =>
  new ApiError('forbidden', desc, details);
export const notFound = (desc: string, details: Details = {}) =>
  new ApiError('not_found', desc, details);
export const conflict = (desc: string, details: Details = {}) =>
  new ApiError('conflict', desc, details);
export const gone = (desc: string) => new ApiError('gone', desc);
export const unauthorized = (
  desc: string,
  details: Details = {},
  origin: ErrorOrigin = 'not_defined',
) => new ApiError('unauthorized', desc, details, origin);

/** 403 for reads and member-only writes (§4); the desc is the only thing that varies. */
export const notMember = (desc = 'must be a member') =>
  forbidden(desc, { reason: 'not_member', sender_id: 'forbidden' });

/** Prefixes a handler error's desc the way the Go code chains "<outer>: <inner>". */
export function withPrefix(err: unknown, prefix: string): unknown {
  if (!(err instanceof ApiError)) return err;
  const body = err.body;
  const out = new ApiError(
    body.code as ErrorCode,
    body.desc === '' ? prefix : `${prefix}: ${body.desc}`,
    body.details ?? {},
    body.origin as ErrorOrigin,
  );
  return out;
}

const CODE_OF_STATUS = new Map<number, ErrorCode>(
  (Object.entries(STATUS_OF_CODE) as [ErrorCode, number][])
    .filter(([code]) => code !== 'no_code')
    .map(([code, status]) => [status, code]),
);

/** The envelope a fault of kind 'status' sends when the test gives no body. */
export function envelopeForStatus(status: number): UpstreamErrorBody {
  const code = CODE_OF_STATUS.get(status) ?? (status >= 500 ? 'internal' : 'no_code');
  return { code, origin: 'not_defined', desc: STATUS_CODES[status] ?? '', details: {} };
}
