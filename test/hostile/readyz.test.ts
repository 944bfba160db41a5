// /readyz asks the upstream at most about once a second however often it is probed
// (issue 15: 50 probes were 50 upstream calls, an amplifier open to anyone).
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(30_000);

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

const pings = () => t.emulator.requests.filter((r) => r.path === '/csrf').length;
const probe = async () => (await fetch(new URL('/readyz', t.gateway.url))).status;

it('50 concurrent probes cost one upstream call; a later one asks again', async () => {
  t.resetCalls();
  const statuses = await Promise.all(Array.from({ length: 50 }, probe));
  expect(statuses).toEqual(Array(50).fill(200));
  expect(pings()).toBe(1);

  // Probed again and again, it asks the upstream once more when its answer is a second old.
  let probes = 0;
  await waitFor(
    'a second upstream ping',
    async () => {
      expect(await probe()).toBe(200);
      probes++;
      return pings() >= 2;
    },
    10_000,
  );
  expect(pings()).toBe(2);
  expect(probes).toBeGreaterThan(1);
});
