// The caller's identity as the gateway forwards it (docs/graphql-api.md#authentication), as pure
// functions: readCredentials reads the client request, toUpstreamHeaders writes the upstream
// request. Nothing else of the client's request is ever forwarded: allow-list, never pass-through.
//
// Decisions:
// - `Authorization` with another scheme (Basic, Digest, …) is ignored, as if absent, so cookies
//   still count. `Authorization: Bearer` with an empty, multi-part or unsafe token is *rejected*:
//   the caller clearly meant to authenticate, so we neither fall back to cookies nor send junk.
// - A value that is not a safe cookie-octet (RFC 6265: no space, `"`, `,`, `;`, `\`, CTLs) in the
//   token, the cookies or the CSRF header gives `{ kind: 'rejected' }`: every field that needs
//   the upstream then fails with UNAUTHENTICATED and a message naming what was wrong (never the
//   value). Reading never throws, so context creation never fails and introspection still works.
// - A token, cookie or CSRF value over MAX_CREDENTIAL_BYTES is rejected the same way: no real
//   token comes near it, and the upstream would only be handed junk to parse. This one check
//   covers every source: the Authorization header, the cookies, and a graphql-ws
//   connection_init payload (which arrives here as an `authorization` header value and, unlike
//   an HTTP header, may be up to a whole WebSocket message long).
// - No regular expression with a quantified group reads the Authorization value:
//   `/^bearer(?:[ \t]+(.*))?$/i` backtracks quadratically on a value holding "\n" (possible in
//   connection_init), so the scheme is split off by hand.
// - Secrets are private fields, and toJSON / util.inspect print `[redacted]`: a credentials
//   object in a log line, a spread or JSON.stringify shows no token.
import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { UnauthenticatedError } from '../errors/gateway-errors';
import { readCookies, SESSION_COOKIE } from './cookies';

export interface BearerCredentials {
  readonly kind: 'bearer';
  readonly token: string;
}

export interface CookieCredentials {
  readonly kind: 'cookies';
  readonly accessToken: string;
  /** Forwarded only when the client sent it; the upstream answers 401 without it. */
  readonly tokenType?: string;
  readonly csrfCookie?: string;
  readonly csrfHeader?: string;
}

/** Credentials were offered but cannot be forwarded; `reason` never contains the value. */
export interface RejectedCredentials {
  readonly kind: 'rejected';
  readonly reason: string;
}

export type Credentials = BearerCredentials | CookieCredentials | RejectedCredentials;

/** Node's IncomingHttpHeaders shape (lowercase keys, as Node and Fastify give them). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** RFC 6265 cookie-octet: safe verbatim inside a Cookie header and an HTTP header value. */
const SAFE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;
const REDACTED = '[redacted]';
/** Methods the upstream's CSRF middleware lets through without a token. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** The longest token, cookie or CSRF value forwarded (8 KiB); longer ones are rejected. */
export const MAX_CREDENTIAL_BYTES = 8192;

export function readCredentials(headers: RequestHeaders): Credentials | null {
  const authorization = single(header(headers, 'authorization'));
  if (authorization !== undefined) {
    const token = bearerToken(authorization);
    if (token !== undefined) {
      if (token.length > MAX_CREDENTIAL_BYTES) {
        return rejected(`the Authorization: Bearer token is over ${MAX_CREDENTIAL_BYTES} bytes`);
      }
      if (!SAFE_VALUE.test(token)) {
        return rejected('the Authorization: Bearer header does not carry a usable token');
      }
      return new Bearer(token);
    }
  }
  const cookieHeader = header(headers, 'cookie');
  const cookies = cookieHeader === undefined ? {} : readCookies({ cookie: cookieHeader });
  const accessToken = cookies[SESSION_COOKIE];
  if (accessToken === undefined) return null;
  const values = {
    accessToken,
    tokenType: cookies.tokentype,
    csrfCookie: cookies._csrf,
    csrfHeader: single(header(headers, 'x-csrf-token')),
  };
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value.length > MAX_CREDENTIAL_BYTES) {
      return rejected(`the ${LABELS[name]} is over ${MAX_CREDENTIAL_BYTES} bytes`);
    }
    if (value !== undefined && !SAFE_VALUE.test(value)) {
      return rejected(`the ${LABELS[name]} contains characters that cannot be forwarded`);
    }
  }
  return new Cookies(values);
}

/**
 * The token of a `Bearer` Authorization value ('' when there is none after the scheme), or
 * undefined for another scheme. The scheme is case-insensitive and ends at spaces or tabs;
 * what follows is the token, whatever it holds (SAFE_VALUE then refuses a newline or inner
 * whitespace). Linear in the value's length: one trim, one scan, one slice.
 */
