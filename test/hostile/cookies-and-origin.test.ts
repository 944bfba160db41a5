// One cookie parser for the credentials and the Origin check (issue 15): `accesstoken =demo-bob`
// authenticated while the Origin check, reading cookies its own way, saw no session cookie,
// so a foreign page could open a cookie-authenticated WebSocket or SSE stream. Every spelling
// below must be both: refused from a foreign Origin, and authenticated from the own origin.
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import { FOLLOW_WELCOME, wsFirstAnswer } from '../helpers/hostile';
import { sseSubscribe } from '../helpers/realtime-clients';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

jest.setTimeout(30_000);

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ env: { ALLOWED_ORIGINS: 'https://app.example.com' } });
});
beforeEach(() => t.resetCalls());
afterAll(async () => {
  await t.close();
});

const bob = DEMO_TOKENS.bob;
const SPELLINGS = [
  `accesstoken =${bob}; tokentype=bearer`,
  `accesstoken\t=${bob}; tokentype=bearer`,
  `accesstoken= ${bob}; tokentype=bearer`,
  `  accesstoken=${bob} ; tokentype=bearer`,
  `other=1;accesstoken=${bob};tokentype=bearer`,
  `junk; accesstoken=${bob}; tokentype=bearer`,
  `tokentype=bearer; accesstoken=${bob}; accesstoken=demo-eve`,
];
const EVIL = 'https://evil.example';

async function upgradeStatus(headers: Record<string, string>): Promise<number> {
  try {
    await wsFirstAnswer(t.gateway.url, { headers });
    return 101;
  } catch (error) {
    const status = /upgrade refused: (\d+)/.exec(String(error))?.[1];
    if (status === undefined) throw error;
    return Number(status);
  }
}

describe.each(SPELLINGS)('Cookie: %j', (cookie) => {
  it('WebSocket from a foreign Origin: 403 before the upgrade, no upstream call', async () => {
    expect(await upgradeStatus({ cookie, origin: EVIL })).toBe(403);
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('SSE from a foreign Origin: 403, no upstream call', async () => {
    const received = sseSubscribe(t.gateway.url, FOLLOW_WELCOME.variables, {
      query: FOLLOW_WELCOME.query,
      headers: { cookie, origin: EVIL },
    });
    expect(await received.status).toBe(403);
    await received.untilDone();
    expect(t.upstreamCalls()).toEqual([]);
  });

  it("authenticates as bob from the gateway's own origin (the same reading)", async () => {
    const own = new URL(t.gateway.url).origin;
    const answer = await wsFirstAnswer(t.gateway.url, {
      headers: { cookie, origin: own },
      payload: { query: `{ box(id: "${DEMO_BOX_IDS.welcome}") { eventsCount } }` },
    });
    expect(answer.errors).toBeUndefined();
    expect(typeof answer.data.box.eventsCount).toBe('number');
    expect(t.upstreamCalls()[0].cookies).toMatchObject({ accesstoken: bob });
  });
});

describe('header spellings around the Origin check', () => {
  it('an Origin differing from the own one only by case or a trailing slash is foreign', async () => {
    const own = new URL(t.gateway.url).origin;
    const cookie = `accesstoken=${bob}; tokentype=bearer`;
    for (const origin of [own.toUpperCase(), `${own}/`, `${own}.evil.example`, 'null']) {
      expect(await upgradeStatus({ cookie, origin })).toBe(403);
    }
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('a cookie name in another case is not the session cookie, and does not authenticate', async () => {
    const answer = await wsFirstAnswer(t.gateway.url, {
      headers: { cookie: `AccessToken=${bob}; tokentype=bearer`, origin: EVIL },
    });
    expect(answer.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(t.upstreamCalls()).toEqual([]);
  });
});
