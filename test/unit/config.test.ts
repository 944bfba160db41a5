import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('applies the documented defaults and leaves the upstream unset (embedded emulator)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      upstreamUrl: undefined,
      port: 4000,
      host: '0.0.0.0',
      upstreamTimeoutMs: 10_000,
      upstreamConnections: 256,
      upstreamRetries: 2,
      upstreamMaxPending: 4096,
      logLevel: 'info',
      introspection: true,
      limits: {
        maxDepth: 12,
        maxAliases: 30,
        maxTokens: 3000,
        maxBodyBytes: 1_048_576,
        maxMutations: 10,
        maxUpstreamCalls: 200,
        upstreamConcurrency: 256,
        requestTimeoutMs: 30_000,
        maxVariablesDepth: 32,
      },
      caches: {
        documentCacheBytes: 16 * 1024 * 1024,
        planCacheBytes: 8 * 1024 * 1024,
        apqCacheBytes: 8 * 1024 * 1024,
        rateLimitCallers: 100_000,
      },
      readyzCacheMs: 1000,
    });
    expect(config).toMatchObject({
      workers: 1,
      redisUrl: undefined,
      rateLimitPerMinute: 0,
      tracing: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      UPSTREAM_URL: 'http://127.0.0.1:9999/',
      PORT: '0',
      HOST: '127.0.0.1',
      UPSTREAM_TIMEOUT_MS: '250',
      UPSTREAM_CONNECTIONS: '4',
      UPSTREAM_RETRIES: '0',
      LOG_LEVEL: 'debug',
      MAX_DEPTH: '5',
      MAX_UPSTREAM_CALLS: '7',
      MAX_VARIABLES_DEPTH: '9',
      DOCUMENT_CACHE_BYTES: '65536',
      PLAN_CACHE_BYTES: '32768',
      APQ_CACHE_BYTES: '16384',
      RATE_LIMIT_CALLERS: '10',
    });
    expect(config).toMatchObject({
      upstreamUrl: 'http://127.0.0.1:9999',
      port: 0,
      host: '127.0.0.1',
      upstreamTimeoutMs: 250,
      upstreamConnections: 4,
      upstreamRetries: 0,
      upstreamMaxPending: 64,
      logLevel: 'debug',
      // Without its own value, one operation may use the whole pool.
      limits: {
        maxDepth: 5,
        maxUpstreamCalls: 7,
        maxVariablesDepth: 9,
        upstreamConcurrency: 4,
      },
      caches: {
        documentCacheBytes: 65536,
        planCacheBytes: 32768,
        apqCacheBytes: 16384,
        rateLimitCallers: 10,
      },
    });
  });

  it('reads the scale settings: workers, Redis, rate limit, the OTEL_* trace export', () => {
    expect(
      loadConfig({
        WORKERS: '3',
        REDIS_URL: 'redis://cache:6379/2',
        RATE_LIMIT_PER_MINUTE: '120',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_SERVICE_NAME: 'gw-eu',
      }),
    ).toMatchObject({
      workers: 3,
      redisUrl: 'redis://cache:6379/2',
      rateLimitPerMinute: 120,
      tracing: {
        tracesUrl: 'http://collector:4318/v1/traces',
        protocol: 'http/protobuf',
        serviceName: 'gw-eu',
      },
    });
    expect(loadConfig({ WORKERS: 'auto' }).workers).toBe(availableParallelism());
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      }).tracing,
    ).toEqual({
      tracesUrl: 'http://collector:4318/custom',
      protocol: 'http/json',
      serviceName: 'box-events-gateway',
    });
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })
        .tracing,
    ).toBeUndefined();
    expect(() =>
      loadConfig({
        WORKERS: 'many',
        REDIS_URL: 'localhost:6379',
        RATE_LIMIT_PER_MINUTE: '-1',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(
      [
        'WORKERS="many" is invalid: expected auto or an integer from 1 to 256',
        'REDIS_URL="localhost:6379" is invalid: expected a redis:// URL',
        'RATE_LIMIT_PER_MINUTE="-1" is invalid: expected an integer >= 0',
        'OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is invalid: expected http/protobuf or http/json (grpc is not supported)',
      ].join('\n'),
    );
  });

  it('turns introspection off in production unless asked for', () => {
    const upstream = { UPSTREAM_URL: 'http://upstream.test' };
    expect(loadConfig({ NODE_ENV: 'production', ...upstream }).introspection).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true', ...upstream }).introspection,
    ).toBe(true);
  });

  it('serves the IDE like introspection: off in production unless IDE=true', () => {
    const upstream = { UPSTREAM_URL: 'http://upstream.test' };
    expect(loadConfig({}).ide).toBe(true);
    expect(loadConfig({ IDE: 'false' }).ide).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ...upstream }).ide).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', IDE: 'true', ...upstream }).ide).toBe(true);
  });

  it('reads the trusted-documents manifest and only-mode, which needs a manifest', () => {
    expect(loadConfig({}).persistedDocuments).toBeUndefined();
    expect(loadConfig({ PERSISTED_DOCUMENTS: '/m.json' }).persistedDocuments).toEqual({
      path: '/m.json',
      only: false,
    });
    expect(
      loadConfig({ PERSISTED_DOCUMENTS: '/m.json', PERSISTED_DOCUMENTS_ONLY: 'true' })
        .persistedDocuments,
    ).toEqual({ path: '/m.json', only: true });
    expect(() => loadConfig({ PERSISTED_DOCUMENTS_ONLY: 'true' })).toThrow(
      'PERSISTED_DOCUMENTS_ONLY=true needs PERSISTED_DOCUMENTS',
    );
    expect(() =>
      loadConfig({ PERSISTED_DOCUMENTS: '/m.json', PERSISTED_DOCUMENTS_ONLY: 'yes' }),
    ).toThrow('PERSISTED_DOCUMENTS_ONLY="yes" is invalid: expected true or false');
  });

  it('MAX_UPLOAD_BYTES: 32 MiB by default, never above the upstream 126 MiB', () => {
    expect(loadConfig({}).maxUploadBytes).toBe(33_554_432);
    expect(loadConfig({ MAX_UPLOAD_BYTES: '132120576' }).maxUploadBytes).toBe(132_120_576);
    expect(() => loadConfig({ MAX_UPLOAD_BYTES: '132120577' })).toThrow(
      'MAX_UPLOAD_BYTES="132120577" is invalid: expected an integer from 1 to 132120576',
    );
    expect(() => loadConfig({ MAX_UPLOAD_BYTES: '0' })).toThrow(/MAX_UPLOAD_BYTES="0"/);
  });

  it('refuses the embedded emulator in production unless EMBEDDED_EMULATOR=true', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /^UPSTREAM_URL is not set: NODE_ENV=production does not start the embedded emulator/,
    );
    expect(loadConfig({ NODE_ENV: 'production', EMBEDDED_EMULATOR: 'true' }).upstreamUrl).toBe(
      undefined,
    );
    expect(() => loadConfig({ EMBEDDED_EMULATOR: 'false' })).toThrow(/EMBEDDED_EMULATOR=false/);
    expect(loadConfig({}).upstreamUrl).toBe(undefined);
  });

  it('reads the request deadline, the variables depth and the /readyz cache', () => {
    const config = loadConfig({
      REQUEST_TIMEOUT_MS: '2500',
      MAX_VARIABLES_DEPTH: '8',
      READYZ_CACHE_MS: '0',
    });
    expect(config.limits).toMatchObject({ requestTimeoutMs: 2500, maxVariablesDepth: 8 });
    expect(config.readyzCacheMs).toBe(0);
  });

  it.each([
    ['REQUEST_TIMEOUT_MS', '0', 'expected an integer >= 100'],
    ['REQUEST_TIMEOUT_MS', '5s', 'expected an integer >= 100'],
    ['MAX_VARIABLES_DEPTH', '0', 'expected an integer from 1 to 1000'],
    ['MAX_VARIABLES_DEPTH', '100000', 'expected an integer from 1 to 1000'],
    ['READYZ_CACHE_MS', '-1', 'expected an integer from 0 to 60000'],
    ['READYZ_CACHE_MS', '1.5', 'expected an integer from 0 to 60000'],
  ])('refuses %s=%s, naming it', (name, value, expected) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      `${name}=${JSON.stringify(value)} is invalid: ${expected}`,
    );
  });

  it('names every bad variable and its value, one line each', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        UPSTREAM_TIMEOUT_MS: '-5',
        UPSTREAM_URL: 'ftp://x',
        LOG_LEVEL: 'loud',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'UPSTREAM_URL="ftp://x" is invalid: expected an http(s) URL',
      'LOG_LEVEL="loud" is invalid: expected one of fatal, error, warn, info, debug, trace, silent',
      'PORT="eighty" is invalid: expected an integer from 0 to 65535',
      'UPSTREAM_TIMEOUT_MS="-5" is invalid: expected an integer >= 1',
    ]);
  });

  it('reads the resume and rolling-restart settings, with their defaults', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ drainDelayMs: 5000, shutdownTimeoutMs: 10_000 });
    expect(defaults.realtime.resume).toEqual({
      windowS: 120,
      flushMs: 1000,
      maxEntries: 100_000,
      maxPerCaller: 100,
    });
    const set = loadConfig({
      RESUME_WINDOW_S: '0',
      RESUME_FLUSH_MS: '250',
      RESUME_MAX_ENTRIES: '10',
      RESUME_MAX_PER_CALLER: '2',
      DRAIN_DELAY_MS: '0',
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    expect(set).toMatchObject({ drainDelayMs: 0, shutdownTimeoutMs: 3000 });
    expect(set.realtime.resume).toEqual({
      windowS: 0,
      flushMs: 250,
      maxEntries: 10,
      maxPerCaller: 2,
    });
    // The former name of the shutdown timeout is still its default.
    expect(loadConfig({ SHUTDOWN_GRACE_MS: '800' }).shutdownTimeoutMs).toBe(800);
  });

  it('refuses bad resume and rolling-restart settings, naming each', () => {
    let error: unknown;
    try {
      loadConfig({
        RESUME_WINDOW_S: '-1',
        RESUME_FLUSH_MS: '5',
        DRAIN_DELAY_MS: 'soon',
        SHUTDOWN_TIMEOUT_MS: '1.5',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'DRAIN_DELAY_MS="soon" is invalid: expected an integer from 0 to 600000',
      'SHUTDOWN_TIMEOUT_MS="1.5" is invalid: expected an integer from 0 to 600000',
      'RESUME_WINDOW_S="-1" is invalid: expected an integer from 0 to 86400',
      'RESUME_FLUSH_MS="5" is invalid: expected an integer from 10 to 60000',
    ]);
  });
});
