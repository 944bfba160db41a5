// The IDE in a real browser (Debian's chromium, headless): the page served at /graphql loads
// with no request leaving the machine, opens on the demo tab, runs it and shows the data; a
// subscription run from it (over SSE, /graphql/stream) shows a message posted through the API.
import { statSync } from 'node:fs';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { demoIdeTab } from '../../src/http/ide/demo-tab';
import { launchBrowser, type RecordedPage, type TestBrowser } from '../helpers/browser';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(180_000);

let gateway: TestGateway;
let browser: TestBrowser;
let recorded: RecordedPage;

beforeAll(async () => {
  gateway = await startTestGateway({ ideTab: demoIdeTab() });
  browser = await launchBrowser();
  recorded = await browser.newPage();
  // The subscription is pasted into the editor: typed, Monaco would add closing brackets.
  await recorded.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(gateway.gateway.url).origin,
  });
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

  it('runs a subscription over SSE and shows a message posted through the API in its result pane', async () => {
    const { page } = recorded;
    const subscription = `subscription Live {
  boxEvents(identityId: "${DEMO_IDENTITY_IDS.alice}", boxIds: ["${DEMO_BOX_IDS.welcome}"]) {
    boxId
    event { __typename id ... on TextMessageEvent { encrypted } }
  }
}`;
    await page.goto(gateway.gateway.url, { waitUntil: 'load', timeout: 120_000 });
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.waitFor({ timeout: 120_000 });
    await editor.click();
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(subscription)})`);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    await page.getByText('subscription Live').first().waitFor({ timeout: 60_000 });
    // The editor shows the text before GraphiQL has parsed it (debounced): clicking then runs the
    // previous document (the demo query, over POST /graphql). The tab takes the operation's name
    // once GraphiQL holds the new document.
    await page
      .locator('.graphiql-tab-active')
      .getByText('Live', { exact: true })
      .waitFor({ timeout: 60_000 });

    const stream = page.waitForResponse(
      (response) =>
        response.url() === `${gateway.gateway.url}/stream` &&
        response.request().method() === 'POST',
      { timeout: 120_000 },
    );
    const requestsBefore = recorded.requests.length;
    await page.locator('.graphiql-execute-button').click();
    // On a timeout, say what the page did instead (a flake once timed out here in CI).
    const response = await stream.catch((error: Error) => {
      const sent = recorded.requests.slice(requestsBefore);
      throw new Error(
        `${error.message}\nrequests since the click: ${JSON.stringify(sent)}\npage errors: ${JSON.stringify(recorded.errors)}`,
      );
    });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/event-stream/);
    // The Headers editor's Authorization went with the stream's POST.
    expect(response.request().headers()['authorization']).toBe(`Bearer ${DEMO_TOKENS.alice}`);
    await waitFor(
      'the subscription to reach the upstream',
      () => gateway.emulator.openSockets() > 0,
      60_000,
    );

    const encrypted = Buffer.from(`from the API ${Date.now()}`).toString('base64url');
    const posted = await gateway.gql(
      'mutation Post($boxId: UUID!, $encrypted: String!) { postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: "pk") { id } }',
      { boxId: DEMO_BOX_IDS.welcome, encrypted },
      { token: DEMO_TOKENS.bob },
    );
    expect(posted.body.errors).toBeUndefined();
    const result = page.locator('.graphiql-response');
    await result.getByText(`"encrypted": "${encrypted}"`).waitFor({ timeout: 60_000 });
    await result.getByText(`"id": "${posted.body.data.postTextMessage.id}"`).waitFor();
    await recorded.screenshot('ide-subscription');
    expect(recorded.offMachine()).toEqual([]);
    expect(recorded.errors).toEqual([]);
  });
});
