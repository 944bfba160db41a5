// Authentication, ACR and CSRF exactly as the upstream's middleware chain does them (§2).
import { randomBytes } from 'node:crypto';
import { ApiError, forbidden, unauthorized } from './errors';
import type { ParsedRequest } from './request-parsing';
import type { Identity, Store } from './store';

export interface RouteAuth {
  /** Endpoints 2–6 refuse tokens issued to another OAuth client (§1.1). */
  selfClientOnly: boolean;
  /** 0 = no ACR check (the websocket, §9.1). */
  minAcr: 0 | 1 | 2;
}

export const ANY_CLIENT_ACR1: RouteAuth = { selfClientOnly: false, minAcr: 1 };
export const SELF_ACR1: RouteAuth = { selfClientOnly: true, minAcr: 1 };
export const SELF_ACR2: RouteAuth = { selfClientOnly: true, minAcr: 2 };
/** The websocket checks no ACR (§9.1, §9.8 #1). */
export const ANY_CLIENT_NO_ACR: RouteAuth = { selfClientOnly: false, minAcr: 0 };
/** GET /auth/userinfo: NewOptional, the self-client middleware without an ACR check (§13.11). */
export const SELF_NO_ACR: RouteAuth = { selfClientOnly: true, minAcr: 0 };

const BEARER = /^Bearer\s+(.*)$/i;

const inactive = () => unauthorized('token is not active', { Authorization: 'invalid' }, 'headers');

/**
 * Cookies (`accesstoken` + `tokentype=bearer`) for users, `Authorization: Bearer` for machines.
 * An Authorization value that is not a Bearer credential is not a way of giving authorization,
 * which is why junk there plus cookies still authenticates (and skips CSRF, §2.3).
 */
export function authenticate(store: Store, req: ParsedRequest, route: RouteAuth): Identity {
  const bearer = BEARER.exec(req.headers.authorization ?? '');
  const cookieToken = req.cookies.accesstoken;
  let identity: Identity | undefined;
  if (bearer) {
    if (cookieToken !== undefined) throw unauthorized('too much way of giving authorization');
    identity = store.identityByToken((bearer[1] as string).trim());
    if (!identity) throw inactive();
    checkClient(identity, route);
    if (identity.kind === 'user') {
      throw unauthorized('access token must be sent using cookies and a csrf token');
    }
  } else {
    // A missing tokentype discards the cookie-specific error: same body as no token at all.
    if (cookieToken === undefined || req.cookies.tokentype === undefined) {
      throw unauthorized('missing authorization');
    }
    // Upstream panics here (500); §0 decision 10 makes it a 401.
    if (req.cookies.tokentype !== 'bearer' || cookieToken === '') {
      throw unauthorized(
        'tokentype cookie must be bearer and accesstoken cookie must not be empty',
      );
    }
    identity = store.identityByToken(cookieToken);
    if (!identity) throw inactive();
    checkClient(identity, route);
  }
  if (identity.acr < route.minAcr) {
    throw new ApiError(
      'forbidden',
      'acr is too low',
      { acr: 'forbidden', required_acr: String(route.minAcr) },
      'acr',
    );
  }
  return identity;
}

function checkClient(identity: Identity, route: RouteAuth): void {
  if (route.selfClientOnly && identity.client === 'other') {
    throw unauthorized('unauthorized client', {}, 'cookies');
  }
}

/** echo checks every method except these: POST, PUT and DELETE all need the token (§13.1 D1). */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(): string {
  const bytes = randomBytes(32);
  let out = '';
  for (const byte of bytes) out += TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length];
  return out;
}

export type CsrfOutcome = { kind: 'skipped' } | { kind: 'passed'; token: string };

/**
 * echo's double-submit middleware: global, skipped when any non-empty Authorization header is
 * present; on unsafe methods X-CSRF-Token must equal the `_csrf` cookie. With no cookie the
 * token is freshly generated, so it can never match.
 */
export function checkCsrf(req: ParsedRequest): CsrfOutcome {
  if ((req.headers.authorization ?? '') !== '') return { kind: 'skipped' };
  const cookie = req.cookies._csrf;
  const token = cookie ?? randomToken();
  if (!SAFE.has(req.method)) {
    const sent = req.headers['x-csrf-token'] ?? '';
    if (cookie === undefined || sent !== token) {
      throw forbidden('invalid csrf token: code=403, message=invalid csrf token', {
        csrf_token: 'invalid',
      });
    }
  }
  return { kind: 'passed', token };
}

/** The cookie the middleware sets or refreshes after a passed check: 24 h, same value. */
export function csrfCookie(token: string, now = Date.now()): string {
  const expires = new Date(now + 24 * 3600 * 1000).toUTCString();
  return `_csrf=${token}; Path=/; Expires=${expires}; HttpOnly; Secure`;
}
