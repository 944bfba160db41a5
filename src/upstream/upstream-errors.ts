// Upstream failures as a small closed set of classes with stable internal kinds (lowercase, so
// they are never mistaken for the client codes errors/ owns).
// They are built where a failure is seen (the transport and upstream-failures.ts, the API
// methods and event readers for unusable answers, the realtime socket); to-graphql-error maps
// them to client codes in one place. These never reach a client as they are.
import type { UpstreamErrorBody } from './upstream-types';

export type UpstreamErrorKind =
  | 'http' // the upstream answered with an error status
  | 'timeout' // our per-call deadline passed
  | 'unavailable' // refused, reset, DNS, circuit open
  | 'protocol'; // an answer we cannot use: bad JSON, missing X-Total-Count, malformed event

export interface UpstreamCall {
  method: string;
  /** Route template, never raw ids: `/boxes/:id/events`. */
  route: string;
}

export abstract class UpstreamError extends Error {
  abstract readonly kind: UpstreamErrorKind;
  constructor(
    message: string,
    readonly call: UpstreamCall | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UpstreamHttpError extends UpstreamError {
  readonly kind = 'http';
  constructor(
    readonly status: number,
    /** The parsed error envelope, or null when the body was not one. */
    readonly body: UpstreamErrorBody | null,
    call?: UpstreamCall,
    /** The answer's Retry-After, in ms, when it had one in seconds. */
    readonly retryAfterMs?: number,
  ) {
    super(`upstream answered ${status}${body ? ` (${body.code})` : ''}`, call);
  }
}

export class UpstreamTimeoutError extends UpstreamError {
  readonly kind = 'timeout';
  constructor(
    readonly timeoutMs: number,
    call?: UpstreamCall,
    cause?: unknown,
  ) {
    super(`upstream did not answer within ${timeoutMs} ms`, call, { cause });
  }
}

export class UpstreamUnavailableError extends UpstreamError {
  readonly kind = 'unavailable';
  constructor(message: string, call?: UpstreamCall, cause?: unknown) {
    super(message, call, { cause });
  }
}

export class UpstreamProtocolError extends UpstreamError {
  readonly kind = 'protocol';
  constructor(message: string, call?: UpstreamCall, cause?: unknown) {
    super(message, call, { cause });
  }
}
