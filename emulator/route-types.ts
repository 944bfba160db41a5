// What a route handler receives and returns: the shared vocabulary of routes.ts (dispatch) and
// the route tables (route-table.ts, chat-route-table.ts).
import type { IncomingMessage } from 'node:http';
import type { RouteAuth } from './auth';
import type { Publisher } from './realtime/publisher';
import type { ParsedRequest } from './request-parsing';
import type { Identity, Store } from './store';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** JSON value to send; undefined = no body. */
  body?: unknown;
  /** A plain-text body instead (the websocket handshake refusals, §9.1 step 5). */
  text?: string;
  /** Raw bytes instead, written in chunks with Content-Length (file download, D10). */
  bytes?: Buffer;
  /** Status 101 only: the upgrade passed every check; the caller completes it for this identity. */
  upgrade?: Identity;
}

/** What routes need beyond the store: the emulator's options. */
export interface RouteSettings {
  allowedOrigins: readonly string[];
  /** The largest upload POST /boxes/:bid/encrypted-files keeps (D8). */
  maxUploadBytes: number;
}

/** A request body the route reads itself, as it arrives (the multipart upload). */
export interface StreamedBody {
  stream: IncomingMessage;
  /** Told the running total of body bytes received (the request log's bodyBytes). */
  progress(bytes: number): void;
  /** Told what the request log keeps of the body once it is parsed (never the file bytes). */
  summary(body: unknown): void;
}

export interface HandlerInput {
  store: Store;
  req: ParsedRequest;
  /** Path parameters by template name (`:id`, `:bid`). */
  params: Record<string, string>;
  /** The path's first parameter: a box id, or an identity id on the websocket route. */
  pathId: string;
  caller: Identity | null;
  csrfToken: string;
  settings: RouteSettings;
  publisher: Publisher;
  /** Streamed endpoints only. */
  body?: StreamedBody;
}

export interface Endpoint {
  /** null = no authentication middleware on this route (GET /csrf, the public box view). */
  auth: RouteAuth | null;
  /** The body is not read before the handler runs; the handler gets it as `body`. */
  streamed?: boolean;
  handle(input: HandlerInput): Reply | Promise<Reply>;
}

export interface RouteDef {
  /** Echo's path template, e.g. '/boxes/:id/events'; the request log records it. */
  template: string;
  methods: Record<string, Endpoint>;
}

const JSON_TYPE = 'application/json; charset=UTF-8';

export const json = (status: number, body: unknown): Reply => ({
  status,
  headers: { 'content-type': JSON_TYPE },
  body,
});

export const total = (n: number): Reply => ({
  status: 204,
  headers: { 'x-total-count': String(n) },
});

export const noContent = (): Reply => ({ status: 204, headers: {} });

/** Authenticated routes only: the router ran the auth middleware before the handler. */
export const callerOf = (input: HandlerInput): Identity => input.caller as Identity;
