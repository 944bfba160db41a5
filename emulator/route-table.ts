// The route table (§1.1, §13.1): each template with its methods, auth factory and handler.
// Static segments come before parameters, as echo prefers them (`/boxes/joined` never reaches
// `/boxes/:id` on GET and HEAD).
import { ANY_CLIENT_ACR1, ANY_CLIENT_NO_ACR, SELF_ACR1, SELF_ACR2 } from './auth';
import { createBatch } from './batch-rules';
import { CHAT_ROUTES } from './chat-route-table';
import { createEvent } from './event-rules';
import { count, list } from './reads';
import { handshake } from './realtime/handshake';
import { callerOf as caller, json, total, type Endpoint, type RouteDef } from './route-types';
import { writtenView } from './views';

const BOX_EVENT_ROUTES: RouteDef[] = [
  {
    template: '/boxes/:id/events',
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
    template: '/boxes/:id/batch-events',
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
    template: '/boxes/:id/files',
    methods: {
      GET: {
        auth: SELF_ACR1,
        handle: (i) => json(200, list(i.store, i.req, i.pathId, caller(i), 'files')),
      },
      HEAD: { auth: SELF_ACR1, handle: (i) => total(count(i.store, i.pathId, caller(i), 'files')) },
    },
  },
  {
    template: '/box-users/:id/ws',
    methods: {
      GET: {
        auth: ANY_CLIENT_NO_ACR,
        handle: (i) => handshake(i.req, i.pathId, caller(i), i.settings.allowedOrigins),
      },
    },
  },
  {
    template: '/csrf',
    methods: { GET: { auth: null, handle: (i) => json(200, { csrf_token: i.csrfToken }) } },
  },
];

interface CompiledRoute extends RouteDef {
  pattern: RegExp;
  names: string[];
}

/** '/boxes/:id/events' → /^\/boxes\/([^/]*)\/events$/ with names ['id']; an empty id matches. */
function compile(route: RouteDef): CompiledRoute {
  const names: string[] = [];
  const source = route.template
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]*)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

const ROUTES: CompiledRoute[] = [...CHAT_ROUTES, ...BOX_EVENT_ROUTES].map(compile);

export type Resolution =
  | { kind: 'found'; endpoint: Endpoint; template: string; params: Record<string, string> }
  | { kind: 'not_found' }
  | { kind: 'method_not_allowed'; template: string };

/** The first template that matches and has the method; echo falls through to the next match. */
export function resolveRoute(method: string, path: string): Resolution {
  let matched: string | undefined;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    matched ??= route.template;
    const endpoint = route.methods[method];
    if (!endpoint) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => (params[name] = match[i + 1] ?? ''));
    return { kind: 'found', endpoint, template: route.template, params };
  }
  return matched === undefined
    ? { kind: 'not_found' }
    : { kind: 'method_not_allowed', template: matched };
}
