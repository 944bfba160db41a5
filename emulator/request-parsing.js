"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.flattenHeaders = flattenHeaders;
exports.parseCookies = parseCookies;
exports.firstValues = firstValues;
exports.loggedBody = loggedBody;
exports.readBody = readBody;
exports.parseRequest = parseRequest;
/** Node lowercases header names already; repeated headers are joined the way they arrived. */
function flattenHeaders(req) {
    const out = {};
    for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined)
            continue;
        out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
}
/** First occurrence of each cookie wins, as Go's Request.Cookie does. */
function parseCookies(header) {
    const out = {};
    if (!header)
        return out;
    for (const part of header.split(';')) {
        const eq = part.indexOf('=');
        if (eq < 0)
            continue;
        const name = part.slice(0, eq).trim();
        let value = part.slice(eq + 1).trim();
        if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.slice(1, -1);
        if (name !== '' && !(name in out))
            out[name] = value;
    }
    return out;
}
function firstValues(search) {
    const out = {};
    for (const [key, value] of search)
        if (!(key in out))
            out[key] = value;
    return out;
}
/** Parsed JSON when it parses, else the raw text; undefined when empty (RecordedRequest.body). */
function loggedBody(raw) {
    if (raw === '')
        return undefined;
    try {
        return JSON.parse(raw);
    }
    catch {
        return raw;
    }
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}
function parseRequest(req, rawBody) {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const headers = flattenHeaders(req);
    return {
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        search: url.searchParams,
        cookies: parseCookies(headers.cookie),
        headers,
        rawBody,
    };
}
