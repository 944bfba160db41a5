// Tokens and cookies never appear in logs or error extensions (docs/graphql-api.md#authentication).
// A gateway logging at debug (every upstream attempt logged) serves successful and failing
// operations with every kind of credential; then every captured log line and every response (body
// and headers) is searched for every secret involved, the CSRF values the gateway made up included.
import { DEMO_BOX_IDS, DEMO_EXTRA_TOKENS, DEMO_TOKENS } from '../../emulator';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const { welcome: W, closed: C } = DEMO_BOX_IDS;
const UNKNOWN_TOKEN = 'unknown-token-4f1c9e';
const UNSAFE_TOKEN = 'unsafe"token-7b2d';
const CLIENT_CSRF = 'client-csrf-secret-93a1';
const READ = `{ box(id: "${W}") { eventsCount fileEventsCount events(limit: 2) { id } } }`;
const POST_TEXT = `mutation { postTextMessage(boxId: "${W}", encrypted: "aGk", publicKey: "k") { id } }`;

let t: TestGateway;
const responses: string[] = [];

beforeAll(async () => {
  t = await startTestGateway({ env: { CIRCUIT_FAILURES: '1000', UPSTREAM_TIMEOUT_MS: '500' } });
});
afterAll(() => t.close());

/** Every response, body and headers, as one string to search. */
async function send(body: unknown, headers: Record<string, string>) {
  const res = await t.post(body, headers);
  responses.push(`${JSON.stringify([...res.headers])}\n${res.text}`);
  return res;
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const cookies = (token: string, csrf?: string) => ({
  cookie: `accesstoken=${token}; tokentype=bearer${csrf ? `; _csrf=${csrf}` : ''}`,
  ...(csrf ? { 'x-csrf-token': csrf } : {}),
});

it('no token, cookie or CSRF value in any log line or response, on success and failure paths', async () => {
  const codes: unknown[] = [];
  const record = async (body: unknown, headers: Record<string, string>) => {
    const res = await send(body, headers);
    codes.push(
      ...(res.json?.errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code),
    );
    return res;
  };

  // Successes: bearer read and write, browser read and write.
  await record({ query: READ }, bearer(DEMO_TOKENS.alice));
  await record({ query: POST_TEXT }, bearer(DEMO_TOKENS.bob));
  await record({ query: READ }, cookies(DEMO_TOKENS.bob, CLIENT_CSRF));
  await record({ query: POST_TEXT }, cookies(DEMO_TOKENS.bob, CLIENT_CSRF));
  // Failures: upstream 401, 403, CSRF refusal, ACR step-up, rejected credentials.
  await record({ query: READ }, bearer(UNKNOWN_TOKEN));
  await record({ query: READ }, cookies(UNKNOWN_TOKEN));
  await record({ query: READ }, bearer(DEMO_TOKENS.eve));
  await record(
    { query: POST_TEXT },
    { cookie: `accesstoken=${DEMO_TOKENS.bob}; tokentype=bearer; _csrf=${CLIENT_CSRF}` },
  );
  await record(
    { query: `mutation { changeBoxAccesses(boxId: "${C}", remove: ["${W}"]) { removed { id } } }` },
    bearer(DEMO_TOKENS.bob),
  );
  await record({ query: READ }, bearer(UNSAFE_TOKEN));
  await record({ query: READ }, bearer(DEMO_EXTRA_TOKENS.otherClient));
  // Transport failures, retried reads logged attempt by attempt, an unusable answer, a timeout.
  t.emulator.failNext({
    method: 'GET',
    path: `/boxes/${W}/events`,
    times: 3,
    fault: { kind: 'status', status: 503 },
  });
  await record({ query: READ }, bearer(DEMO_TOKENS.alice));
  t.emulator.failNext({
    method: 'HEAD',
    path: `/boxes/${W}/events`,
    times: 3,
    fault: { kind: 'reset' },
  });
  await record({ query: READ }, cookies(DEMO_TOKENS.alice, CLIENT_CSRF));
  t.emulator.failNext({ method: 'GET', path: `/boxes/${W}/events`, fault: { kind: 'garbage' } });
  await record({ query: READ }, bearer(DEMO_TOKENS.alice));
  t.emulator.failNext({
    method: 'POST',
    path: `/boxes/${W}/events`,
    fault: { kind: 'delay', ms: 3000 },
  });
  await record({ query: POST_TEXT }, bearer(DEMO_TOKENS.bob));

  // The failure paths really ran (so their logging was exercised).
  expect(new Set(codes)).toEqual(
    new Set([
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'STEP_UP_REQUIRED',
      'UPSTREAM_ERROR',
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_TIMEOUT',
    ]),
  );
  const entries = t.logs.entries();
  expect(entries.filter((e) => e.msg === 'graphql operation')).toHaveLength(responses.length);
  expect(entries.filter((e) => e.msg === 'upstream call').length).toBeGreaterThan(30);
  expect(entries.some((e) => e.msg === 'unusable upstream answer' && e.err)).toBe(true);

  // Every secret that crossed the gateway, the CSRF values it generated for bearer POSTs included.
  const generated = t.emulator.requests.map((r) => r.cookies._csrf).filter((v): v is string => !!v);
  expect(generated.length).toBeGreaterThan(1);
  const secrets = [
    ...Object.values(DEMO_TOKENS),
    ...Object.values(DEMO_EXTRA_TOKENS),
    UNKNOWN_TOKEN,
    UNSAFE_TOKEN,
    CLIENT_CSRF,
    ...generated,
  ];
  const leaks = [];
  for (const secret of new Set(secrets)) {
    for (const line of t.logs.lines) if (line.includes(secret)) leaks.push(['log', secret, line]);
    for (const response of responses)
      if (response.includes(secret)) leaks.push(['response', secret, response]);
  }
  expect(leaks).toEqual([]);
  // Nor any cookie syntax at all.
  expect(t.logs.lines.filter((line) => /accesstoken=|tokentype=|_csrf=/i.test(line))).toEqual([]);
});
