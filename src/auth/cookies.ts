// The one reading of a request's Cookie header, shared by the credential reader
// (auth/credentials.ts), the Origin check (http/origin-check.ts) and the CSRF guard
// (http/csrf-guard.ts): each once parsed cookies its own way, and `accesstoken =demo-bob`
// authenticated while the Origin check did not see a session cookie in it. jshttp's `cookie`
// (the parser Express and Fastify's own cookie plugin use) trims names and values, keeps the
// first of a repeated name (as Go's Request.Cookie does upstream) and runs in linear time.
// Values are kept verbatim, never percent-decoded: they are forwarded upstream as they came.
import { parseCookie } from 'cookie';
import type { RequestHeaders } from './credentials';

/** The cookie holding the session token: the one ambient credential this gateway accepts. */
export const SESSION_COOKIE = 'accesstoken';

const VERBATIM = { decode: (value: string) => value };

/** Name → value of every cookie the request carries (several Cookie headers read as one). */
export function readCookies(headers: RequestHeaders): Record<string, string | undefined> {
  const value = headers.cookie;
  const text = Array.isArray(value) ? value.join('; ') : (value ?? '');
  return text === '' ? {} : parseCookie(text, VERBATIM);
}

/** Whether the request carries the session cookie, as readCredentials would read it. */
export function hasSessionCookie(headers: RequestHeaders): boolean {
  return readCookies(headers)[SESSION_COOKIE] !== undefined;
}
