// Cross-site WebSocket hijacking and its SSE twin (docs/realtime.md): a browser attaches the
// session cookies to a WebSocket upgrade or a stream from any page, and neither is covered by
// CORS or Apollo's CSRF prevention. So a request carrying the `accesstoken` cookie with an
// Origin that is neither the gateway's own nor allowed is refused before anything runs. No
// Origin means no browser; no cookie means nothing ambient to abuse (bearer tokens are explicit).
// Whether a session cookie is there is read by auth/cookies.ts, the parser the credentials
// themselves come from: what authenticates is exactly what this check sees.
import { hasSessionCookie } from '../auth/cookies';
import type { RequestHeaders } from '../auth/credentials';

/** The first header value, whatever its shape. */
function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The gateway's own origin is the host the request was addressed to (its Host header), over
 * http or https: behind a TLS-terminating proxy the scheme the browser used is https.
 */
export function isOriginAllowed(
  headers: RequestHeaders,
  allowedOrigins: readonly string[],
): boolean {
  const origin = first(headers.origin);
  if (origin === undefined || origin === '' || !hasSessionCookie(headers)) return true;
  if (allowedOrigins.includes(origin)) return true;
  const host = first(headers.host);
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
