// The GraphQL multipart request spec on POST /graphql (graphql-api.md §12.2), streamed: the
// `operations` and `map` parts are read, and as soon as the file part begins the operation runs
// with an Upload whose bytes are that part as it arrives (busboy parses; nothing is buffered
// beyond its chunks). What is refused before anything runs, with no upstream call:
// - a multipart request without a preflight header (Apollo's CSRF rule for uploads, applied
//   whatever the credentials, since a browser form can send multipart cross-site);
// - a request whose Content-Length alone shows the file is over MAX_UPLOAD_BYTES: the request
//   holds at most three parts (operations, map, the file), the two others at most MAX_BODY_BYTES
//   each, so a longer one cannot be all framing and JSON. A file that turns out too large while streaming (a chunked
//   request) is cut at the limit, which aborts its upstream upload: no event is created.
// A response sent while the client is still sending (a refusal, a stalled upload cut after
// UPSTREAM_TIMEOUT_MS) closes the connection: the rest of the body is never read.
import busboy from 'busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadUserInputError } from '../errors/gateway-errors';
import { badMultipart, uploadPreflightRequired, uploadTooLarge } from '../errors/http-errors';
import { IncomingUpload } from '../schema/upload/incoming-upload';
import { PREFLIGHT_HEADERS } from './csrf-guard';
import { sendHttpError, type HttpErrorOptions } from './error-handler';

export interface MultipartOptions extends HttpErrorOptions {
  graphqlPath: string;
  maxUploadBytes: number;
}

const MULTIPART = /^multipart\/form-data\s*(?:;|$)/i;
/** Boundaries and part headers of three parts: generous, they are a few hundred bytes. */
const FRAMING_BYTES = 64 * 1024;
const uploads = new WeakMap<FastifyRequest, IncomingUpload>();

export function registerMultipartUploads(app: FastifyInstance, options: MultipartOptions): void {
  const isUpload = (request: FastifyRequest) =>
    request.method === 'POST' &&
    request.url.split('?')[0] === options.graphqlPath &&
    MULTIPART.test(String(request.headers['content-type'] ?? ''));

  app.addHook('onRequest', (request, reply, done) => {
    if (!isUpload(request)) return done();
    reply.raw.once('finish', () => {
      // The client may still be sending (a refusal, a cut upload): stop reading it.
      if (!request.raw.complete) request.raw.socket?.destroy();
    });
    const preflighted = PREFLIGHT_HEADERS.some((name) => {
      const value = request.headers[name];
      return typeof value === 'string' && value.length > 0;
    });
    if (!preflighted) {
      reply.header('connection', 'close');
      return void sendHttpError(options, reply, 400, uploadPreflightRequired(PREFLIGHT_HEADERS));
    }
    const length = Number(request.headers['content-length']);
    if (length > options.maxUploadBytes + 2 * options.maxBodyBytes + FRAMING_BYTES) {
      reply.header('connection', 'close');
      return void sendHttpError(options, reply, 413, uploadTooLarge(options.maxUploadBytes));
    }
    done();
  });

  app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    let answered = false;
    const answer = (error: Error | null, body?: unknown) => {
      if (answered) return;
      answered = true;
      done(error, body);
    };
    const refuse = (why: string) =>
      answer(Object.assign(new Error(why), { statusCode: 400, answer: badMultipart(why) }));
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: {
          files: 1,
          fields: 2,
          parts: 3,
          fieldSize: options.maxBodyBytes,
          fileSize: options.maxUploadBytes,
        },
      });
    } catch (error) {
      return refuse((error as Error).message);
    }
    let operations: Record<string, unknown> | undefined;
    let map: Record<string, string[]> | undefined;
    parser.on('field', (name, value) => {
      try {
        if (name === 'operations') operations = JSON.parse(value) as Record<string, unknown>;
        if (name === 'map') map = JSON.parse(value) as Record<string, string[]>;
      } catch {
        refuse(`the ${name} part is not JSON`);
      }
    });
    parser.on('file', (name, stream, info) => {
      const problem = checkSpec(operations, map, name);
      if (problem || !operations || !map) {
        stream.resume();
        return refuse(problem ?? 'operations and map come before the file');
      }
      const upload = new IncomingUpload(stream, info.filename ?? '');
      stream.once('limit', () => {
        upload.failure = new BadUserInputError(
          `the file is over ${options.maxUploadBytes} bytes; at most ${options.maxUploadBytes} are allowed`,
          { file: `must be at most ${options.maxUploadBytes} bytes` },
        );
        stream.destroy(upload.failure);
      });
      uploads.set(request, upload);
      for (const path of map[name]!) setPath(operations, path, upload);
      answer(null, operations);
    });
    parser.on('close', () => {
      const problem = checkSpec(operations, map, undefined);
      if (problem) refuse(problem);
      else answer(null, operations); // No file part: the Upload variable stays null and fails.
    });
    parser.on('error', (error: Error) => refuse(error.message));
    payload.pipe(parser);
  });
}

/** The spec's shape, narrowed to what this gateway takes: one operation, at most one file. */
function checkSpec(
  operations: Record<string, unknown> | undefined,
  map: Record<string, string[]> | undefined,
  fileName: string | undefined,
): string | undefined {
  if (operations === undefined) return 'no operations part';
  if (typeof operations !== 'object' || operations === null || Array.isArray(operations)) {
    return 'operations must be one operation (batches are not served)';
  }
  if (map === undefined) return 'no map part';
  const entries = typeof map === 'object' && map !== null ? Object.entries(map) : [];
  if (entries.length !== 1 || !Array.isArray(entries[0]![1])) {
    return 'map must name exactly one file (one file per operation)';
  }
  if (entries[0]![1].some((path) => typeof path !== 'string' || !path.startsWith('variables.'))) {
    return 'map paths must point into variables';
  }
  if (fileName !== undefined && entries[0]![0] !== fileName) return `map does not name ${fileName}`;
  return undefined;
}

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Puts `value` at a dotted path ("variables.file", "variables.files.0") of operations. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some((key) => FORBIDDEN_KEYS.has(key))) return;
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return;
    node = next as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}
