// The client side of the realtime bench (bench/realtime.ts): graphql-transport-ws subscribers
// and the publisher that posts straight to the emulator, one instance per side measured (the
// gateway or the floor), so both sides get the very same client. Each message carries its number
// as its text; a receipt is matched to its send time through it.
import WebSocket from 'ws';
import { DEMO_TOKENS, identity, REALTIME_BOX, realtimeCallerName } from '../emulator';

/** Every caller (token-rt0…99) opens this many connections, one subscription each. */
export const CONNECTIONS_PER_CALLER = 10;

export const QUERY = `subscription($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) { event { id ... on TextMessageEvent { encrypted } } }
}`;

export class RealtimeClients {
  /** Send times by message number. */
  private readonly sentAt = new Map<number, number>();
  readonly latencies: number[] = [];
  deliveries = 0;
  lastDeliveryAt = 0;
  /** Subscriptions ended with an error (SLOW_CONSUMER past the buffer, …), by code. */
  readonly ended = new Map<string, number>();
  /** The raw text of each `next` frame the first subscriber got, by message number. */
  readonly framesOfFirst = new Map<number, string>();
  private readonly sockets: WebSocket[] = [];

  constructor(
    private readonly serverUrl: string,
    private readonly emulatorUrl: string,
  ) {}

  /** Resets what the next phase measures. */
  reset(): void {
    this.latencies.length = 0;
    this.deliveries = 0;
  }

  /** One connection of `caller`, subscribed once it is acknowledged. */
  subscribe(caller: number): Promise<void> {
    const who = identity(realtimeCallerName(caller));
    const first = this.sockets.length === 0;
    // Each subscription its own operation id, as graphql-ws's client gives (a UUID): with
    // transparent resume on (the default), a caller's second subscription under the same id is
    // that subscription resumed, and the first ends. The same ids on every side measured, so
    // the frames compare byte for byte.
    const operationId = `00000000-0000-4000-8000-${String(this.sockets.length).padStart(12, '0')}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${this.serverUrl.replace(/^http/, 'ws')}/graphql`, [
        'graphql-transport-ws',
      ]);
      this.sockets.push(ws);
      ws.on('open', () =>
        ws.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: `Bearer ${who.token}` },
          }),
        ),
      );
      ws.on('message', (data: Buffer) => {
        const text = data.toString();
        const message = JSON.parse(text);
        if (message.type === 'connection_ack') {
          const variables = { identityId: who.id, boxIds: [REALTIME_BOX.id] };
          ws.send(
            JSON.stringify({
              id: operationId,
              type: 'subscribe',
              payload: { query: QUERY, variables },
            }),
          );
          resolve();
        } else if (message.type === 'next' && message.payload?.errors) {
          const code = String(message.payload.errors[0]?.extensions?.code);
          this.ended.set(code, (this.ended.get(code) ?? 0) + 1);
        } else if (message.type === 'next') {
          const encrypted = message.payload?.data?.boxEvents?.event?.encrypted;
          const n = encrypted
            ? Number(Buffer.from(String(encrypted), 'base64url').toString())
            : NaN;
          const at = this.sentAt.get(n);
          if (at === undefined) return;
          if (first) this.framesOfFirst.set(n, text);
          const now = performance.now();
          this.latencies.push(now - at);
          this.deliveries++;
          this.lastDeliveryAt = now;
        } else if (message.type === 'error') {
          reject(new Error(JSON.stringify(message.payload)));
        }
      });
      ws.on('error', reject);
    });
  }

  /** Message `n`, posted by alice straight to the emulator; resolves with its 201. */
  async post(n: number): Promise<void> {
    this.sentAt.set(n, performance.now());
    const response = await fetch(`${this.emulatorUrl}/boxes/${REALTIME_BOX.id}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `accesstoken=${DEMO_TOKENS.alice}; tokentype=bearer; _csrf=bench`,
        'x-csrf-token': 'bench',
      },
      body: JSON.stringify({
        type: 'msg.text',
        content: { encrypted: Buffer.from(String(n)).toString('base64url'), public_key: 'pk' },
      }),
    });
    if (response.status !== 201) throw new Error(`post answered ${response.status}`);
    await response.arrayBuffer();
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
  }
}
