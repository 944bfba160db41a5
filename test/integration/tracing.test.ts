// Tracing over OTLP/HTTP to a receiver on a local port (docs/operations.md): one operation span
// with one child per upstream call, named by route template, with status, retries and outcome,
// never a token, cookie or raw box id; the client's traceparent is continued and each upstream
// request carries its own call span's. With no endpoint nothing of OpenTelemetry is loaded.
//
// The exporting gateway runs as a real process: OpenTelemetry's HTTP transport loads node:http
// by dynamic import(), which jest's CommonJS runtime refuses without --experimental-vm-modules.
import { DEMO_BOX_IDS, DEMO_TOKENS, startEmulator, type Emulator } from '../../emulator';
import { freePort } from '../helpers/free-port';
import { buildMain, freshGql, startProcess, until, type Build } from '../helpers/real-process';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver';

const W = DEMO_BOX_IDS.welcome;
// `again` is served by the first count's call: the operation span reports one shared load.
const QUERY = `query Welcome { box(id: "${W}") { eventsCount again: eventsCount events(limit: 3) { id } } }`;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
const SERVER = 2;
const CLIENT = 3;

describe('tracing with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let build: Build;
  let receiver: OtlpReceiver;
  let emulator: Emulator;
  beforeAll(() => {
    build = buildMain();
  }, 120_000);
  beforeEach(async () => {
    receiver = await startOtlpReceiver();
    emulator = await startEmulator();
  });
  afterEach(async () => {
    await receiver.close();
    await emulator.close();
  });

  /**
   * Runs one query through a gateway process exporting to the receiver; SIGTERM then flushes
   * the batch of spans before the process exits.
   */
  async function traced(env: Record<string, string>, headers: Record<string, string> = {}) {
    const port = await freePort();
    const gateway = startProcess(build.main, {
      UPSTREAM_URL: emulator.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      ...env,
    });
    await until('"gateway listening"', () =>
      gateway.logs.some((l) => l.msg === 'gateway listening'),
    );
    emulator.clearRequests();
    const response = await freshGql(
      port,
      { query: QUERY },
      {
        authorization: `Bearer ${DEMO_TOKENS.alice}`,
        ...headers,
      },
    );
    const upstream = emulator.requests.filter((r) => r.path !== '/csrf');
    gateway.child.kill('SIGTERM');
    expect((await gateway.exited).code).toBe(0);
    return { response, upstream };
  }

  it('continues the client trace: one operation span, one child per upstream call, traceparent sent upstream', async () => {
    emulator.failNext({ method: 'GET', path: /\/events$/, fault: { kind: 'status', status: 503 } });
    const { response, upstream } = await traced(
      { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01` },
    );
    expect(response.json.errors).toBeUndefined();

    expect(receiver.exports.map((e) => e.path)).toEqual(['/v1/traces']);
    const spans = receiver.spans();
    const operations = spans.filter((s) => s.kind === SERVER);
    expect(operations).toHaveLength(1);
    const [operation] = operations;
    expect(operation).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: CLIENT_SPAN,
      name: 'query Welcome',
      attributes: {
        'graphql.operation.type': 'query',
        'graphql.operation.name': 'Welcome',
        'gateway.upstream.calls': 2,
        'gateway.loads': 3,
        'gateway.loads.shared': 1,
      },
    });

    const calls = spans.filter((s) => s.kind === CLIENT);
    expect(calls.map((s) => s.name).sort()).toEqual([
      'GET /boxes/{id}/events',
      'HEAD /boxes/{id}/events',
    ]);
    for (const call of calls) {
      expect(call).toMatchObject({ traceId: TRACE_ID, parentSpanId: operation.spanId });
    }
    const get = calls.find((s) => s.name.startsWith('GET'))!;
    const head = calls.find((s) => s.name.startsWith('HEAD'))!;
    expect(get.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': '/boxes/{id}/events',
      'http.response.status_code': 200,
      'gateway.upstream.retries': 1,
      'gateway.upstream.outcome': 'ok',
    });
    expect(head.attributes).toMatchObject({
      'http.response.status_code': 204,
      'gateway.upstream.retries': 0,
    });

    // Each upstream attempt carries the traceparent of its own call span (the retry included).
    expect(upstream.map((r) => [r.method, r.headers.traceparent])).toEqual(
      expect.arrayContaining([
        ['GET', `00-${TRACE_ID}-${get.spanId}-01`],
        ['GET', `00-${TRACE_ID}-${get.spanId}-01`],
        ['HEAD', `00-${TRACE_ID}-${head.spanId}-01`],
      ]),
    );
    expect(upstream).toHaveLength(3);

    const exported = receiver.exports.map((e) => e.body.toString('utf8')).join('\n');
    for (const secret of [DEMO_TOKENS.alice, W, 'accesstoken', 'cookie', 'csrf']) {
      expect(exported.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });

  it('starts a trace when the client sent none, and exports protobuf by default', async () => {
    const { response, upstream } = await traced({});
    expect(response.json.errors).toBeUndefined();

    expect(receiver.exports).toHaveLength(1);
    const [received] = receiver.exports;
    expect(received.headers['content-type']).toBe('application/x-protobuf');
    // Protobuf keeps strings as raw UTF-8: names are there, secrets are not.
    const bytes = received.body.toString('latin1');
    expect(bytes).toContain('query Welcome');
    expect(bytes).toContain('GET /boxes/{id}/events');
    expect(bytes).toContain('HEAD /boxes/{id}/events');
    for (const secret of [DEMO_TOKENS.alice, W, 'accesstoken']) expect(bytes).not.toContain(secret);
    // A fresh trace: both upstream calls share one new trace id.
    const traceIds = upstream.map(
      (r) => /^00-([0-9a-f]{32})-[0-9a-f]{16}-01$/.exec(r.headers.traceparent)?.[1],
    );
    expect(traceIds).toHaveLength(2);
    expect(traceIds[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIds[1]).toBe(traceIds[0]);
    expect(bytes).toContain(Buffer.from(traceIds[0]!, 'hex').toString('latin1'));
  });
});

describe('tracing without an endpoint', () => {
  // Not '@opentelemetry/api': prom-client requires it on its own when it is installed (to read
  // the active span for exemplars); without a provider it is a no-op.
  const PACKAGES = [
    '@opentelemetry/core',
    '@opentelemetry/sdk-trace-base',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/exporter-trace-otlp-proto',
  ];

  /**
   * Which OpenTelemetry packages a gateway loads, in a fresh module registry, and whether the
   * upstream got a traceparent when `query` (optional) is served.
   */
  async function loadedBy(env: Record<string, string>, query?: string): Promise<string[]> {
    const loaded: string[] = [];
    for (const name of PACKAGES) {
      jest.doMock(name, () => {
        loaded.push(name);
        return jest.requireActual(name);
      });
    }
    let traceparent: string | undefined;
    await jest.isolateModulesAsync(async () => {
      const { startTestGateway: start } = await import('../helpers/start-test-gateway');
      const t = await start({ env });
      if (query !== undefined) {
        const response = await t.gql(query, undefined, { token: DEMO_TOKENS.alice });
        expect(response.body.errors).toBeUndefined();
        traceparent = t.upstreamCalls()[0]?.headers.traceparent;
      }
      await t.close();
    });
    for (const name of PACKAGES) jest.dontMock(name);
    return traceparent === undefined ? loaded : [...loaded, 'traceparent sent'];
  }

  it('loads nothing of OpenTelemetry and sends no traceparent', async () => {
    expect(await loadedBy({}, QUERY)).toEqual([]);
  });

  it('(the control: the same check sees the SDK loaded with tracing on)', async () => {
    // No operation: an export would need OpenTelemetry's dynamic import(), refused under jest.
    const loaded = await loadedBy({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(loaded).toEqual(
      expect.arrayContaining(['@opentelemetry/sdk-trace-base', '@opentelemetry/core']),
    );
  });
});
