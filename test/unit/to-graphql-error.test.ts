// docs/graphql-api.md#errors as a table: every upstream status/origin/details case → client code
// and extensions; nothing of the upstream's desc, URL or headers ever shows.
import { GatewayError } from '../../src/errors/gateway-errors';
import { toGraphQLError } from '../../src/errors/to-graphql-error';
import {
  UpstreamHttpError,
  UpstreamProtocolError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../src/upstream/upstream-errors';
import type { UpstreamErrorBody } from '../../src/upstream/upstream-types';

const call = { method: 'GET', route: '/boxes/:id/events' };
const SECRET_DESC = 'box 0b7e0c6c-1111-4b5c-9a35-4e8e2a7f0d11: must be a member (token tok-123)';

const body = (
  code: string,
  origin: string,
  details: Record<string, string> | null,
): UpstreamErrorBody => ({
  code,
  origin,
  desc: SECRET_DESC,
  details,
});

describe('toGraphQLError: upstream HTTP answers', () => {
  it.each([
    ['401', 401, body('unauthorized', 'not_defined', {}), 'UNAUTHENTICATED', {}],
    [
      '401 headers origin',
      401,
      body('unauthorized', 'headers', { Authorization: 'invalid' }),
      'UNAUTHENTICATED',
      {},
    ],
    [
      '403 not member',
      403,
      body('forbidden', 'not_defined', { reason: 'not_member', sender_id: 'forbidden' }),
      'FORBIDDEN',
      { reason: 'not_member' },
    ],
    [
      '403 no access',
      403,
      body('forbidden', 'not_defined', { reason: 'no_access' }),
      'FORBIDDEN',
      { reason: 'no_access' },
    ],
    ['403 without reason', 403, body('forbidden', 'not_defined', {}), 'FORBIDDEN', {}],
    ['403 csrf', 403, body('forbidden', 'not_defined', { csrf_token: 'invalid' }), 'FORBIDDEN', {}],
    [
      '403 acr 2',
      403,
      body('forbidden', 'acr', { acr: 'forbidden', required_acr: '2' }),
      'STEP_UP_REQUIRED',
      { requiredAcr: 2 },
    ],
    [
      '403 acr 1',
      403,
      body('forbidden', 'acr', { acr: 'forbidden', required_acr: '1' }),
      'STEP_UP_REQUIRED',
      { requiredAcr: 1 },
    ],
    [
      '403 acr without level',
      403,
      body('forbidden', 'acr', { acr: 'forbidden' }),
      'STEP_UP_REQUIRED',
      {},
    ],
    [
      '403 acr bad level',
      403,
      body('forbidden', 'acr', { required_acr: 'two' }),
      'STEP_UP_REQUIRED',
      {},
    ],
    ['404', 404, body('not_found', 'not_defined', { id: 'not_found' }), 'NOT_FOUND', {}],
    [
      '409',
      409,
      body('conflict', 'not_defined', { content: 'conflict', box_id: 'conflict' }),
      'CONFLICT',
      {},
    ],
    ['410', 410, body('gone', 'not_defined', {}), 'GONE', {}],
    [
      '400 fields',
      400,
      body('bad_request', 'not_defined', { type: 'malformed' }),
      'BAD_USER_INPUT',
      { fields: { type: 'malformed' } },
    ],
    [
      '400 "-" key',
      400,
      body('bad_request', 'not_defined', { '-': 'invalid' }),
      'BAD_USER_INPUT',
      { fields: { '-': 'invalid' } },
    ],
    ['400 no details', 400, body('bad_request', 'body', {}), 'BAD_USER_INPUT', {}],
    [
      '422',
      422,
      body('unprocessable_entity', 'not_defined', { value: 'invalid' }),
      'BAD_USER_INPUT',
      { fields: { value: 'invalid' } },
    ],
    ['500', 500, body('internal', 'not_defined', null), 'UPSTREAM_ERROR', {}],
    ['500 no_code', 500, body('no_code', 'body', {}), 'UPSTREAM_ERROR', {}],
    ['502 no body', 502, null, 'UPSTREAM_ERROR', {}],
    ['503', 503, null, 'UPSTREAM_ERROR', {}],
    ['504', 504, null, 'UPSTREAM_ERROR', {}],
    ['405', 405, body('method_not_allowed', 'not_defined', {}), 'UPSTREAM_ERROR', {}],
    ['413', 413, body('request_entity_too_large', 'not_defined', {}), 'UPSTREAM_ERROR', {}],
    ['429', 429, null, 'UPSTREAM_ERROR', {}],
  ] as const)('%s', (_name, status, upstreamBody, code, extra) => {
    const error = toGraphQLError(new UpstreamHttpError(status, upstreamBody, call));
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.errorCode).toBe(code);
    const { code: extCode, upstream, ...rest } = error.extensions as Record<string, unknown>;
    expect(extCode).toBe(code);
    expect(rest).toEqual(extra);
    expect(upstream).toEqual({
      status,
      code: upstreamBody?.code ?? expect.any(String),
      origin: upstreamBody?.origin ?? 'not_defined',
      details: upstreamBody?.details ?? {},
    });
    const visible = JSON.stringify({ message: error.message, extensions: error.extensions });
    expect(visible).not.toContain('must be a member');
    expect(visible).not.toContain('0b7e0c6c');
    expect(visible).not.toContain('tok-123');
    expect(visible).not.toContain('/boxes');
  });

  it('gives HEAD errors (no body) the upstream code for their status', () => {
    expect(toGraphQLError(new UpstreamHttpError(403, null, call)).extensions.upstream).toEqual({
      status: 403,
      code: 'forbidden',
      origin: 'not_defined',
      details: {},
    });
    expect(toGraphQLError(new UpstreamHttpError(400, null, call)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      upstream: { status: 400, code: 'bad_request', origin: 'not_defined', details: {} },
    });
  });

  it('copies details, so the error never shares the upstream object', () => {
    const details = { type: 'malformed' };
    const error = toGraphQLError(
      new UpstreamHttpError(400, body('bad_request', 'not_defined', details), call),
    );
    details.type = 'changed';
    expect(error.extensions.fields).toEqual({ type: 'malformed' });
    expect((error.extensions.upstream as { details: object }).details).toEqual({
      type: 'malformed',
    });
  });

  it('keeps the upstream error as originalError, for logs', () => {
    const upstream = new UpstreamHttpError(404, null, call);
    expect(toGraphQLError(upstream).originalError).toBe(upstream);
  });
});

describe('toGraphQLError: no HTTP answer', () => {
  it.each([
    ['timeout', new UpstreamTimeoutError(10_000, call), 'UPSTREAM_TIMEOUT'],
    [
      'unavailable',
      new UpstreamUnavailableError('upstream refused the connection', call),
      'UPSTREAM_UNAVAILABLE',
    ],
    [
      'protocol',
      new UpstreamProtocolError('upstream X-Total-Count header is missing', call),
      'UPSTREAM_ERROR',
    ],
  ])('%s', (_name, upstream, code) => {
    const error = toGraphQLError(upstream);
    expect(error.extensions).toEqual({ code });
    expect(error.message).not.toMatch(/10000|X-Total-Count|refused/);
  });
});
