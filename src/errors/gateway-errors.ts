// Client-facing errors: a closed set of codes (graphql-api.md §5), one class each, so that a
// resolver or the error mapping never spells a code by hand. Anything that is not one of these
// is masked as INTERNAL_SERVER_ERROR by formatError.
import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

export const ERROR_CODES = [
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
  'SLOW_CONSUMER',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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

/** A subscriber stopped reading and its bounded buffer overflowed (graphql-api.md §10). */
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
