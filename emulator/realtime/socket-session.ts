// One open realtime socket (§9.5): a FIFO of server messages written one frame at a time with a
// write deadline, keepalive pings, the pong read deadline, and what the client sends. Every
// server-side end is an abrupt TCP drop (no close frame, the client sees 1006: §9.8 #10, #11).
import type { WebSocket } from 'ws';
import { IN_FLIGHT_FRAMES, type SocketSettings } from './settings';

/** A message waiting to be written; `at` is when it was published, for the socket delay. */
interface Queued {
  data: string | Buffer;
  at: number;
}

export interface SessionHooks {
  /** The current delay of every server→client message (Emulator.setSocketDelay). */
  delayMs(): number;
  /** A well-formed client message, with the raw bytes it arrived as. */
  onClientMessage(session: SocketSession, raw: Buffer): void;
  onClosed(session: SocketSession): void;
}

export class SocketSession {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private closed = false;
  private pumpTimer: NodeJS.Timeout | undefined;
  private readonly pingTimer: NodeJS.Timeout;
  private readDeadline: NodeJS.Timeout;
  private readonly writeTimers = new Set<NodeJS.Timeout>();

  constructor(
    readonly identityId: string,
    private readonly ws: WebSocket,
    private readonly settings: SocketSettings,
    private readonly hooks: SessionHooks,
  ) {
    this.pingTimer = setInterval(() => this.ping(), settings.pingIntervalMs);
    this.readDeadline = this.armReadDeadline();
    // Only a pong moves the read deadline; data frames and client pings do not (§9.5).
    ws.on('pong', () => {
      clearTimeout(this.readDeadline);
      this.readDeadline = this.armReadDeadline();
    });
    ws.on('message', (data: Buffer) => this.hooks.onClientMessage(this, data));
    // ws reports protocol errors and oversized messages here, then closes (1002, 1009) itself.
    ws.on('error', (err) => settings.log(`realtime socket error: ${err.message}`));
    ws.on('close', () => this.release());
  }

  /** Queues one server message; past the bound it is dropped and logged (§9.8 #17). */
  send(data: string | Buffer): void {
    if (this.closed) return;
    if (this.queue.length >= this.settings.maxQueuedMessages) {
      this.settings.log(`realtime socket queue full (${this.queue.length}): message dropped`);
      return;
    }
    this.queue.push({ data, at: Date.now() });
    this.pump();
  }

  /** Re-reads the socket delay for the waiting head message (it may have been shortened). */
  pump(): void {
    if (this.pumpTimer !== undefined) clearTimeout(this.pumpTimer);
    this.pumpTimer = undefined;
    while (!this.closed && this.inFlight < IN_FLIGHT_FRAMES && this.queue.length > 0) {
      const head = this.queue[0] as Queued;
      const wait = head.at + this.hooks.delayMs() - Date.now();
      if (wait > 0) {
        this.pumpTimer = setTimeout(() => this.pump(), wait);
        return;
      }
      this.queue.shift();
      this.write((done) => this.ws.send(head.data, { binary: false }, done));
    }
  }

  /** Destroys TCP without a close frame. */
  drop(): void {
    this.release();
    this.ws.terminate();
  }

  private ping(): void {
    this.write((done) => this.ws.ping(undefined, undefined, done));
  }

  /** One frame handed to ws; not flushed to the kernel within the write deadline drops TCP. */
  private write(start: (done: (err?: Error) => void) => void): void {
    if (this.closed) return;
    this.inFlight += 1;
    const timer = setTimeout(() => {
      this.settings.log('realtime socket write deadline passed: dropped');
      this.drop();
    }, this.settings.writeWaitMs);
    this.writeTimers.add(timer);
    start((err) => {
      clearTimeout(timer);
      this.writeTimers.delete(timer);
      this.inFlight -= 1;
      if (!err) this.pump();
    });
  }

  private armReadDeadline(): NodeJS.Timeout {
    return setTimeout(() => {
      this.settings.log('realtime socket pong wait passed: dropped');
      this.drop();
    }, this.settings.pongWaitMs);
  }

  /** Stops every timer and leaves the registry, once, whatever ended the socket. */
  private release(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pingTimer);
    clearTimeout(this.readDeadline);
    if (this.pumpTimer !== undefined) clearTimeout(this.pumpTimer);
    for (const timer of this.writeTimers) clearTimeout(timer);
    this.writeTimers.clear();
    this.queue.length = 0;
    this.hooks.onClosed(this);
  }
}
