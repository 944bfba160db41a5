// The IDE in a real browser (Debian's chromium, headless): the page served at /graphql loads
// with no request leaving the machine, opens on the demo tab, runs it and shows the data.
import { statSync } from 'node:fs';
import { demoIdeTab } from '../../src/http/ide/demo-tab';
import { launchBrowser, type RecordedPage, type TestBrowser } from '../helpers/browser';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

jest.setTimeout(180_000);

let gateway: TestGateway;
let browser: TestBrowser;
let recorded: RecordedPage;

beforeAll(async () => {
  gateway = await startTestGateway({ ideTab: demoIdeTab() });
  browser = await launchBrowser();
  recorded = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
});

describe('the IDE at GET /graphql', () => {
  it('runs the demo query as alice and shows its data, with every request on 127.0.0.1', async () => {
    const { page } = recorded;
    const expected = await gateway.gql(demoIdeTab().query, undefined, { token: 'demo-alice' });
    expect(expected.body.errors).toBeUndefined();
    const eventsCount = expected.body.data.box.eventsCount as number;

    const pageResponse = await page.goto(gateway.gateway.url, {
      waitUntil: 'load',
      timeout: 120_000,
    });
    // The page ran under its strict policy (a violation would be in recorded.errors below).
    expect(pageResponse?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    // The demo tab is open: its query in the editor, alice's header in the headers editor.
    await page.getByText('query WelcomeBox').first().waitFor({ timeout: 120_000 });
    await page.getByText('Bearer demo-alice').first().waitFor({ state: 'attached' });

    gateway.resetCalls();
    const answer = page.waitForResponse(
      (response) =>
        response.url() === gateway.gateway.url &&
        response.request().method() === 'POST' &&
        (response.request().postData() ?? '').includes('WelcomeBox'),
      { timeout: 120_000 },
    );
    await page.locator('.graphiql-execute-button').click();
    const response = await answer;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { data: { box: { eventsCount: number } } };
    expect(body).toEqual(expected.body);
    // The header came from the tab: the upstream saw alice's token.
    const calls = gateway.upstreamCalls();
    expect(calls.length).toBeGreaterThan(0);
    expect(
      calls.every((call) => String(call.headers.cookie).includes('accesstoken=demo-alice')),
    ).toBe(true);

    // The result pane shows the data.
    const result = page.locator('.graphiql-response');
    await result.getByText(`"eventsCount": ${eventsCount}`).waitFor({ timeout: 60_000 });
    const screenshot = await recorded.screenshot('ide');
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);

    expect(recorded.requests.length).toBeGreaterThan(0);
    expect(recorded.offMachine()).toEqual([]);
    expect(recorded.errors).toEqual([]);
  });
});
