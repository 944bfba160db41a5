// Tiny HTTP client for the contract suite: real requests against a running emulator, with the
// credentials a browser (cookies + double-submit CSRF) or a machine (Bearer) would send.
import type { Emulator } from '../../emulator/emulator';
import { startEmulator } from '../../emulator/emulator';
import type { Seed } from '../../emulator/seed-types';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
export const CSRF = 'test-csrf-token-0123456789abcdef';

export interface CallOptions {
  /** User token sent as cookies (accesstoken + tokentype=bearer). */
  token?: string;
  /** Machine token sent as Authorization: Bearer. */
  bearer?: string;
  /** Extra cookies, merged after the token cookies. */
  cookies?: Record<string, string>;
  headers?: Record<string, string>;
  /** JSON-encoded with Content-Type application/json. */
  body?: unknown;
  /** Sent verbatim (set content-type yourself through headers). */
  rawBody?: string | Buffer;
  /** Unsafe methods only: send the matching _csrf cookie and X-CSRF-Token header. @default true */
  csrf?: boolean;
}

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, undefined when empty. */
  json: unknown;
}

export async function call(
  emu: Emulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Res> {
  const cookies: Record<string, string> = {};
  const headers: Record<string, string> = {};
  if (options.token !== undefined) {
    cookies.accesstoken = options.token;
    cookies.tokentype = 'bearer';
  }
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
  if (!SAFE_METHODS.has(method) && (options.csrf ?? true) && options.bearer === undefined) {
    cookies._csrf = CSRF;
    headers['x-csrf-token'] = CSRF;
  }
  Object.assign(cookies, options.cookies);
  const cookieHeader = Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  if (cookieHeader !== '') headers.cookie = cookieHeader;
  let body: string | Buffer | undefined;
  // fetch refuses a body on GET/HEAD; tables that share options across methods rely on this.
  if (options.body !== undefined && method !== 'GET' && method !== 'HEAD') {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (options.rawBody !== undefined) body = options.rawBody;
  Object.assign(headers, options.headers);
  const res = await fetch(`${emu.url}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** The four-key envelope, built in wire order so toEqual and key-order checks both hold. */
export function envelope(
  code: string,
  details: Record<string, string> = {},
  origin = 'not_defined',
) {
  return { code, origin, details };
}

/** Asserts status and envelope (code, origin, details); desc is free text (§1.3). */
export function expectError(
  res: Res,
  status: number,
  code: string,
  details: Record<string, string> = {},
  origin = 'not_defined',
): void {
  expect({ status: res.status, keys: Object.keys(res.json as object), ...pick(res.json) }).toEqual({
    status,
    keys: ['code', 'origin', 'desc', 'details'],
    code,
    origin,
    details,
  });
}

function pick(json: unknown): { code: unknown; origin: unknown; details: unknown } {
  const body = (json ?? {}) as Record<string, unknown>;
  return { code: body.code, origin: body.origin, details: body.details };
}

/** Starts a fresh emulator before each test and closes it after. */
export function useEmulator(seed?: () => Seed): () => Emulator {
  let emu: Emulator | undefined;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0, seed: seed?.() });
  });
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });
  return () => emu as Emulator;
}

export const eventsPath = (boxId: string, query = '') => `/boxes/${boxId}/events${query}`;
export const filesPath = (boxId: string, query = '') => `/boxes/${boxId}/files${query}`;
export const batchPath = (boxId: string) => `/boxes/${boxId}/batch-events`;

/** 403 with empty desc and details: the "bare" body of upstream-api.md §13. */
export const BARE_403 = { code: 'forbidden', origin: 'not_defined', desc: '', details: {} };
/** The §4 not_member body. */
export const NOT_MEMBER = {
  code: 'forbidden',
  origin: 'not_defined',
  desc: 'must be a member',
  details: { reason: 'not_member', sender_id: 'forbidden' },
};
/** The ACR check's 403 (§2.2) for a route that needs `acr`. */
export const acrTooLow = (acr: 1 | 2) => ({
  code: 'forbidden',
  origin: 'acr',
  desc: 'acr is too low',
  details: { acr: 'forbidden', required_acr: String(acr) },
});
