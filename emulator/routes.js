"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.answer = answer;
// The route table (§1.1) and the one function that turns a parsed request into a reply,
// applying the middleware chain in upstream order: CSRF → auth → ACR → handler (§1.2).
const errors_1 = require("./errors");
const auth_1 = require("./auth");
const batch_rules_1 = require("./batch-rules");
const event_rules_1 = require("./event-rules");
const reads_1 = require("./reads");
const views_1 = require("./views");
const JSON_TYPE = 'application/json; charset=UTF-8';
const json = (status, body) => ({
    status,
    headers: { 'content-type': JSON_TYPE },
    body,
});
const total = (n) => ({ status: 204, headers: { 'x-total-count': String(n) } });
const ANY_CLIENT_ACR1 = { selfClientOnly: false, minAcr: 1 };
const SELF_ACR1 = { selfClientOnly: true, minAcr: 1 };
const SELF_ACR2 = { selfClientOnly: true, minAcr: 2 };
const caller = (input) => input.caller;
const ROUTES = [
    {
        pattern: /^\/boxes\/([^/]*)\/events$/,
        methods: {
            POST: {
                auth: ANY_CLIENT_ACR1,
                handle: (i) => json(201, (0, views_1.writtenView)(i.store, (0, event_rules_1.createEvent)(i.store, i.req, i.boxId, caller(i)))),
            },
            GET: {
                auth: SELF_ACR1,
                handle: (i) => json(200, (0, reads_1.list)(i.store, i.req, i.boxId, caller(i), 'events')),
            },
            HEAD: { auth: SELF_ACR1, handle: (i) => total((0, reads_1.count)(i.store, i.boxId, caller(i), 'events')) },
        },
    },
    {
        pattern: /^\/boxes\/([^/]*)\/batch-events$/,
        methods: {
            POST: {
                auth: SELF_ACR2,
                handle: (i) => json(201, (0, batch_rules_1.createBatch)(i.store, i.req, i.boxId, caller(i)).map((e) => (0, views_1.writtenView)(i.store, e))),
            },
        },
    },
    {
        pattern: /^\/boxes\/([^/]*)\/files$/,
        methods: {
            GET: {
                auth: SELF_ACR1,
                handle: (i) => json(200, (0, reads_1.list)(i.store, i.req, i.boxId, caller(i), 'files')),
            },
            HEAD: { auth: SELF_ACR1, handle: (i) => total((0, reads_1.count)(i.store, i.boxId, caller(i), 'files')) },
        },
    },
    {
        pattern: /^\/csrf$/,
        methods: { GET: { auth: null, handle: (i) => json(200, { csrf_token: i.csrfToken }) } },
    },
];
function resolve(method, path) {
    for (const route of ROUTES) {
        const match = route.pattern.exec(path);
        if (!match)
            continue;
        const endpoint = route.methods[method];
        if (!endpoint)
            return { kind: 'method_not_allowed' };
        return { kind: 'found', endpoint, boxId: match[1] ?? '' };
    }
    return { kind: 'not_found' };
}
/** Never throws: every failure becomes the upstream envelope (no body on HEAD, §1.3). */
function answer(store, req) {
    const headers = {};
    let reply;
    try {
        // CSRF is global middleware: it runs before routing outcomes, unknown routes included.
        const csrf = (0, auth_1.checkCsrf)(req);
        let csrfToken = '';
        if (csrf.kind === 'passed') {
            csrfToken = csrf.token;
            headers['set-cookie'] = (0, auth_1.csrfCookie)(csrf.token);
            headers.vary = 'Cookie';
        }
        else {
            // Skipped (Authorization present): /csrf still hands out the cookie's value.
            csrfToken = req.cookies._csrf ?? '';
        }
        reply = dispatch(store, req, csrfToken);
    }
    catch (err) {
        reply = errorReply(err);
    }
    reply.headers = { ...headers, ...reply.headers };
    if (req.method === 'HEAD') {
        delete reply.body;
        if (reply.status >= 400)
            delete reply.headers['content-type'];
    }
    return reply;
}
function dispatch(store, req, csrfToken) {
    const route = resolve(req.method, req.path);
    switch (route.kind) {
        case 'not_found':
            throw new errors_1.ApiError('not_found', 'Not Found');
        case 'method_not_allowed':
            throw new errors_1.ApiError('method_not_allowed', 'Method Not Allowed');
        case 'found': {
            const identity = route.endpoint.auth ? (0, auth_1.authenticate)(store, req, route.endpoint.auth) : null;
            return route.endpoint.handle({ store, req, boxId: route.boxId, caller: identity, csrfToken });
        }
    }
}
function errorReply(err) {
    if (err instanceof errors_1.ApiError)
        return json(err.status, err.body);
    const desc = err instanceof Error ? err.message : String(err);
    return json(500, { code: 'internal', origin: 'internal', desc, details: {} });
}