function bearerToken(authorization: string): string | undefined {
  const value = authorization.trim();
  if (value.slice(0, 6).toLowerCase() !== 'bearer') return undefined;
  let start = 6;
  while (start < value.length && isBlank(value.charCodeAt(start))) start++;
  if (start === 6 && value.length > 6) return undefined; // "Bearerx": another scheme
  return value.slice(start);
}

const isBlank = (code: number) => code === 0x20 || code === 0x09;

const LABELS: Record<string, string> = {
  accessToken: 'accesstoken cookie',
  tokenType: 'tokentype cookie',
  csrfCookie: '_csrf cookie',
  csrfHeader: 'X-CSRF-Token header',
};

/**
 * Exactly the headers to send upstream for one call. A bearer token travels as the session
 * cookies (the upstream refuses a user token in Authorization, docs/upstream.md#authentication),
 * plus on POST a fresh double-submit CSRF pair, since a bearer caller cannot be a CSRF victim.
 * Cookie callers are forwarded verbatim so the upstream's own CSRF check applies to them.
 * Throws UnauthenticatedError for rejected credentials.
 */
export function toUpstreamHeaders(
  credentials: Credentials,
  method: string,
): Record<string, string> {
  switch (credentials.kind) {
    case 'bearer': {
      const cookies = [`accesstoken=${credentials.token}`, 'tokentype=bearer'];
      // The upstream checks CSRF on every unsafe method: POST, PUT and DELETE (§13.12 D1).
      if (SAFE_METHODS.has(method.toUpperCase())) return { cookie: cookies.join('; ') };
      const csrf = randomBytes(32).toString('base64url');
      return { cookie: [...cookies, `_csrf=${csrf}`].join('; '), 'x-csrf-token': csrf };
    }
    case 'cookies': {
      const cookies = [`accesstoken=${credentials.accessToken}`];
      if (credentials.tokenType !== undefined) cookies.push(`tokentype=${credentials.tokenType}`);
      if (credentials.csrfCookie !== undefined) cookies.push(`_csrf=${credentials.csrfCookie}`);
      const headers: Record<string, string> = { cookie: cookies.join('; ') };
      if (credentials.csrfHeader !== undefined) headers['x-csrf-token'] = credentials.csrfHeader;
      return headers;
    }
    case 'rejected':
      throw new UnauthenticatedError(`Authentication failed: ${credentials.reason}`);
    default:
      throw new TypeError(`unknown credentials kind: ${(credentials as { kind: unknown }).kind}`);
  }
}

/**
 * A stable, non-reversible name for the caller, for per-credential counting (the rate limit):
 * a SHA-256 of the token, so neither logs, metrics nor Redis keys ever hold the token itself.
 * Null when there is nothing the upstream would accept (no or rejected credentials).
 */
export function callerKey(credentials: Credentials | null): string | null {
  if (credentials === null || credentials.kind === 'rejected') return null;
  const token = credentials.kind === 'bearer' ? credentials.token : credentials.accessToken;
  return createHash('sha256').update(token).digest('base64url');
}

function rejected(reason: string): RejectedCredentials {
  return { kind: 'rejected', reason };
}

/**
 * Secrets live in private fields, read through getters: never own properties, so neither
 * Object.keys, a spread nor JSON.stringify sees them, and toJSON / util.inspect print
 * `[redacted]`. Classes rather than per-object property descriptors: every request builds one,
 * and four defineProperty calls plus a freeze were 3 % of a request's CPU (bench/RESULTS.md).
 */
abstract class Redacted {
  abstract readonly kind: string;
  toJSON() {
    return { kind: this.kind, secrets: REDACTED };
  }
  [inspect.custom]() {
    return this.toJSON();
  }
}

class Bearer extends Redacted implements BearerCredentials {
  readonly kind = 'bearer';
  readonly #token: string;
  constructor(token: string) {
    super();
    this.#token = token;
    Object.freeze(this);
  }
  get token() {
    return this.#token;
  }
}

class Cookies extends Redacted implements CookieCredentials {
  readonly kind = 'cookies';
  readonly #accessToken: string;
  readonly #tokenType: string | undefined;
  readonly #csrfCookie: string | undefined;
  readonly #csrfHeader: string | undefined;
  constructor(values: Omit<CookieCredentials, 'kind'>) {
    super();
    this.#accessToken = values.accessToken;
    this.#tokenType = values.tokenType;
    this.#csrfCookie = values.csrfCookie;
    this.#csrfHeader = values.csrfHeader;
    Object.freeze(this);
  }
  get accessToken() {
    return this.#accessToken;
  }
  get tokenType() {
    return this.#tokenType;
  }
  get csrfCookie() {
    return this.#csrfCookie;
  }
  get csrfHeader() {
    return this.#csrfHeader;
  }
}

function header(headers: RequestHeaders, name: string): string | string[] | undefined {
  if (name in headers) return headers[name];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** A repeated header (an array) is ambiguous for these single-valued ones: keep the first. */
function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
