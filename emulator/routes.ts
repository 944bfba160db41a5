// The route table (§1.1) and the one function that turns a parsed request into a reply,
// applying the middleware chain in upstream order: CSRF → auth → ACR → handler (§1.2).
import { ApiError } from './errors';
import { authenticate, checkCsrf, csrfCookie, type RouteAuth } from './auth';
import { createBatch } from './batch-rules';
import { createEvent } from './event-rules';
import { count, list } from './reads';
import type { ParsedRequest } from './request-parsing';
import { handshake } from './realtime/handshake';
import type { Identity, Store } from './store';
import { writtenView } from './views';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** JSON value to send; undefined = no body. */
  body?: unknown;
  /** A plain-text body instead (the websocket handshake refusals, §9.1 step 5). */
  text?: string;
  /** Status 101 only: the upgrade passed every check; the caller completes it for this identity. */
  upgrade?: Identity;
}

/** What routes need beyond the store: the emulator's options. */
export interface RouteSettings {
  allowedOrigins: readonly string[];
}

interface HandlerInput {
  store: Store;
  req: ParsedRequest;
  /** The path's `:id`: a box id, or an identity id on the websocket route. */
  pathId: string;
  caller: Identity | null;
  csrfToken: string;
  settings: RouteSettings;
}

interface Endpoint {
  /** null = no authentication middleware on this route (GET /csrf). */
  auth: RouteAuth | null;
  handle(input: HandlerInput): Reply;
}

const JSON_TYPE = 'application/json; charset=UTF-8';
const json = (status: number, body: unknown): Reply => ({
  status,
  headers: { 'content-type': JSON_TYPE },
  body,
});
const total = (n: number): Reply => ({ status: 204, headers: { 'x-total-count': String(n) } });

const ANY_CLIENT_ACR1: RouteAuth = { selfClientOnly: false, minAcr: 1 };
const SELF_ACR1: RouteAuth = { selfClientOnly: true, minAcr: 1 };
const SELF_ACR2: RouteAuth = { selfClientOnly: true, minAcr: 2 };
/** The websocket checks no ACR (§9.1, §9.8 #1). */
const ANY_CLIENT_NO_ACR: RouteAuth = { selfClientOnly: false, minAcr: 0 };

const caller = (input: HandlerInput): Identity => input.caller as Identity;

interface RouteDef {
  pattern: RegExp;
  methods: Record<string, Endpoint>;
}

const ROUTES: RouteDef[] = [
  {
    pattern: /^\/boxes\/([^/]*)\/events$/,
    methods: {
      POST: {
        auth: ANY_CLIENT_ACR1,
        handle: (i) =>
          json(201, writtenView(i.store, createEvent(i.store, i.req, i.pathId, caller(i)))),
      },
      GET: {
        auth: SELF_ACR1,
        handle: (i) => json(200, list(i.store, i.req, i.pathId, caller(i), 'events')),
      },
      HEAD: {
        auth: SELF_ACR1,
        handle: (i) => total(count(i.store, i.pathId, caller(i), 'events')),
      },
    },
  },
  {
    pattern: /^\/boxes\/([^/]*)\/batch-events$/,
    methods: {
      POST: {
        auth: SELF_ACR2,
        handle: (i) =>
          json(
            201,
            createBatch(i.store, i.req, i.pathId, caller(i)).map((e) => writtenView(i.store, e)),
          ),
      },
    },
  },
  {
    pattern: /^\/boxes\/([^/]*)\/files$/,
    methods: {
      GET: {
        auth: SELF_ACR1,
        handle: (i) => json(200, list(i.store, i.req, i.pathId, caller(i), 'files')),
      },
      HEAD: { auth: SELF_ACR1, handle: (i) => total(count(i.store, i.pathId, caller(i), 'files')) },
    },
  },
  {
    pattern: /^\/box-users\/([^/]*)\/ws$/,
    methods: {
      GET: {
        auth: ANY_CLIENT_NO_ACR,
        handle: (i) => handshake(i.req, i.pathId, caller(i), i.settings.allowedOrigins),
      },
    },
  },
  {
    pattern: /^\/csrf$/,
    methods: { GET: { auth: null, handle: (i) => json(200, { csrf_token: i.csrfToken }) } },
  },
];

type Resolution =
  | { kind: 'found'; endpoint: Endpoint; pathId: string }
  | { kind: 'not_found' }
  | { kind: 'method_not_allowed' };

function resolve(method: string, path: string): Resolution {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const endpoint = route.methods[method];
    if (!endpoint) return { kind: 'method_not_allowed' };
    return { kind: 'found', endpoint, pathId: match[1] ?? '' };
  }
  return { kind: 'not_found' };
}

/** Never throws: every failure becomes the upstream envelope (no body on HEAD, §1.3). */
export function answer(store: Store, req: ParsedRequest, settings: RouteSettings): Reply {
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
    reply = dispatch(store, req, csrfToken, settings);
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

function dispatch(
  store: Store,
  req: ParsedRequest,
  csrfToken: string,
  settings: RouteSettings,
): Reply {
  const route = resolve(req.method, req.path);
  switch (route.kind) {
    case 'not_found':
      throw new ApiError('not_found', 'Not Found');
    case 'method_not_allowed':
      throw new ApiError('method_not_allowed', 'Method Not Allowed');
    case 'found': {
      const identity = route.endpoint.auth ? authenticate(store, req, route.endpoint.auth) : null;
      return route.endpoint.handle({
        store,
        req,
        pathId: route.pathId,
        caller: identity,
        csrfToken,
        settings,
      });
    }
  }
}

function errorReply(err: unknown): Reply {
  if (err instanceof ApiError) return json(err.status, err.body);
  const desc = err instanceof Error ? err.message : String(err);
  return json(500, { code: 'internal', origin: 'internal', desc, details: {} });
}
