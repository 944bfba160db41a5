"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.notMember = exports.unauthorized = exports.gone = exports.conflict = exports.notFound = exports.forbidden = exports.badRequest = exports.ApiError = void 0;
exports.withPrefix = withPrefix;
exports.envelopeForStatus = envelopeForStatus;
// The upstream error envelope (upstream-api.md §1.3): exactly code, origin, desc, details, in
// that order. Handlers throw ApiError; the router is the one place that writes it out.
const node_http_1 = require("node:http");
const STATUS_OF_CODE = {
    bad_request: 400,
    unauthorized: 401,
    forbidden: 403,
    not_found: 404,
    method_not_allowed: 405,
    conflict: 409,
    gone: 410,
    request_entity_too_large: 413,
    unprocessable_entity: 422,
    // merr maps internal and every unknown code (no_code included) to 500.
    internal: 500,
    no_code: 500,
};
class ApiError extends Error {
    status;
    body;
    constructor(code, desc = '', details = {}, origin = 'not_defined') {
        super(desc);
        this.status = STATUS_OF_CODE[code];
        // Built literally so the key order on the wire is code, origin, desc, details.
        this.body = { code, origin, desc, details };
    }
}
exports.ApiError = ApiError;
const badRequest = (desc, details = {}, origin = 'not_defined') => new ApiError('bad_request', desc, details, origin);
exports.badRequest = badRequest;
const forbidden = (desc, details = {}) => new ApiError('forbidden', desc, details);
exports.forbidden = forbidden;
const notFound = (desc, details = {}) => new ApiError('not_found', desc, details);
exports.notFound = notFound;
const conflict = (desc, details = {}) => new ApiError('conflict', desc, details);
exports.conflict = conflict;
const gone = (desc) => new ApiError('gone', desc);
exports.gone = gone;
const unauthorized = (desc, details = {}, origin = 'not_defined') => new ApiError('unauthorized', desc, details, origin);
exports.unauthorized = unauthorized;
/** 403 for reads and member-only writes (§4); the desc is the only thing that varies. */
const notMember = (desc = 'must be a member') => (0, exports.forbidden)(desc, { reason: 'not_member', sender_id: 'forbidden' });
exports.notMember = notMember;
/** Prefixes a handler error's desc the way the Go code chains "<outer>: <inner>". */
function withPrefix(err, prefix) {
    if (!(err instanceof ApiError))
        return err;
    const body = err.body;
    const out = new ApiError(body.code, body.desc === '' ? prefix : `${prefix}: ${body.desc}`, body.details ?? {}, body.origin);
    return out;
}
const CODE_OF_STATUS = new Map(Object.entries(STATUS_OF_CODE)
    .filter(([code]) => code !== 'no_code')
    .map(([code, status]) => [status, code]));
/** The envelope a fault of kind 'status' sends when the test gives no body. */
function envelopeForStatus(status) {
    const code = CODE_OF_STATUS.get(status) ?? (status >= 500 ? 'internal' : 'no_code');
    return { code, origin: 'not_defined', desc: node_http_1.STATUS_CODES[status] ?? '', details: {} };
}
