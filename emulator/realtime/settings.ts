// The realtime socket's settings (docs/upstream.md#realtime-socket) and their defaults:
// the upstream's own values, which tests shrink.

export interface SocketOptions {
  /** Server ping period; the first ping goes out one period after the upgrade. @default 45000 */
  pingIntervalMs?: number;
  /** Read deadline after the upgrade and after each pong; past it TCP is dropped. @default 120000 */
  pongWaitMs?: number;
  /** A frame not written to the kernel within this drops TCP. @default 30000 */
  writeWaitMs?: number;
  /** Exact-match Origin allow-list; '*' allows all; an absent Origin is always allowed. @default [] */
  allowedOrigins?: string[];
  /** Server messages one socket may hold unsent; newer ones are dropped and logged. @default 100 */
  maxQueuedMessages?: number;
  /** Where the socket's warnings go (ignored acks, dropped messages). @default nowhere */
  log?: (line: string) => void;
}

export interface SocketSettings {
  pingIntervalMs: number;
  pongWaitMs: number;
  writeWaitMs: number;
  allowedOrigins: readonly string[];
  maxQueuedMessages: number;
  log: (line: string) => void;
}

/** gorilla's SetReadLimit(8192): a bigger client message is closed with 1009 (§9.5). */
export const MAX_CLIENT_MESSAGE_BYTES = 8192;

/** Messages handed to the kernel and not yet flushed, like the upstream's 8-slot channel. */
export const IN_FLIGHT_FRAMES = 8;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value > 0))
    throw new TypeError(`socket.${name} must be a finite number > 0, got ${value}`);
  return value;
}

export function socketSettings(options: SocketOptions = {}): SocketSettings {
  const origins = options.allowedOrigins ?? [];
  if (!Array.isArray(origins) || origins.some((o) => typeof o !== 'string'))
    throw new TypeError('socket.allowedOrigins must be an array of strings');
  const maxQueued = positive('maxQueuedMessages', options.maxQueuedMessages, 100);
  if (!Number.isInteger(maxQueued))
    throw new TypeError(`socket.maxQueuedMessages must be an integer, got ${maxQueued}`);
  return {
    pingIntervalMs: positive('pingIntervalMs', options.pingIntervalMs, 45_000),
    pongWaitMs: positive('pongWaitMs', options.pongWaitMs, 120_000),
    writeWaitMs: positive('writeWaitMs', options.writeWaitMs, 30_000),
    allowedOrigins: [...origins],
    maxQueuedMessages: maxQueued,
    log: options.log ?? (() => undefined),
  };
}
