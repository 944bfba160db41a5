"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_LIMIT = exports.isUrlSafeBase64 = exports.isUuidV4 = void 0;
exports.validationError = validationError;
exports.throwIfAny = throwIfAny;
exports.checkBoxId = checkBoxId;
exports.bindJsonBody = bindJsonBody;
exports.typeError = typeError;
exports.optionalString = optionalString;
exports.optionalObject = optionalObject;
exports.optionalBoolean = optionalBoolean;
exports.bindWindow = bindWindow;
exports.applyWindow = applyWindow;
// Bind and validation steps (§1.2 steps 5–6): what echo's binder and ozzo would answer.
const errors_1 = require("./errors");
/** govalidator's UUIDv4: lowercase hex only, version 4, variant 8/9/a/b (§1.4). */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const isUuidV4 = (value) => UUID_V4.test(value);
exports.isUuidV4 = isUuidV4;
/** Unpadded URL-safe base64, the only form `encrypted` fields accept (§6.2). */
const isUrlSafeBase64 = (value) => /^[a-zA-Z0-9_-]+$/.test(value);
exports.isUrlSafeBase64 = isUrlSafeBase64;
const MESSAGES = {
    malformed: 'must be a valid value',
    required: 'cannot be blank',
    invalid: 'must be no less than 0',
    forbidden: 'must be blank',
    conflict: 'already exists',
};
/** Ozzo's Errors: one 400 whose details hold every failed field, desc sorted by key. */
function validationError(details) {
    const desc = Object.keys(details)
        .sort()
        .map((key) => {
        const value = details[key];
        const message = key.endsWith('_id') && value === 'malformed' ? 'must be a valid UUID v4' : MESSAGES[value];
        return `${key}: ${message ?? value}`;
    })
        .join('; ');
    return (0, errors_1.badRequest)(`${desc}.`, details);
}
function throwIfAny(details) {
    if (Object.keys(details).length > 0)
        throw validationError(details);
}
function checkBoxId(boxId, details) {
    if (boxId === '')
        details.box_id = 'required';
    else if (!(0, exports.isUuidV4)(boxId))
        details.box_id = 'malformed';
}
/**
 * echo's Bind for a POST body. Empty bodies are not parsed; JSON is decoded; a Content-Type
 * echo cannot bind is a 415, which the upstream turns into 500 no_code (§5.1, copied as is).
 * Malformed JSON is 400 origin body (§0 decision 10 for the non-JSON case).
 */
function bindJsonBody(req) {
    if (req.rawBody === '')
        return {};
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    if (contentType.startsWith('application/x-www-form-urlencoded') ||
        contentType.startsWith('multipart/form-data')) {
        // Form binding fills nothing: the request structs only carry json tags.
        return {};
    }
    if (contentType.startsWith('application/xml') || contentType.startsWith('text/xml')) {
        throw (0, errors_1.badRequest)('code=400, message=XML syntax error', {}, 'body');
    }
    if (!contentType.startsWith('application/json')) {
        throw new errors_1.ApiError('no_code', 'code=415, message=Unsupported Media Type', {}, 'body');
    }
    let parsed;
    try {
        parsed = JSON.parse(req.rawBody);
    }
    catch (err) {
        throw (0, errors_1.badRequest)(`Syntax error: ${err.message}`, {}, 'body');
    }
    if (parsed === null)
        return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw typeError(describe(parsed), 'object', '');
    }
    return parsed;
}
function describe(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    return typeof value;
}
function typeError(got, expected, field) {
    return (0, errors_1.badRequest)(`Unmarshal type error: expected=${expected}, got=${got}, field=${field}`, {}, 'body');
}
/** A field that must be a string when present (null reads as absent, as Go's decoder does). */
function optionalString(obj, key, where = '') {
    const value = obj[key];
    if (value === undefined || value === null)
        return undefined;
    if (typeof value !== 'string')
        throw typeError(describe(value), 'string', `${where}${key}`);
    return value;
}
/** A field that must be a JSON object (or null/absent). */
function optionalObject(obj, key, where = '') {
    const value = obj[key];
    if (value === undefined || value === null)
        return value;
    if (typeof value !== 'object' || Array.isArray(value)) {
        throw typeError(describe(value), 'object', `${where}${key}`);
    }
    return value;
}
function optionalBoolean(obj, key, where = '') {
    const value = obj[key];
    if (value === undefined || value === null)
        return undefined;
    if (typeof value !== 'boolean')
        throw typeError(describe(value), 'bool', `${where}${key}`);
    return value;
}
/** §0 decision 2: absent or empty limit → 500; limit=0 → everything. */
exports.DEFAULT_LIMIT = 500;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** echo's query binder: exact key first, then a case-insensitive match; first value wins. */
function queryValue(search, key) {
    const exact = search.get(key);
    if (exact !== null)
        return exact;
    for (const [name, value] of search)
        if (name.toLowerCase() === key)
            return value;
    return undefined;
}
function parseInt64(raw) {
    const fail = (why) => {
        const message = `strconv.ParseInt: parsing ${JSON.stringify(raw)}: ${why}`;
        return (0, errors_1.badRequest)(`${message}: code=400, message=${message}`, {}, 'path');
    };
    if (!/^[+-]?[0-9]+$/.test(raw))
        throw fail('invalid syntax');
    const big = BigInt(raw);
    if (big < INT64_MIN || big > INT64_MAX)
        throw fail('value out of range');
    return Number(big);
}
/**
 * Binds offset/limit (400 origin path on a bad integer), then validates box_id and the window
 * together: negatives report under the key "-" (the fields' json tag), once for both.
 */
function bindWindow(req, boxId) {
    const rawOffset = queryValue(req.search, 'offset');
    const rawLimit = queryValue(req.search, 'limit');
    const offset = rawOffset === undefined || rawOffset === '' ? 0 : parseInt64(rawOffset);
    const limit = rawLimit === undefined || rawLimit === '' ? exports.DEFAULT_LIMIT : parseInt64(rawLimit);
    const details = {};
    checkBoxId(boxId, details);
    if (offset < 0 || limit < 0)
        details['-'] = 'invalid';
    throwIfAny(details);
    return { offset, limit: limit === 0 ? null : limit };
}
function applyWindow(newestFirst, window) {
    if (window.offset >= newestFirst.length)
        return [];
    const end = window.limit === null ? undefined : window.offset + window.limit;
    return newestFirst.slice(window.offset, end);
}
