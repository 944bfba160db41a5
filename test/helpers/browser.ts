// Debian's chromium driven by playwright-core, for the browser tests. One launch recipe for every
// browser test: the flags below are the ones this machine needs (no GPU, no sandbox in the CI
// container, and none of Chromium's own background traffic, which would otherwise show up as
// requests leaving the machine), and a fresh profile so no test sees another's state:
// chromium.launch() itself passes Chromium a new temporary --user-data-dir and deletes it on
// close (it refuses one in `args`; launchPersistentContext would allow only one context).
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where screenshots go (git-ignored, never committed). */
export const ARTIFACTS_DIR = resolve(__dirname, '../../test-artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One page and everything it did, recorded from the moment it was opened. */
export interface RecordedPage {
  page: Page;
  context: BrowserContext;
  /** Every request the page (and its workers) made, HTTP and WebSocket, in order. */
  requests: string[];
  /** Uncaught page errors and console errors (a CSP violation is reported as one). */
  errors: string[];
  /** The recorded requests whose host is not 127.0.0.1 (data: and blob: URLs are in-page). */
  offMachine(): string[];
  /** Writes `test-artifacts/<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>;
}

export interface TestBrowser {
  browser: Browser;
  newPage(): Promise<RecordedPage>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage() {
      const context = await browser.newContext();
      contexts.push(context);
      const requests: string[] = [];
      const errors: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      const page = await context.newPage();
      page.on('websocket', (socket) => requests.push(socket.url()));
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      return {
        page,
        context,
        requests,
        errors,
        offMachine: () => requests.filter((url) => !isOnMachine(url)),
        async screenshot(name) {
          await mkdir(ARTIFACTS_DIR, { recursive: true });
          const path = join(ARTIFACTS_DIR, `${name}.png`);
          await page.screenshot({ path, fullPage: true });
          return path;
        },
      };
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
    },
  };
}

function isOnMachine(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1';
}
