"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startEmulator = startEmulator;
// startEmulator: a real HTTP server with the upstream's contract (style habit 14), used by the
// gateway when no UPSTREAM_URL is set, by its tests, and by `npm run emulator`.
const node_http_1 = require("node:http");
const faults_1 = require("./faults");
const request_parsing_1 = require("./request-parsing");
const routes_1 = require("./routes");
const seed_1 = require("./seed");
const seed_loader_1 = require("./seed-loader");
function checkDelay(name, ms) {
    if (!(Number.isFinite(ms) && ms >= 0))
        throw new TypeError(`${name} must be a finite number >= 0, got ${ms}`);
    return ms;
}
async function startEmulator(options = {}) {
    const store = (0, seed_loader_1.storeFromSeed)(options.seed ?? (0, seed_1.demoSeed)());
    const recording = options.recordRequests ?? true;
    const requests = [];
    const faults = new faults_1.FaultPlan();
    const sockets = new Set();
    const timers = new Set();
    let latency = checkDelay('latencyMs', options.latencyMs ?? 0);
    let closing;
    /** A timer that close() can cancel, so a delayed answer never outlives the server. */
    const sleep = (ms) => new Promise((resolve) => {
        const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
        }, ms);
        timers.add(timer);
    });
    async function handle(req, res) {
        const url = new URL(req.url ?? '/', 'http://emulator.invalid');
        const entry = recording
            ? {
                method: (req.method ?? 'GET').toUpperCase(),
                path: url.pathname,
                query: (0, request_parsing_1.firstValues)(url.searchParams),
                cookies: {},
                headers: {},
                body: undefined,
            }
            : undefined;
        if (entry)
            requests.push(entry); // pushed on arrival: the log keeps arrival order
        const parsed = (0, request_parsing_1.parseRequest)(req, await (0, request_parsing_1.readBody)(req));
        if (entry) {
            entry.cookies = parsed.cookies;
            entry.headers = parsed.headers;
            entry.body = (0, request_parsing_1.loggedBody)(parsed.rawBody);
        }
        const fault = faults.take(parsed.method, parsed.path);
        if (latency > 0)
            await sleep(latency);
        if (fault?.kind === 'delay')
            await sleep(fault.ms);
        if (fault && fault.kind !== 'delay') {
            (0, faults_1.sendFault)(fault, parsed.method, res);
            return;
        }
        writeReply(res, (0, routes_1.answer)(store, parsed));
    }
    const server = (0, node_http_1.createServer)((req, res) => {
        handle(req, res).catch((err) => {
            if (res.headersSent) {
                res.destroy();
                return;
            }
            const desc = err instanceof Error ? err.message : String(err);
            writeReply(res, {
                status: 500,
                headers: { 'content-type': 'application/json; charset=UTF-8' },
                body: { code: 'internal', origin: 'internal', desc, details: {} },
            });
        });
    });
    server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
        });
    });
    const address = server.address();
    if (address === null || typeof address === 'string')
        throw new Error('emulator is not on TCP');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
        url: `http://${host}:${address.port}`,
        requests,
        clearRequests: () => {
            requests.length = 0; // in place: callers may hold the array
        },
        failNext: (rule) => faults.add(rule),
        clearFaults: () => faults.clear(),
        setLatency: (ms) => {
            latency = checkDelay('latency', ms);
        },
        close: () => {
            closing ??= new Promise((resolve) => {
                for (const timer of timers)
                    clearTimeout(timer);
                timers.clear();
                server.close(() => resolve());
                for (const socket of sockets)
                    socket.destroy();
            });
            return closing;
        },
    };
}
function writeReply(res, reply) {
    if (reply.body === undefined) {
        res.writeHead(reply.status, reply.headers).end();
        return;
    }
    const text = JSON.stringify(reply.body);
    res
        .writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(text) })
        .end(text);
}
