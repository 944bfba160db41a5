// The realtime settings of src/config/ (docs/configuration.md): defaults, parsing, refusals.
import { ConfigError, loadConfig } from '../../src/config';

describe('realtime settings', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({}).realtime).toEqual({
      upstreamWsUrl: undefined,
      allowedOrigins: [],
      maxSubscriptionsPerConnection: 20,
      maxStreamsPerCredential: 100,
      maxStreams: 10_000,
      maxUpstreamSockets: 2000,
      subscriberBuffer: 256,
      socketLingerMs: 2000,
      reconnectBaseMs: 250,
      reconnectMaxMs: 10_000,
      credentialCheckMs: 60_000,
      resume: { windowS: 120, flushMs: 1000, maxEntries: 100_000, maxPerCaller: 100 },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      UPSTREAM_WS_URL: 'wss://api.example.com/',
      ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:3000',
      MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
      MAX_STREAMS_PER_CREDENTIAL: '4',
      MAX_STREAMS: '5',
      MAX_UPSTREAM_SOCKETS: '10',
      SUBSCRIBER_BUFFER: '8',
      UPSTREAM_SOCKET_LINGER_MS: '0',
      UPSTREAM_WS_RECONNECT_MS: '5',
      UPSTREAM_WS_RECONNECT_MAX_MS: '50',
      CREDENTIAL_CHECK_MS: '1000',
    });
    expect(config.realtime).toEqual({
      upstreamWsUrl: 'wss://api.example.com',
      allowedOrigins: ['https://app.example.com', 'http://localhost:3000'],
      maxSubscriptionsPerConnection: 3,
      maxStreamsPerCredential: 4,
      maxStreams: 5,
      maxUpstreamSockets: 10,
      subscriberBuffer: 8,
      socketLingerMs: 0,
      reconnectBaseMs: 5,
      reconnectMaxMs: 50,
      credentialCheckMs: 1000,
      resume: { windowS: 120, flushMs: 1000, maxEntries: 100_000, maxPerCaller: 100 },
    });
    expect(Object.isFrozen(config.realtime.allowedOrigins)).toBe(true);
  });

  it.each([
    ['UPSTREAM_WS_URL', 'http://api.example.com', 'expected a ws(s) URL'],
    ['ALLOWED_ORIGINS', 'https://app.example.com/path', 'is not an origin'],
    ['MAX_SUBSCRIPTIONS_PER_CONNECTION', '0', 'expected an integer >= 1'],
    ['MAX_STREAMS_PER_CREDENTIAL', '0', 'expected an integer >= 1'],
    ['MAX_STREAMS', 'many', 'expected an integer >= 1'],
    ['UPSTREAM_SOCKET_LINGER_MS', '6000', 'expected an integer from 0 to 5000'],
  ])('refuses %s=%s naming it', (name, value, reason) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringContaining(`${name}=`)]);
    expect((error as ConfigError).problems[0]).toContain(reason);
  });
});
