// The one function that turns a parsed request into a reply, applying the middleware chain in
// upstream order: CSRF → auth → ACR → handler (§1.2). The routes themselves are in
// route-table.ts and chat-route-table.ts.
import { ApiError } from './errors';
import { authenticate, checkCsrf, csrfCookie } from './auth';
import type { Publisher } from './realtime/publisher';
import type { ParsedRequest } from './request-parsing';
import { resolveRoute } from './route-table';
import { json, type Reply, type RouteSettings, type StreamedBody } from './route-types';
import type { Store } from './store';

export type { Reply, RouteSettings } from './route-types';

/** What every handler may reach besides the request. */
export interface RouteContext {
  store: Store;
  settings: RouteSettings;
  publisher: Publisher;
}

/** Never rejects: every failure becomes the upstream envelope (no body on HEAD, §1.3). */
export async function answer(
  ctx: RouteContext,
  req: ParsedRequest,
  body?: StreamedBody,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  let reply: Reply;
  try {
    // CSRF is global middleware: it runs before routing outcomes, unknown routes included.
    const csrf = checkCsrf(req);
    let csrfToken = '';
    if (csrf.kind === 'passed') {
      csrfToken = csrf.token;
      headers['set-cookie'] = csrfCookie(csrf.token);
      headers.vary = 'Cookie';
    } else {
      // Skipped (Authorization present): /csrf still hands out the cookie's value.
      csrfToken = req.cookies._csrf ?? '';
    }
    reply = await dispatch(ctx, req, csrfToken, body);
  } catch (err) {
    reply = errorReply(err);
  }
  reply.headers = { ...headers, ...reply.headers };
  if (req.method === 'HEAD') {
    delete reply.body;
    if (reply.status >= 400) delete reply.headers['content-type'];
  }
  return reply;
}

async function dispatch(
  ctx: RouteContext,
  req: ParsedRequest,
  csrfToken: string,
  body: StreamedBody | undefined,
): Promise<Reply> {
  const route = resolveRoute(req.method, req.path);
  switch (route.kind) {
    case 'not_found':
      throw new ApiError('not_found', 'Not Found');
    case 'method_not_allowed':
      throw new ApiError('method_not_allowed', 'Method Not Allowed');
    case 'found': {
      const identity = route.endpoint.auth
        ? authenticate(ctx.store, req, route.endpoint.auth)
        : null;
      return route.endpoint.handle({
        store: ctx.store,
        req,
        params: route.params,
        pathId: Object.values(route.params)[0] ?? '',
        caller: identity,
        csrfToken,
        settings: ctx.settings,
        publisher: ctx.publisher,
        body,
      });
    }
  }
}

function errorReply(err: unknown): Reply {
  if (err instanceof ApiError) return json(err.status, err.body);
  const desc = err instanceof Error ? err.message : String(err);
  return json(500, { code: 'internal', origin: 'internal', desc, details: {} });
}
