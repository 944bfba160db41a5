// What a client sees when the request fails before Apollo reads it (Fastify's body parsing,
// routing): the code and a fixed message per case. Fastify's own bodies carry its internal
// error codes, and a 5xx must not carry anything at all. http/error-handler.ts sends these.
import { STATUS_CODES } from 'node:http';
import { MASKED, type ErrorCode } from './error-codes';

export interface HttpErrorAnswer {
  code: ErrorCode;
  message: string;
  extensions?: Record<string, unknown>;
}

/** Fastify's 4xx errors named precisely; any other 4xx keeps its status with a generic message. */
const KNOWN = new Map<string, (maxBodyBytes: number) => HttpErrorAnswer>([
  [
    'FST_ERR_CTP_BODY_TOO_LARGE',
    (maxBodyBytes) => ({
      code: 'QUERY_TOO_COMPLEX',
      message: `request body is over ${maxBodyBytes} bytes; at most ${maxBodyBytes} are allowed`,
      extensions: { limit: maxBodyBytes },
    }),
  ],
  [
    'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    () => ({
      code: 'BAD_REQUEST',
      message: 'unsupported Content-Type: POST application/json, or use GET',
    }),
  ],
  [
    'FST_ERR_CTP_INVALID_JSON_BODY',
    () => ({ code: 'BAD_REQUEST', message: 'request body is not valid JSON' }),
  ],
  [
    'FST_ERR_CTP_EMPTY_JSON_BODY',
    () => ({ code: 'BAD_REQUEST', message: 'request body is empty' }),
  ],
]);

/** A 4xx Fastify raised while reading the request. */
export function clientHttpError(
  fastifyCode: string,
  status: number,
  maxBodyBytes: number,
): HttpErrorAnswer {
  return (
    KNOWN.get(fastifyCode)?.(maxBodyBytes) ?? {
      code: 'BAD_REQUEST',
      message: STATUS_CODES[status] ?? 'Bad Request',
    }
  );
}

export const internalHttpError = (): HttpErrorAnswer => ({
  code: MASKED.extensions.code,
  message: MASKED.message,
});

export const methodNotAllowed = (method: string, path: string): HttpErrorAnswer => ({
  code: 'BAD_REQUEST',
  message: `${method} is not supported on ${path}`,
});

export const routeNotFound = (): HttpErrorAnswer => ({ code: 'NOT_FOUND', message: 'Not Found' });

/** Apollo's CSRF-prevention wording, kept so clients and docs that know it still match. */
export const csrfRefused = (headers: readonly string[]): HttpErrorAnswer => ({
  code: 'BAD_REQUEST',
  message:
    'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). ' +
    'The request carries cookies: send a non-simple Content-Type (not ' +
    `${SIMPLE_CONTENT_TYPES.join(', ')}) or a non-empty ${headers.join(' or ')} header`,
});

/** The content types a cross-site page can POST without a CORS preflight. */
export const SIMPLE_CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
] as const;

/** A multipart upload without a preflight header: Apollo's rule for uploads, credentials or not. */
export const uploadPreflightRequired = (headers: readonly string[]): HttpErrorAnswer => ({
  code: 'BAD_REQUEST',
  message:
    'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). ' +
    `A multipart/form-data request (a file upload) needs a non-empty ${headers.join(' or ')} header`,
});

/** A multipart request whose length alone shows its file is over MAX_UPLOAD_BYTES. */
export const uploadTooLarge = (maxUploadBytes: number): HttpErrorAnswer => ({
  code: 'BAD_USER_INPUT',
  message: `the file is over ${maxUploadBytes} bytes; at most ${maxUploadBytes} are allowed`,
  extensions: {
    fields: { file: `must be at most ${maxUploadBytes} bytes` },
    limit: maxUploadBytes,
  },
});

/** A multipart request that does not follow the GraphQL multipart request spec. */
export const badMultipart = (why: string): HttpErrorAnswer => ({
  code: 'BAD_REQUEST',
  message: `not a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec): ${why}`,
});
