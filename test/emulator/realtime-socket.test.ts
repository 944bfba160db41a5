// The open realtime socket (docs/upstream.md#realtime-socket): ack echo rules,
// ignored frames, the 8 KiB limit, keepalive with shrunk timings, the write deadline, the bounded
// queue, several sockets per identity, abrupt drops, the message delay. Real sockets, port 0.
import WebSocket from 'ws';
import { startEmulator, type Emulator, type SocketOptions } from '../../emulator';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator/seed';
import { call, eventsPath } from './http';
import {
  handshakeHeaders,
  openSocket,
  rawUpgrade,
  sync,
  untilOpenSockets,
  userCookies,
  wsPath,
  type Inbox,
} from './ws';
import { waitFor } from '../helpers/wait-for';

const BOB = DEMO_IDENTITY_IDS.bob;
const ALICE = DEMO_IDENTITY_IDS.alice;
const WELCOME = DEMO_BOX_IDS.welcome;

let emu: Emulator | undefined;
let logLines: string[] = [];
async function start(socket: SocketOptions = {}): Promise<Emulator> {
  logLines = [];
  emu = await startEmulator({ socket: { log: (line) => logLines.push(line), ...socket } });
  return emu;
}
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const bobSocket = (e: Emulator) => openSocket(e, BOB, { token: DEMO_TOKENS.bob });
const aliceText = async (e: Emulator, encrypted = 'aGk') => {
  const res = await call(e, 'POST', eventsPath(WELCOME), {
    token: DEMO_TOKENS.alice,
    body: { type: 'msg.text', content: { encrypted, public_key: 'pk' } },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string };
};
const ack = (senderId: unknown, boxId: unknown = WELCOME) =>
  JSON.stringify({ type: 'ack', object: { box_id: boxId, sender_id: senderId } });

describe('client messages', () => {
  it('an ack for the own identity is echoed byte for byte, as text, to every socket of that identity only', async () => {
    const e = await start();
    const [one, two, alice] = [
      await bobSocket(e),
      await bobSocket(e),
      await openSocket(e, ALICE, { token: DEMO_TOKENS.alice }),
    ];
    const raw = `{ "type":"ack",  "object":{"sender_id":"${BOB}","box_id":"${WELCOME}","extra":[1,2]} }`;
    one.ws.send(raw);
    two.ws.send(Buffer.from(raw), { binary: true });
    await one.waitFor(2);
    await two.waitFor(2);
    expect([one.frames, two.frames]).toEqual([
      [
        { text: raw, binary: false },
        { text: raw, binary: false },
      ],
      [
        { text: raw, binary: false },
        { text: raw, binary: false },
      ],
    ]);
    expect(await sync(alice, ALICE)).toEqual([]);
  });

  it('an ack naming another identity, or null ids, is ignored and logged (§9.8 #6), nobody receives it', async () => {
    const e = await start();
    const bob = await bobSocket(e);
    const alice = await openSocket(e, ALICE, { token: DEMO_TOKENS.alice });
    bob.ws.send(ack(ALICE));
    bob.ws.send('{"type":"ack","object":null}');
    expect([await sync(bob, BOB), await sync(alice, ALICE)]).toEqual([[], []]);
    expect(logLines).toEqual([
      'realtime ack for another identity ignored',
      'realtime ack for another identity ignored',
    ]);
  });

  it.each([
    ['non-JSON', 'hello'],
    ['an unknown type', JSON.stringify({ type: 'typing', object: {} })],
    ['an ack without object', '{"type":"ack"}'],
    [
      'an ack with a numeric sender_id',
      JSON.stringify({ type: 'ack', object: { sender_id: 7, box_id: WELCOME } }),
    ],
    ['an ack whose object is an array', '{"type":"ack","object":[]}'],
    ['a JSON array', '[1]'],
  ])('%s is ignored: no reply, the socket stays open', async (_what, frame) => {
    const e = await start();
    const bob = await bobSocket(e);
    bob.ws.send(frame);
    expect(await sync(bob, BOB)).toEqual([]);
    expect([bob.ws.readyState, e.openSockets(), logLines]).toEqual([WebSocket.OPEN, 1, []]);
  });

  it('a message of exactly 8192 bytes is read; 8193 bytes closes with 1009', async () => {
    const e = await start();
    const bob = await bobSocket(e);
    const base = ack(BOB, '');
    const exact = ack(BOB, 'x'.repeat(8192 - Buffer.byteLength(base)));
    expect(Buffer.byteLength(exact)).toBe(8192);
    bob.ws.send(exact);
    await bob.waitFor(1);
    expect(bob.frames[0]?.text).toBe(exact);
    bob.ws.send(`${exact} `);
    expect(await bob.closed).toEqual({ code: 1009 });
    await untilOpenSockets(e, 0);
  });

  it("a client's ping is answered with a pong carrying its payload", async () => {
    const e = await start();
    const bob = await bobSocket(e);
    const pong = new Promise<string>((resolve) =>
      bob.ws.once('pong', (data) => resolve(data.toString())),
    );
    bob.ws.ping('are-you-there');
    expect(await pong).toBe('are-you-there');
  });

  it("a client's close frame is echoed with its code", async () => {
    const e = await start();
    const bob = await bobSocket(e);
    bob.ws.close(4000, 'bye');
    expect(await bob.closed).toEqual({ code: 4000 });
    await untilOpenSockets(e, 0);
  });

  it('a protocol violation (an unmasked client frame) is closed with 1002', async () => {
    const e = await start();
    const answer = await rawUpgrade(
      e,
      wsPath(BOB),
      handshakeHeaders({ cookie: userCookies(DEMO_TOKENS.bob) }),
    );
    const socket = answer.socket;
    if (!socket) throw new Error('no socket');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    socket.write(Buffer.from([0x81, 0x02, 0x68, 0x69])); // FIN text "hi", mask bit unset
    await ended;
    const bytes = Buffer.concat(received);
    expect([bytes[0], bytes.readUInt16BE(2)]).toEqual([0x88, 1002]);
  });
});

describe('keepalive and deadlines', () => {
  it('pings every pingIntervalMs; a client that answers stays open past pongWaitMs', async () => {
    const e = await start({ pingIntervalMs: 100, pongWaitMs: 1000 });
    const bob = await bobSocket(e);
    let pings = 0;
    bob.ws.on('ping', () => (pings += 1));
    // 25 pings are at least 24 intervals (2.4 s) apart end to end: past two pong waits, so only
    // the pongs can have kept it open. Counted, not slept: a slow machine just takes longer.
    await waitFor('25 pings', () => pings >= 25);
    expect([bob.ws.readyState, e.openSockets()]).toEqual([WebSocket.OPEN, 1]);
  });

  it('no pong within pongWaitMs drops TCP without a close frame (1006), whatever data frames arrive', async () => {
    const e = await start({ pingIntervalMs: 100, pongWaitMs: 500 });
    const ws = new WebSocket(`${e.url.replace(/^http/, 'ws')}${wsPath(BOB)}`, {
      headers: { cookie: userCookies(DEMO_TOKENS.bob) },
      autoPong: false,
    });
    const closed = new Promise<number>((resolve) => ws.on('close', resolve));
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.once('open', resolve));
    const opened = Date.now();
    const chatter = setInterval(() => ws.send(ack(BOB)), 50);
    const code = await closed;
    clearInterval(chatter);
    expect(code).toBe(1006);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(450);
    expect(logLines).toContain('realtime socket pong wait passed: dropped');
    await untilOpenSockets(e, 0);
  });

  it('a frame not flushed within writeWaitMs (a client that stops reading) drops TCP', async () => {
    const e = await start({ writeWaitMs: 500 });
    const bob = await bobSocket(e);
    const tcp = (bob.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    // 4 MiB messages: far more than the loopback socket buffers hold.
    const big = 'A'.repeat(4 * 1024 * 1024);
    for (let i = 0; i < 6 && e.openSockets() > 0; i += 1) await aliceText(e, big);
    await untilOpenSockets(e, 0, 15_000);
    expect(logLines).toContain('realtime socket write deadline passed: dropped');
    tcp.resume();
    expect(await bob.closed).toEqual({ code: 1006 });
  });
});

describe('queue, fan-out and faults', () => {
  it('at most maxQueuedMessages wait per socket (default 100): newer messages are dropped and logged', async () => {
    const e = await start();
    const bob = await bobSocket(e);
    e.setSocketDelay(60_000);
    const ids: string[] = [];
    for (let i = 0; i < 103; i += 1) ids.push((await aliceText(e)).id);
    e.setSocketDelay(0);
    const got = await sync(bob, BOB);
    expect(got.map((m) => m.object.id)).toEqual(ids.slice(0, 100));
    expect(logLines.filter((l) => l.startsWith('realtime socket queue full'))).toHaveLength(3);
  });

  it('setSocketDelay delays each message, keeps the order, and a shorter delay releases waiting ones', async () => {
    const e = await start({ pingIntervalMs: 50 });
    const bob = await bobSocket(e);
    let pings = 0;
    bob.ws.on('ping', () => (pings += 1));
    e.setSocketDelay(400);
    const posted = Date.now();
    const first = await aliceText(e);
    const second = await aliceText(e);
    await bob.waitFor(2);
    expect(Date.now() - posted).toBeGreaterThanOrEqual(390);
    expect(bob.messages().map((m) => m.object.id)).toEqual([first.id, second.id]);
    e.setSocketDelay(60_000);
    const third = await aliceText(e);
    // Not delivered: had it been written when published (before the POST answered), it would
    // be ahead of these pings on the same TCP stream, and ws reports frames in stream order.
    const seen = pings;
    await waitFor('two more pings', () => pings >= seen + 2);
    expect(bob.frames).toHaveLength(2);
    e.setSocketDelay(0);
    await bob.waitFor(3);
    expect(bob.messages()[2]?.object.id).toBe(third.id);
    expect(() => e.setSocketDelay(-1)).toThrow(/socket delay/);
  });

  it('several sockets of one identity all receive every message', async () => {
    const e = await start();
    const sockets: Inbox[] = [await bobSocket(e), await bobSocket(e), await bobSocket(e)];
    expect(e.openSockets()).toBe(3);
    const { id } = await aliceText(e);
    for (const s of sockets) expect((await sync(s, BOB)).map((m) => m.object.id)).toEqual([id]);
  });

  it('dropSockets destroys every socket without a close frame (1006), returns the count, and new ones open', async () => {
    const e = await start();
    const sockets = [
      await bobSocket(e),
      await bobSocket(e),
      await openSocket(e, ALICE, { token: DEMO_TOKENS.alice }),
    ];
    expect(e.dropSockets()).toBe(3);
    expect(e.openSockets()).toBe(0);
    for (const s of sockets) expect(await s.closed).toEqual({ code: 1006 });
    expect(e.dropSockets()).toBe(0);
    const again = await bobSocket(e);
    const { id } = await aliceText(e);
    expect((await sync(again, BOB)).map((m) => m.object.id)).toEqual([id]);
  });

  it('close() drops open sockets without a close frame (1006)', async () => {
    const e = await start();
    const bob = await bobSocket(e);
    await e.close();
    emu = undefined;
    expect(await bob.closed).toEqual({ code: 1006 });
  });
});
