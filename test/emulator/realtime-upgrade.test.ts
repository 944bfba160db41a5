// GET /box-users/:id/ws up to the 101 (docs/upstream.md#realtime-socket): every refusal in the
// upstream's order with its exact body and headers, the 101's headers, Origin rules, faults on
// upgrades and the request log. Over real sockets against the emulator on port 0.
import { startEmulator, type Emulator } from '../../emulator';
import { identity } from '../../emulator/seed-builders';
import {
  demoSeed,
  DEMO_BOX_IDS,
  DEMO_EXTRA_TOKENS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
} from '../../emulator/seed';
import { useEmulator } from './http';
import {
  handshakeHeaders,
  openSocket,
  rawUpgrade,
  untilOpenSockets,
  userCookies,
  wsPath,
  type UpgradeAnswer,
} from './ws';

const BOB = DEMO_IDENTITY_IDS.bob;
const bobCookie = { cookie: userCookies(DEMO_TOKENS.bob) };
const PLAIN = 'text/plain; charset=utf-8';

/** The JSON envelope, parsed, with the status: refusals of steps 2–4 are asserted whole. */
const jsonAnswer = (a: UpgradeAnswer) => ({
  status: a.status,
  type: a.headers['content-type'],
  body: JSON.parse(a.text) as unknown,
});

function expectPlain(answer: UpgradeAnswer, status: 400 | 403): void {
  expect({
    status: answer.status,
    text: answer.text,
    type: answer.headers['content-type'],
    version: answer.headers['sec-websocket-version'],
    nosniff: answer.headers['x-content-type-options'],
  }).toEqual({
    status,
    text: status === 400 ? 'Bad Request\n' : 'Forbidden\n',
    type: PLAIN,
    version: '13',
    nosniff: 'nosniff',
  });
}

