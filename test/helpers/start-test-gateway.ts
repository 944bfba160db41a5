// The whole gateway over real HTTP against the emulator, both on port 0. Call counts are read
// from the emulator's request log, never from the gateway's own bookkeeping.
import { loadConfig } from '../../src/config';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type RecordedRequest,
} from '../../emulator';
import { createGateway, type Gateway, type GatewayConfig } from '../../src/gateway';
import { memoryLogger, type MemoryLogger } from './memory-logger';

/**
 * What response data is typed as in tests: bodies are asserted with exact toEqual, so a static
 * type would only restate the expectation.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Data = any;

export interface GqlOptions {
  /** Sent as Authorization: Bearer <token>. */
  token?: string;
  headers?: Record<string, string>;
  operationName?: string;
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: Array<{
      message: string;
      path?: Array<string | number>;
      extensions?: Record<string, unknown>;
    }>;
  };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body as received. */
  text: string;
  /** The parsed body, undefined when it is not JSON. */
  json: Data;
}

export interface TestGateway {
  gateway: Gateway;
  emulator: Emulator;
  logs: MemoryLogger;
  gql<T = Data>(
    query: string,
    variables?: Record<string, unknown>,
    options?: GqlOptions,
  ): Promise<GqlResponse<T>>;
  /**
   * A raw POST /graphql with exactly these headers (no Authorization added), e.g. a browser's
   * cookies and X-CSRF-Token. `body` is JSON-encoded unless it is a string.
   */
  post(body: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  /** Upstream requests received since the last reset (the /csrf readiness probe excluded). */
  upstreamCalls(): RecordedRequest[];
  resetCalls(): void;
  close(): Promise<void>;
}

export async function startTestGateway(
  options: {
    emulator?: EmulatorOptions;
    env?: Record<string, string>;
    /** What src/process/ passes in embedded-emulator mode (the demo tab). */
    ideTab?: GatewayConfig['ideTab'];
    /** The circuit breaker's clock (test/helpers/manual-clock.ts). @default Date.now */
    now?: () => number;
  } = {},
): Promise<TestGateway> {
  const emulator = await startEmulator({ port: 0, ...options.emulator });
  const logs = memoryLogger();
  const config = loadConfig({
    UPSTREAM_URL: emulator.url,
    PORT: '0',
    HOST: '127.0.0.1',
    ...options.env,
  });
  const gateway = await createGateway(
    { ...config, upstreamUrl: config.upstreamUrl ?? emulator.url, ideTab: options.ideTab },
    { logger: logs.logger, now: options.now },
  );
  return {
    gateway,
    emulator,
    logs,
    async gql(query, variables, opts = {}) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
        body: JSON.stringify({ query, variables, operationName: opts.operationName }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GqlResponse['body'],
      } as GqlResponse<Data>;
    },
    async post(body, headers = {}) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    upstreamCalls: () => emulator.requests.filter((r) => r.path !== '/csrf'),
    resetCalls: () => emulator.clearRequests(),
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}

/** "GET /boxes/:id/events?offset=0&limit=5" style summaries, for exact call-list assertions. */
export function describeCalls(calls: RecordedRequest[]): string[] {
  return calls.map((call) => {
    const query = new URLSearchParams(call.query).toString();
    return `${call.method} ${call.path}${query ? `?${query}` : ''}`;
  });
}
