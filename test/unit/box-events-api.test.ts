// The six endpoints over a recording fake client: paths, routes, explicit pages, auth headers,
// response shape checks, and no call at all without credentials.
import { readCredentials } from '../../src/auth/credentials';
import { UnauthenticatedError } from '../../src/errors/gateway-errors';
import { createBoxEventsApi, parseTotalCount } from '../../src/upstream/box-events-api';
import type {
  UpstreamClient,
  UpstreamRequest,
  UpstreamResponse,
} from '../../src/upstream/upstream-client';
import { UpstreamProtocolError } from '../../src/upstream/upstream-errors';
import type { BoxEventsApi } from '../../src/upstream/upstream-types';

const BOX = '0B7E0C6C-1111-4B5C-9A35-4E8E2A7F0D11';
const box = BOX.toLowerCase();
const TOKEN = 'tok';

function fakeClient(answer: (req: UpstreamRequest) => UpstreamResponse) {
  const requests: UpstreamRequest[] = [];
  const client: UpstreamClient = {
    async request(req) {
      requests.push(req);
      return answer(req);
    },
    ping: async () => true,
    close: async () => undefined,
  };
  return { client, requests };
}

const ok = (json?: unknown, headers: UpstreamResponse['headers'] = {}): UpstreamResponse => ({
  status: 200,
  headers,
  json,
});

