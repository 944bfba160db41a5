// Client-facing errors: one class per code a resolver or the error mapping throws (the codes
// are error-codes.ts's), so that neither spells a code by hand. Anything that is not one of these
// is masked as INTERNAL_SERVER_ERROR by formatError.
import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

import type { ErrorCode } from './error-codes';

export { ERROR_CODES, type ErrorCode } from './error-codes';

/** What the client may see of an upstream error body: never its URL, headers or `desc`. */
export interface UpstreamErrorExtension {
  status: number;
  code: string;
  origin: string;
  details: Record<string, string>;
}

export interface GatewayErrorOptions {
  upstream?: UpstreamErrorExtension;
  /** Extra extensions next to `code` (e.g. `fields`, `reason`, `requiredAcr`). */
  extensions?: Record<string, unknown>;
  originalError?: Error;
}

export class GatewayError extends GraphQLError {
  constructor(
    readonly errorCode: ErrorCode,
    message: string,
    options: GatewayErrorOptions = {},
  ) {
    const extensions: Record<string, unknown> = { code: errorCode, ...options.extensions };
    if (options.upstream) extensions.upstream = options.upstream;
    const graphqlOptions: GraphQLErrorOptions = {
      extensions,
      originalError: options.originalError,
    };
    super(message, graphqlOptions);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends GatewayError {
  constructor(
    message = 'Authentication required: send Authorization: Bearer <token> or the session cookies',
    options?: GatewayErrorOptions,
  ) {
    super('UNAUTHENTICATED', message, options);
  }
}

/**
 * The gateway's own argument checks; `fields` maps the argument name to the reason. A scalar
 * cannot know which argument it parses, so its `fields` is empty and then left out.
 */
export class BadUserInputError extends GatewayError {
  constructor(message: string, fields: Record<string, string>, options: GatewayErrorOptions = {}) {
    const named = Object.keys(fields).length > 0 ? { fields } : {};
    super('BAD_USER_INPUT', message, {
      ...options,
      extensions: { ...named, ...options.extensions },
    });
  }
}

export class QueryTooComplexError extends GatewayError {
  constructor(message: string, extensions?: Record<string, unknown>) {
    super('QUERY_TOO_COMPLEX', message, { extensions });
  }
}

/** Answered 400: the request named a trusted document the manifest does not hold. */
export class PersistedQueryNotFoundError extends GatewayError {
  constructor(documentId: string) {
    super(
      'PERSISTED_QUERY_NOT_FOUND',
      `documentId ${JSON.stringify(documentId)} is not in this gateway's trusted documents`,
      { extensions: { documentId, http: { status: 400 } } },
    );
  }
}

/** Answered 400, before parsing: only the manifest's documents run (PERSISTED_DOCUMENTS_ONLY). */
export class PersistedQueryNotAllowedError extends GatewayError {
  constructor() {
    super(
      'PERSISTED_QUERY_NOT_ALLOWED',
      'this gateway runs trusted documents only: send the documentId of a document in its manifest instead of the document',
      { extensions: { http: { status: 400 } } },
    );
  }
}

/** Over RATE_LIMIT_PER_MINUTE (docs/operations.md#rate-limit): answered 429 before any upstream call. */
export class RateLimitedError extends GatewayError {
  constructor(
    readonly retryAfterSeconds: number,
    limitPerMinute: number,
  ) {
    super(
      'RATE_LIMITED',
      `Rate limit exceeded: at most ${limitPerMinute} operations per minute for these credentials; retry in ${retryAfterSeconds} s`,
      { extensions: { retryAfterSeconds } },
    );
  }
}

/** A subscriber stopped reading and its bounded buffer overflowed (docs/realtime.md). */
export class SlowConsumerError extends GatewayError {
  constructor(buffered: number) {
    super(
      'SLOW_CONSUMER',
      `the client stopped reading: more than ${buffered} updates were waiting, so the subscription ended`,
      { extensions: { limit: buffered } },
    );
  }
}

/** The gateway's own capacity bound on upstream sockets was reached: try again later. */
export class UpstreamCapacityError extends GatewayError {
  constructor(limit: number) {
    super(
      'UPSTREAM_UNAVAILABLE',
      `the gateway holds its maximum of ${limit} upstream realtime sockets; try again later`,
      { extensions: { reason: 'socket_limit' } },
    );
  }
}
