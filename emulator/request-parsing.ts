// Reading an incoming request into plain values: the parsed pieces both the request log and the
// route handlers use.
import type { IncomingMessage } from 'node:http';

export interface ParsedRequest {
  method: string;
  path: string;
  /** All values of each query key, in order; echo binds the first one (§5.3). */
  search: URLSearchParams;
  cookies: Record<string, string>;
  headers: Record<string, string>;
  /** The raw body text, '' when there was none. */
  rawBody: string;
}

/** Node lowercases header names already; repeated headers are joined the way they arrived. */
export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** First occurrence of each cookie wins, as Go's Request.Cookie does. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    if (name !== '' && !(name in out)) out[name] = value;
  }
  return out;
}

export function firstValues(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of search) if (!(key in out)) out[key] = value;
  return out;
}

/** Parsed JSON when it parses, else the raw text; undefined when empty (RecordedRequest.body). */
export function loggedBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseRequest(req: IncomingMessage, rawBody: string): ParsedRequest {
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