describe('realtime upgrade', () => {
  const emu = useEmulator();

  it('answers 101 with only Upgrade, Connection and Sec-WebSocket-Accept: no subprotocol, no compression, no cookie', async () => {
    const answer = await rawUpgrade(
      emu(),
      wsPath(BOB),
      handshakeHeaders({
        ...bobCookie,
        'sec-websocket-protocol': 'graphql-transport-ws',
        'sec-websocket-extensions': 'permessage-deflate; client_max_window_bits',
      }),
    );
    answer.socket?.destroy();
    expect({
      status: answer.status,
      names: answer.rawHeaderNames,
      headers: answer.headers,
    }).toEqual({
      status: 101,
      names: ['Upgrade', 'Connection', 'Sec-WebSocket-Accept'],
      headers: {
        upgrade: 'websocket',
        connection: 'Upgrade',
        // RFC 6455 §1.3's worked example for this key.
        'sec-websocket-accept': 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
      },
    });
  });

  describe('refusals before any upgrade, in the upstream order', () => {
    it('step 2, no credentials: JSON 401, with or without handshake headers, and the _csrf cookie', async () => {
      for (const headers of [{}, handshakeHeaders()]) {
        const answer = await rawUpgrade(emu(), wsPath(BOB), headers);
        expect(jsonAnswer(answer)).toEqual({
          status: 401,
          type: 'application/json; charset=UTF-8',
          body: {
            code: 'unauthorized',
            origin: 'not_defined',
            desc: 'missing authorization',
            details: {},
          },
        });
        expect(answer.headers['set-cookie']?.[0]).toMatch(/^_csrf=[A-Za-z0-9]{32}; Path=\//);
        expect(answer.headers.vary).toBe('Cookie');
      }
    });

    it.each([
      [
        'a user token as Bearer',
        { authorization: `Bearer ${DEMO_TOKENS.bob}` },
        {
          code: 'unauthorized',
          origin: 'not_defined',
          desc: 'access token must be sent using cookies and a csrf token',
          details: {},
        },
      ],
      [
        'Bearer and cookies together',
        { authorization: `Bearer ${DEMO_EXTRA_TOKENS.machine}`, ...bobCookie },
        {
          code: 'unauthorized',
          origin: 'not_defined',
          desc: 'too much way of giving authorization',
          details: {},
        },
      ],
      [
        'an unknown token',
        { cookie: userCookies('no-such-token') },
        {
          code: 'unauthorized',
          origin: 'headers',
          desc: 'token is not active',
          details: { Authorization: 'invalid' },
        },
      ],
    ])('step 2, %s: JSON 401', async (_what, headers, body) => {
      const answer = await rawUpgrade(emu(), wsPath(BOB), handshakeHeaders(headers));
      expect(jsonAnswer(answer)).toEqual({
        status: 401,
        type: 'application/json; charset=UTF-8',
        body,
      });
    });

    it('step 2 before step 3: a malformed id without credentials is a 401', async () => {
      const answer = await rawUpgrade(emu(), wsPath(BOB.toUpperCase()), handshakeHeaders());
      expect(answer.status).toBe(401);
    });

    it('step 3, the path id is not a lowercase UUID v4: the exact JSON 400', async () => {
      for (const id of [BOB.toUpperCase(), 'not-a-uuid', '00000000-0000-1000-8000-000000000000']) {
        const answer = await rawUpgrade(emu(), wsPath(id), handshakeHeaders(bobCookie));
        expect([answer.status, answer.text]).toEqual([
          400,
          '{"code":"bad_request","origin":"path","desc":"","details":{"id":"malformed"}}',
        ]);
      }
    });

    it("step 4, another identity's id: the exact JSON 403, even with a bad Origin (identity first)", async () => {
      for (const origin of [undefined, 'https://evil.example']) {
        const answer = await rawUpgrade(
          emu(),
          wsPath(DEMO_IDENTITY_IDS.alice),
          handshakeHeaders({ ...bobCookie, origin }),
        );
        expect([answer.status, answer.headers['content-type'], answer.text]).toEqual([
          403,
          'application/json; charset=UTF-8',
          '{"code":"forbidden","origin":"not_defined","desc":"","details":{}}',
        ]);
      }
    });

    it('step 5, a plain GET with valid credentials: plain-text 400, still with the _csrf cookie', async () => {
      const answer = await rawUpgrade(emu(), wsPath(BOB), bobCookie);
      expectPlain(answer, 400);
      expect(answer.headers['set-cookie']?.[0]).toMatch(/^_csrf=/);
      expect(answer.headers.vary).toBe('Cookie');
    });

    it.each([
      ['no upgrade token in Connection', { connection: 'keep-alive' }],
      ['no websocket token in Upgrade', { upgrade: 'h2c' }],
      ['Sec-WebSocket-Version 8', { 'sec-websocket-version': '8' }],
      ['no Sec-WebSocket-Version', { 'sec-websocket-version': undefined }],
      ['no Sec-WebSocket-Key', { 'sec-websocket-key': undefined }],
    ])('step 5, %s: plain-text 400', async (_what, overrides) => {
      const answer = await rawUpgrade(
        emu(),
        wsPath(BOB),
        handshakeHeaders({ ...bobCookie, ...overrides }),
      );
      expectPlain(answer, 400);
      expect(emu().openSockets()).toBe(0);
    });

    it('step 5, an Origin not on the (empty) allow-list: plain-text 403, checked before the key', async () => {
      expectPlain(
        await rawUpgrade(
          emu(),
          wsPath(BOB),
          handshakeHeaders({ ...bobCookie, origin: 'https://app.misakey.com' }),
        ),
        403,
      );
      expectPlain(
        await rawUpgrade(
          emu(),
          wsPath(BOB),
          handshakeHeaders({
            ...bobCookie,
            origin: 'https://evil.example',
            'sec-websocket-key': undefined,
          }),
        ),
        403,
      );
    });

    it('another method on the route: JSON 405, as echo answers it', async () => {
      const res = await fetch(`${emu().url}${wsPath(BOB)}`, {
        method: 'POST',
        headers: { ...bobCookie, authorization: 'x' },
      });
      expect([res.status, await res.json()]).toEqual([
        405,
        {
          code: 'method_not_allowed',
          origin: 'not_defined',
          desc: 'Method Not Allowed',
          details: {},
        },
      ]);
    });
  });

  it("an upgrade request to a REST route gets that route's ordinary answer, then the connection closes", async () => {
    const answer = await rawUpgrade(
      emu(),
      `/boxes/${DEMO_BOX_IDS.welcome}/events?limit=1`,
      handshakeHeaders(bobCookie),
    );
    expect([
      answer.status,
      answer.headers.connection,
      (JSON.parse(answer.text) as unknown[]).length,
    ]).toEqual([200, 'close', 1]);
    expect(emu().requests.map((r) => [r.path, r.upgrade])).toEqual([
      [`/boxes/${DEMO_BOX_IDS.welcome}/events`, true],
    ]);
  });

  it('accepts a machine by Bearer and a user of another OAuth client by cookies', async () => {
    const machine = await openSocket(emu(), DEMO_IDENTITY_IDS.machine, {
      bearer: DEMO_EXTRA_TOKENS.machine,
    });
    const olga = await openSocket(emu(), DEMO_IDENTITY_IDS.otherClient, {
      token: DEMO_EXTRA_TOKENS.otherClient,
    });
    expect(emu().openSockets()).toBe(2);
    machine.ws.terminate();
    olga.ws.terminate();
    await untilOpenSockets(emu(), 0);
  });

  it('records every upgrade attempt, refused ones included, with upgrade: true; a plain GET without it', async () => {
    await rawUpgrade(emu(), wsPath(BOB), handshakeHeaders());
    await rawUpgrade(emu(), wsPath(BOB), bobCookie);
    const inbox = await openSocket(emu(), BOB, { token: DEMO_TOKENS.bob });
    inbox.ws.terminate();
    expect(emu().requests.map((r) => [r.method, r.path, r.upgrade, r.cookies.accesstoken])).toEqual(
      [
        ['GET', wsPath(BOB), true, undefined],
        ['GET', wsPath(BOB), undefined, DEMO_TOKENS.bob],
        ['GET', wsPath(BOB), true, DEMO_TOKENS.bob],
      ],
    );
  });

  it('fault rules apply to upgrades: 503 refusals for a while, a reset, then a normal 101', async () => {
    emu().failNext({
      method: 'GET',
      path: /\/box-users\/.+\/ws$/,
      fault: { kind: 'status', status: 503 },
      times: 2,
    });
    emu().failNext({ method: 'GET', path: /\/box-users\/.+\/ws$/, fault: { kind: 'reset' } });
    for (let i = 0; i < 2; i += 1) {
      const answer = await rawUpgrade(emu(), wsPath(BOB), handshakeHeaders(bobCookie));
      expect([answer.status, answer.text]).toEqual([
        503,
        '{"code":"internal","origin":"not_defined","desc":"Service Unavailable","details":{}}',
      ]);
    }
    await expect(rawUpgrade(emu(), wsPath(BOB), handshakeHeaders(bobCookie))).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect(emu().openSockets()).toBe(0);
    const inbox = await openSocket(emu(), BOB, { token: DEMO_TOKENS.bob });
    expect(emu().openSockets()).toBe(1);
    expect(emu().requests.filter((r) => r.upgrade)).toHaveLength(4);
    inbox.ws.terminate();
  });

  it('a delay fault holds the upgrade, then completes it', async () => {
    emu().failNext({ path: wsPath(BOB), fault: { kind: 'delay', ms: 300 } });
    const started = Date.now();
    const inbox = await openSocket(emu(), BOB, { token: DEMO_TOKENS.bob });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    inbox.ws.terminate();
  });
});

describe('realtime upgrade: settings', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('an Origin must equal an allow-list entry exactly; an absent Origin always passes', async () => {
    emu = await startEmulator({ socket: { allowedOrigins: ['https://app.misakey.com'] } });
    const withOrigin = (origin?: string) =>
      rawUpgrade(emu as Emulator, wsPath(BOB), handshakeHeaders({ ...bobCookie, origin }));
    for (const origin of ['https://app.misakey.com', undefined, '']) {
      const answer = await withOrigin(origin);
      answer.socket?.destroy();
      expect(answer.status).toBe(101);
    }
    for (const origin of [
      'https://app.misakey.com/',
      'HTTPS://APP.MISAKEY.COM',
      'https://app.misakey.com:443',
      'null',
    ]) {
      expectPlain(await withOrigin(origin), 403);
    }
  });

  it("'*' allows every Origin", async () => {
    emu = await startEmulator({ socket: { allowedOrigins: ['*'] } });
    const answer = await rawUpgrade(
      emu,
      wsPath(BOB),
      handshakeHeaders({ ...bobCookie, origin: 'https://anything.example' }),
    );
    answer.socket?.destroy();
    expect(answer.status).toBe(101);
  });

  it('checks no ACR (§9.8 #1): a token the REST reads refuse for its ACR still upgrades', async () => {
    const zed = identity('zed', { acr: 0 });
    const seed = demoSeed();
    emu = await startEmulator({ seed: { ...seed, identities: [...seed.identities, zed] } });
    const read = await fetch(`${emu.url}/boxes/${seed.boxes[0]?.id}/events`, {
      headers: { cookie: userCookies(zed.token) },
    });
    expect([read.status, ((await read.json()) as { origin: string }).origin]).toEqual([403, 'acr']);
    const inbox = await openSocket(emu, zed.id, { token: zed.token });
    expect(emu.openSockets()).toBe(1);
    inbox.ws.terminate();
  });

  it.each([
    [{ pingIntervalMs: 0 }, /pingIntervalMs/],
    [{ pongWaitMs: -1 }, /pongWaitMs/],
    [{ writeWaitMs: Number.NaN }, /writeWaitMs/],
    [{ maxQueuedMessages: 1.5 }, /maxQueuedMessages/],
    [{ allowedOrigins: 'https://a' as unknown as string[] }, /allowedOrigins/],
  ])('refuses bad socket settings %p', async (socket, message) => {
    await expect(startEmulator({ socket })).rejects.toThrow(message);
  });
});