describe('createBoxEventsApi', () => {
  const bearer = readCredentials({ authorization: `Bearer ${TOKEN}` });

  it('lists events with an explicit page, lowercased box id and route template', async () => {
    const { client, requests } = fakeClient(() => ok([{ id: 'e1' }]));
    const events = await createBoxEventsApi(client, bearer).listEvents(BOX, {
      offset: 0,
      limit: 20,
    });
    expect(events).toEqual([{ id: 'e1' }]);
    expect(requests).toEqual([
      {
        method: 'GET',
        path: `/boxes/${box}/events`,
        route: '/boxes/:id/events',
        query: { offset: 0, limit: 20 },
        headers: { cookie: `accesstoken=${TOKEN}; tokentype=bearer` },
      },
    ]);
  });

  it('lists files on /files', async () => {
    const { client, requests } = fakeClient(() => ok([]));
    await createBoxEventsApi(client, bearer).listFiles(BOX, { offset: 5, limit: 1 });
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: `/boxes/${box}/files`,
      route: '/boxes/:id/files',
      query: { offset: 5, limit: 1 },
    });
  });

  it('encodes the box id in the path', async () => {
    const { client, requests } = fakeClient(() => ok([]));
    await createBoxEventsApi(client, bearer).listEvents('../csrf?x=1', { offset: 0, limit: 1 });
    expect(requests[0].path).toBe('/boxes/..%2Fcsrf%3Fx%3D1/events');
  });

  it.each([
    [{ offset: 0, limit: 0 }, /limit/],
    [{ offset: -1, limit: 10 }, /offset/],
    [{ offset: 0, limit: 1.5 }, /limit/],
    [{ offset: Number.NaN, limit: 1 }, /offset/],
  ])('refuses a page the upstream would misread: %o', async (page, message) => {
    const { client, requests } = fakeClient(() => ok([]));
    await expect(createBoxEventsApi(client, bearer).listEvents(BOX, page)).rejects.toThrow(message);
    expect(requests).toHaveLength(0);
  });

  it('rejects a list answer that is not an array', async () => {
    const { client } = fakeClient(() => ok({ events: [] }));
    await expect(
      createBoxEventsApi(client, bearer).listEvents(BOX, { offset: 0, limit: 1 }),
    ).rejects.toBeInstanceOf(UpstreamProtocolError);
  });

  it.each([
    ['countEvents', '/boxes/:id/events'],
    ['countFiles', '/boxes/:id/files'],
  ] as const)('%s: HEAD %s → X-Total-Count', async (method, route) => {
    const { client, requests } = fakeClient(() => ({
      status: 204,
      headers: { 'x-total-count': '12' },
    }));
    await expect(createBoxEventsApi(client, bearer)[method](BOX)).resolves.toBe(12);
    expect(requests[0]).toMatchObject({ method: 'HEAD', route, path: route.replace(':id', box) });
    expect(requests[0].query).toBeUndefined();
  });

  it('creates an event with a fresh CSRF pair and returns the object', async () => {
    const { client, requests } = fakeClient(() => ({
      status: 201,
      headers: {},
      json: { id: 'e1' },
    }));
    const body = { type: 'msg.text', content: { encrypted: 'x', public_key: 'y' } };
    await expect(createBoxEventsApi(client, bearer).createEvent(BOX, body)).resolves.toEqual({
      id: 'e1',
    });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `/boxes/${box}/events`,
      route: '/boxes/:id/events',
      body,
    });
    expect(requests[0].headers?.['x-csrf-token']).toMatch(/^[\w-]+$/);
    expect(requests[0].headers?.cookie).toContain(`_csrf=${requests[0].headers?.['x-csrf-token']}`);
  });

  it.each([[[{ id: 'e1' }]], [null], ['text']])(
    'rejects a create answer that is not an object: %p',
    async (json) => {
      const { client } = fakeClient(() => ({ status: 201, headers: {}, json }));
      await expect(
        createBoxEventsApi(client, bearer).createEvent(BOX, { type: 'member.join' }),
      ).rejects.toBeInstanceOf(UpstreamProtocolError);
    },
  );

  it('sends a batch of accesses as one request and returns the array', async () => {
    const { client, requests } = fakeClient(() => ({
      status: 201,
      headers: {},
      json: [{ id: 'a' }],
    }));
    const events = [{ type: 'access.rm' as const, referrer_id: 'r1' }];
    await expect(createBoxEventsApi(client, bearer).batchAccesses(BOX, events)).resolves.toEqual([
      { id: 'a' },
    ]);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `/boxes/${box}/batch-events`,
      route: '/boxes/:id/batch-events',
      body: { batch_type: 'accesses', events },
    });
  });

  it('rejects a batch answer that is not an array', async () => {
    const { client } = fakeClient(() => ({ status: 201, headers: {}, json: { id: 'a' } }));
    await expect(createBoxEventsApi(client, bearer).batchAccesses(BOX, [])).rejects.toBeInstanceOf(
      UpstreamProtocolError,
    );
  });

  describe('without usable credentials no call is made', () => {
    const calls = (api: BoxEventsApi) => [
      api.listEvents(BOX, { offset: 0, limit: 1 }),
      api.listFiles(BOX, { offset: 0, limit: 1 }),
      api.countEvents(BOX),
      api.countFiles(BOX),
      api.createEvent(BOX, { type: 'member.join' }),
      api.batchAccesses(BOX, []),
    ];
    it.each([
      ['anonymous', null],
      ['rejected', readCredentials({ authorization: 'Bearer a b' })],
    ])('%s', async (_name, credentials) => {
      const { client, requests } = fakeClient(() => ok([]));
      const results = await Promise.allSettled(calls(createBoxEventsApi(client, credentials)));
      for (const result of results) {
        expect(result.status).toBe('rejected');
        expect((result as PromiseRejectedResult).reason).toBeInstanceOf(UnauthenticatedError);
      }
      expect(requests).toHaveLength(0);
    });
  });
});

describe('parseTotalCount', () => {
  const call = { method: 'HEAD', route: '/boxes/:id/events' };
  it.each([
    ['12', 12],
    ['0', 0],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
  ])('accepts %p', (value, expected) => {
    expect(parseTotalCount(value, call)).toBe(expected);
  });
  it.each([
    ['missing', undefined],
    ['letters', 'abc'],
    ['negative', '-1'],
    ['exponent', '1e3'],
    ['fraction', '1.5'],
    ['empty', ''],
    ['spaces', ' 12'],
    ['hex', '0x10'],
    ['beyond safe integers', '9007199254740993'],
    ['repeated header', ['1', '2']],
  ])('rejects %s', (_name, value) => {
    expect(() => parseTotalCount(value, call)).toThrow(UpstreamProtocolError);
  });
});
