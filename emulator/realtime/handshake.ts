// Steps 3–5 of the upgrade of GET /box-users/:id/ws (§9.1), after CSRF and authentication ran
// in the route chain: the path id, the identity match, then gorilla's handshake and Origin
// checks, in gorilla v1.4.2's order. Every refusal is an HTTP answer; no socket ever exists.
import { STATUS_CODES } from 'node:http';
import { badRequest, forbidden } from '../errors';
import type { Reply } from '../route-types';
import type { ParsedRequest } from '../request-parsing';
import type { Identity } from '../store';
import { isUuidV4 } from '../validation';

/** gorilla's tokenListContainsValue: comma-separated tokens, compared case-insensitively. */
function hasToken(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => part.trim().toLowerCase() === token);
}

/** gorilla's returnError: Go's http.Error body plus `Sec-Websocket-Version: 13` (§9.1 step 5). */
function plainRefusal(status: 400 | 403): Reply {
  return {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'sec-websocket-version': '13',
    },
    text: `${STATUS_CODES[status]}\n`,
  };
}

/** An absent or empty Origin passes; otherwise exact match or '*' (§9.1, §9.8 #2). */
function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined || origin === '') return true;
  return allowed.includes('*') || allowed.includes(origin);
}

/** The answer to an authenticated upgrade request: a refusal, or status 101 with `upgrade`. */
export function handshake(
  req: ParsedRequest,
  pathId: string,
  caller: Identity,
  allowedOrigins: readonly string[],
): Reply {
  if (!isUuidV4(pathId)) {
    throw badRequest('', { id: pathId === '' ? 'required' : 'malformed' }, 'path');
  }
  // For a machine the identity id is its client id; the store keys both the same way.
  if (pathId !== caller.id) throw forbidden('');
  const h = req.headers;
  if (!hasToken(h.connection, 'upgrade') || !hasToken(h.upgrade, 'websocket')) {
    return plainRefusal(400);
  }
  if (!hasToken(h['sec-websocket-version'], '13')) return plainRefusal(400);
  if (!originAllowed(h.origin, allowedOrigins)) return plainRefusal(403);
  if ((h['sec-websocket-key'] ?? '').trim() === '') return plainRefusal(400);
  return { status: 101, headers: {}, upgrade: caller };
}
