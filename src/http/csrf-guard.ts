// CSRF prevention where it protects something: requests that carry a Cookie header, the only
// ambient credential this gateway accepts (a bearer token must be set by the page itself, which
// a third-party page cannot do for another origin). Such a request must prove it was
// preflighted: a non-simple Content-Type, or one of Apollo's preflight headers. Requests
// without cookies pass, so plain GETs work as GraphQL over HTTP allows (graphql-http 5A70, D6D5,
// 6A70). Apollo's own check (csrfPrevention) cannot be made conditional and its function is
// not exported, so this is the same rule with the same headers, applied only with cookies.
//
// Which requests: those Fastify routed to the GraphQL route (routeOptions.url, the matched
// route), never a comparison of the raw URL, which `GET /%67raphql` passed while Fastify
// decoded it and routed it to /graphql. Which cookies: the session cookie as auth/cookies.ts
// reads it, the same reading that decides whether the request authenticates.
import type { FastifyInstance } from 'fastify';
import { hasSessionCookie } from '../auth/cookies';
import { csrfRefused, SIMPLE_CONTENT_TYPES } from '../errors/http-errors';
import { sendHttpError, type HttpErrorOptions } from './error-handler';

/** Apollo's recommendedCsrfPreventionRequestHeaders. */
export const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'] as const;
const SIMPLE: ReadonlySet<string> = new Set(SIMPLE_CONTENT_TYPES);

export function mayBeForged(headers: Record<string, string | string[] | undefined>): boolean {
  if (!hasSessionCookie(headers)) return false;
  const contentType = headers['content-type'];
  if (typeof contentType === 'string') {
    const essence = contentType.split(';')[0]!.trim().toLowerCase();
    if (essence !== '' && !SIMPLE.has(essence)) return false;
  }
  return !PREFLIGHT_HEADERS.some((name) => {
    const value = headers[name];
    return typeof value === 'string' && value.length > 0;
  });
}

export function registerCookieCsrfGuard(
  app: FastifyInstance,
  options: HttpErrorOptions & { graphqlPath: string },
): void {
  // Callback style: it runs on every request (gateway.ts says why). Answering ends the request
  // without calling done, as Fastify asks of a callback hook that replies.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url === options.graphqlPath && mayBeForged(request.headers)) {
      sendHttpError(options, reply, 400, csrfRefused(PREFLIGHT_HEADERS));
      return;
    }
    done();
  });
}
