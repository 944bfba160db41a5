// Realtime-socket client for the contract suite: real upgrades with the `ws` client, a raw
// node:http upgrade request to read refusals byte for byte, and an inbox that collects frames.
import { request, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket, { type RawData } from 'ws';
import type { Emulator } from '../../emulator';
import { bounded, waitFor } from '../helpers/wait-for';

export const wsPath = (identityId: string) => `/box-users/${identityId}/ws`;
export const userCookies = (token: string) => `accesstoken=${token}; tokentype=bearer`;

/** What the server answered an upgrade request with; `socket` only on 101. */
export interface UpgradeAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Raw header names as sent, in order (to prove no extra header on the 101). */
  rawHeaderNames: string[];
  text: string;
  socket?: Socket;
}

/** The handshake headers a browser sends, which a test can override or remove (undefined). */
export function handshakeHeaders(
  overrides: Record<string, string | undefined> = {},
): Record<string, string> {
  const base: Record<string, string | undefined> = {
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-version': '13',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Sends one GET with exactly these headers and reports the answer, 101 or not. */
export function rawUpgrade(
  emu: Emulator,
  path: string,
  headers: Record<string, string>,
): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${emu.url}${path}`, { method: 'GET', headers });
    const names = (raw: string[]) => raw.filter((_, i) => i % 2 === 0);
    req.on('upgrade', (res, socket) => {
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        rawHeaderNames: names(res.rawHeaders),
        text: '',
        socket,
      });
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaderNames: names(res.rawHeaders),
          text,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Frames received by one client socket, with waits that fail loudly instead of hanging. */
export class Inbox {
  readonly frames: Array<{ text: string; binary: boolean }> = [];
  /** Frames before this index were returned by an earlier sync(). */
  synced = 0;
  readonly closed: Promise<{ code: number }>;
  private waiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: RawData, binary: boolean) => {
      this.frames.push({ text: data.toString(), binary });
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve({ code })));
    ws.on('error', () => undefined); // a 1006 also reports an error; `closed` is what tests read
  }

  /** Parsed messages received so far. */
  messages(): Array<{ type: string; object: Record<string, unknown> }> {
    return this.frames.map((f) => JSON.parse(f.text));
  }

  /** Resolves once `count` frames have arrived in total. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    const arrived = new Promise<void>((resolve) => {
      const check = () => (this.frames.length >= count ? resolve() : this.waiters.push(check));
      check();
    });
    await bounded(
      arrived,
      timeoutMs,
      () => `expected ${count} frames, got ${this.frames.length}: ${this.texts()}`,
    );
  }

  private texts(): string {
    return this.frames.map((f) => f.text.slice(0, 120)).join(' | ');
  }
}

export interface OpenOptions {
  /** Cookie token (a user); default for `open`. */
  token?: string;
  /** Authorization: Bearer (a machine). */
  bearer?: string;
  origin?: string;
}

/** Opens a socket for that identity; rejects with the status if the upgrade is refused. */
export function openSocket(
  emu: Emulator,
  identityId: string,
  options: OpenOptions,
): Promise<Inbox> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.cookie = userCookies(options.token);
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
  const ws = new WebSocket(`${emu.url.replace(/^http/, 'ws')}${wsPath(identityId)}`, {
    headers,
    ...(options.origin !== undefined ? { origin: options.origin } : {}),
  });
  const inbox = new Inbox(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(inbox));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      reject(new Error(`upgrade refused with ${res.statusCode}`));
    });
    ws.once('error', reject);
  });
}

/** Waits until the emulator reports `count` open sockets (a server-side close is async). */
export async function untilOpenSockets(emu: Emulator, count: number, timeoutMs = 10_000) {
  await waitFor(`${count} open sockets`, () => emu.openSockets() === count, timeoutMs);
}

let syncs = 0;

/**
 * Everything the socket received since the last sync, proven complete: an ack for the socket's
 * own identity is echoed through the same FIFO after everything already published, so once the
 * echo arrives nothing published earlier can still be on its way (§9.8 #7, #16).
 */
export async function sync(
  inbox: Inbox,
  identityId: string,
): Promise<Array<{ type: string; object: Record<string, unknown> }>> {
  syncs += 1;
  const marker = JSON.stringify({
    type: 'ack',
    object: { box_id: `sync-${syncs}`, sender_id: identityId },
  });
  const start = inbox.synced;
  inbox.ws.send(marker);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const at = inbox.frames.findIndex((f, i) => i >= start && f.text === marker);
    if (at >= 0) {
      inbox.synced = at + 1;
      return inbox.frames.slice(start, at).map((f) => JSON.parse(f.text));
    }
    if (Date.now() > deadline) throw new Error(`no sync echo; frames: ${inbox.frames.length}`);
    await inbox.waitFor(inbox.frames.length + 1, deadline - Date.now());
  }
}
