// The open realtime sockets by identity: the emulator's stand-in for the redis channel
// `user_<identity_id>:ws` every socket of an identity subscribes to (§9.2, §9.5: no cap).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { acceptedAck } from './client-messages';
import { MAX_CLIENT_MESSAGE_BYTES, type SocketSettings } from './settings';
import { SocketSession } from './socket-session';

export class SocketRegistry {
  private readonly byIdentity = new Map<string, Set<SocketSession>>();
  private delay = 0;
  private readonly server = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    perMessageDeflate: false,
    // The upstream offers no subprotocol, whatever the client asks for (§9.1).
    handleProtocols: () => false,
  });

  /** onAck: an echoed ack's (identity, box), whose unread counter the upstream DELs (§9.4). */
  constructor(
    private readonly settings: SocketSettings,
    private readonly onAck: (identityId: string, boxId: string) => void = () => undefined,
  ) {}

  /**
   * Completes an upgrade that passed every check. The socket joins its identity's channel in
   * the same tick as the 101 is written, so nothing published can fall between (§9.8 #12).
   */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, identityId: string): void {
    this.server.handleUpgrade(req, socket, head, (ws) => {
      const session = new SocketSession(identityId, ws, this.settings, {
        delayMs: () => this.delay,
        onClientMessage: (from, raw) => this.onClientMessage(from, raw),
        onClosed: (closed) => this.remove(closed),
      });
      let sessions = this.byIdentity.get(identityId);
      if (!sessions) {
        sessions = new Set();
        this.byIdentity.set(identityId, sessions);
      }
      sessions.add(session);
    });
  }

  /** One message to every socket of that identity, in publish order per socket. */
  publish(identityId: string, data: string | Buffer): void {
    for (const session of this.byIdentity.get(identityId) ?? []) session.send(data);
  }

  count(): number {
    let n = 0;
    for (const sessions of this.byIdentity.values()) n += sessions.size;
    return n;
  }

  /** Drops every socket's TCP without a close frame; returns how many there were. */
  dropAll(): number {
    const all = [...this.byIdentity.values()].flatMap((sessions) => [...sessions]);
    for (const session of all) session.drop();
    return all.length;
  }

  setDelay(ms: number): void {
    this.delay = ms;
    for (const sessions of this.byIdentity.values()) for (const s of sessions) s.pump();
  }

  /** §9.4 with §9.8 #6–#8: an ack for the socket's own identity is echoed verbatim. */
  private onClientMessage(from: SocketSession, raw: Buffer): void {
    const ack = acceptedAck(raw, from.identityId);
    if (ack.outcome === 'echo') {
      this.onAck(from.identityId, ack.boxId);
      this.publish(from.identityId, raw);
    } else if (ack.outcome === 'foreign') {
      this.settings.log('realtime ack for another identity ignored');
    }
  }

  private remove(session: SocketSession): void {
    const sessions = this.byIdentity.get(session.identityId);
    if (!sessions) return;
    sessions.delete(session);
    if (sessions.size === 0) this.byIdentity.delete(session.identityId);
  }
}
