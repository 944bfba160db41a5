// The resolvers executed against the built schema, with a recording fake API behind the real
// per-request loaders: what each field sends upstream (exact bodies and pages), which argument
// checks stop a call, and how failures stay local.
import { graphql, type ExecutionResult } from 'graphql';
import type { GatewayContext } from '../../src/context';
import { BadUserInputError } from '../../src/errors/gateway-errors';
import { createLoaders } from '../../src/loaders/create-loaders';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { UpstreamProtocolError } from '../../src/upstream/upstream-errors';
import type {
  BoxEventsApi,
  EventDto,
  GatewayApi,
  IdentityDto,
} from '../../src/upstream/upstream-types';
import { memoryLogger } from '../helpers/memory-logger';

const schema = buildGatewaySchema();
const BOX = 'b0000000-0000-4000-8000-000000000001';
const BOX2 = 'b0000000-0000-4000-8000-000000000002';
const MSG = 'c0000000-0000-4000-8000-00000000000a';

const alice: IdentityDto = {
  id: 'a0000000-0000-4000-8000-000000000001',
  display_name: 'Alice',
  avatar_url: null,
  identifier_value: '',
  identifier_kind: '',
};

let seq = 0;
function dto(type: string, content: unknown, extra: Partial<EventDto> = {}): EventDto {
  seq += 1;
  return {
    id: `e0000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type,
    box_id: BOX,
    server_event_created_at: '2021-01-01T00:00:00.123456789Z',
    referrer_id: null,
    sender: alice,
    content,
    ...extra,
  };
}

const text = (encrypted = 'abc') => dto('msg.text', { encrypted, public_key: 'pk' });
const file = () =>
  dto('msg.file', {
    encrypted: 'm',
    public_key: 'pk',
    encrypted_file_id: 'f0000000-0000-4000-8000-000000000001',
  });

/** Every method a jest.fn: tests read `.mock.calls` for exactly what went upstream. */
function fakeApi(overrides: Partial<Record<keyof BoxEventsApi, jest.Mock>> = {}) {
  const defaults = {
    listEvents: jest.fn(async (_boxId: string, page: { limit: number }) =>
      Array.from({ length: Math.min(page.limit, 3) }, () => text()),
    ),
    listFiles: jest.fn(async (_boxId: string, _page: { limit: number }) => [file()]),
    countEvents: jest.fn(async () => 42),
    countFiles: jest.fn(async () => 7),
    createEvent: jest.fn(
      async (
        boxId: string,
        body: { type: string; content?: unknown; referrer_id?: string | null },
      ) =>
        dto(body.type, body.content ?? null, {
          box_id: boxId,
          referrer_id: body.referrer_id ?? null,
        }),
    ),
    batchAccesses: jest.fn(
      async (_boxId: string, events: Array<{ type: string; content?: unknown }>) =>
        events.map((e) => dto(e.type, e.content ?? null)),
    ),
  };
  return Object.assign(defaults, overrides) as typeof defaults;
}
type FakeApi = ReturnType<typeof fakeApi>;

function context(api: FakeApi) {
  const logs = memoryLogger();
  const ctx: GatewayContext = {
    requestId: 'req-1',
    startedAt: process.hrtime.bigint(),
    logger: logs.logger,
    api: api as unknown as GatewayApi,
    loaders: createLoaders(api as unknown as GatewayApi),
    stats: { upstreamCalls: 0 },
    executor: 'none',
    callerKey: () => null,
    usePlan: () => {},
    forUpdate: () => ctx,
  };
  return { ctx, logs };
}

async function run(source: string, variableValues?: Record<string, unknown>, api = fakeApi()) {
  const { ctx, logs } = context(api);
  const result = (await graphql({
    schema,
    source,
    variableValues,
    contextValue: ctx,
  })) as ExecutionResult<
    Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  >;
  return { result, api, ctx, logs };
}

const codes = (result: ExecutionResult) => (result.errors ?? []).map((e) => e.extensions.code);
const upstreamCalls = (api: FakeApi) =>
  Object.values(api).reduce((n, fn) => n + (fn as jest.Mock).mock.calls.length, 0);

describe('Query.box / Query.boxes', () => {
  it('box(id) makes no upstream call and returns the id in lowercase', async () => {
    const { result, api } = await run(`{ box(id: "${BOX.toUpperCase()}") { id } }`);
    expect(result).toEqual({ data: { box: { id: BOX } } });
    expect(upstreamCalls(api)).toBe(0);
  });

  it('boxes(ids) answers in the order asked, duplicates included', async () => {
    const { result } = await run(`query($ids: [UUID!]!) { boxes(ids: $ids) { id } }`, {
      ids: [BOX2, BOX, BOX2],
    });
    expect(result.data?.boxes).toEqual([{ id: BOX2 }, { id: BOX }, { id: BOX2 }]);
  });

  it.each([0, 51])('boxes with %i ids is BAD_USER_INPUT naming ids', async (n) => {
    const { result } = await run(`query($ids: [UUID!]!) { boxes(ids: $ids) { id } }`, {
      ids: Array(n).fill(BOX),
    });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions.fields).toEqual({ ids: expect.any(String) });
  });

  it('a malformed UUID is BAD_USER_INPUT, as a variable and as a literal', async () => {
    const asVariable = await run(`query($id: UUID!) { box(id: $id) { id } }`, {
      id: 'YOU_KNOW_IM_BAD',
    });
    expect(codes(asVariable.result)).toEqual(['BAD_USER_INPUT']);
    expect(asVariable.result.errors?.[0].originalError).toBeInstanceOf(BadUserInputError);
    const asLiteral = await run(`{ box(id: "b0000000-0000-4000-8000") { id } }`);
    expect(codes(asLiteral.result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('Box lists and counts', () => {
  it('events sends an explicit page and resolves each class by its instance', async () => {
    const api = fakeApi({
      listEvents: jest.fn(async () => [
        text('x'),
        dto('member.kick', { kicker: alice }),
        dto('state.access_mode', { value: 'limited' }),
        dto('create', { title: 'T', public_key: 'k' }),
        dto('msg.poll', { q: 1 }),
      ]),
    });
    const { result } = await run(
      `{ box(id: "${BOX}") { events(offset: 5, limit: 20) { __typename id serverEventCreatedAt box { id }
        ... on TextMessageEvent { encrypted } ... on MemberKickEvent { kicker { displayName } }
        ... on AccessModeChangedEvent { accessMode } ... on UnknownBoxEvent { content } } } }`,
      undefined,
      api,
    );
    expect(result.errors).toBeUndefined();
    expect(api.listEvents.mock.calls).toEqual([[BOX, { offset: 5, limit: 20 }]]);
    const events = result.data?.box.events;
    expect(events.map((e: { __typename: string }) => e.__typename)).toEqual([
      'TextMessageEvent',
      'MemberKickEvent',
      'AccessModeChangedEvent',
      'BoxCreatedEvent',
      'UnknownBoxEvent',
    ]);
    expect(events[0]).toMatchObject({
      encrypted: 'x',
      serverEventCreatedAt: '2021-01-01T00:00:00.123456789Z',
      box: { id: BOX },
    });
    expect(events[1].kicker).toEqual({ displayName: 'Alice' });
    expect(events[2].accessMode).toBe('LIMITED');
    expect(events[4].content).toEqual({ q: 1 });
  });

  it('defaults to offset 0 and limit 500', async () => {
    const { api } = await run(`{ box(id: "${BOX}") { events { id } fileEvents { id } } }`);
    expect(api.listEvents.mock.calls[0][1]).toEqual({ offset: 0, limit: 500 });
    expect(api.listFiles.mock.calls[0][1]).toEqual({ offset: 0, limit: 500 });
  });

  it.each([
    ['offset: -1', 'offset'],
    ['limit: 0', 'limit'],
    ['limit: 501', 'limit'],
    ['limit: null', 'limit'],
  ])('events(%s) is BAD_USER_INPUT without an upstream call', async (args, field) => {
    const { result, api } = await run(`{ box(id: "${BOX}") { id events(${args}) { id } } }`);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions.fields).toEqual({ [field]: expect.any(String) });
    expect(result.errors?.[0].path).toEqual(['box', 'events']);
    expect(result.data?.box).toEqual({ id: BOX, events: null });
    expect(upstreamCalls(api)).toBe(0);
  });

  it('counts come from the HEAD loaders, deduplicated across aliases', async () => {
    const { result, api } = await run(
      `{ a: box(id: "${BOX}") { eventsCount fileEventsCount } b: box(id: "${BOX}") { eventsCount } }`,
    );
    expect(result.data).toEqual({
      a: { eventsCount: 42, fileEventsCount: 7 },
      b: { eventsCount: 42 },
    });
    expect(api.countEvents).toHaveBeenCalledTimes(1);
  });

  it('a failing list leaves its counts and the other boxes intact', async () => {
    const api = fakeApi({
      listEvents: jest.fn(async (boxId: string) => {
        if (boxId === BOX) throw new Error('boom');
        return [text()];
      }),
    });
    const { result } = await run(
      `{ boxes(ids: ["${BOX}", "${BOX2}"]) { id eventsCount events { id } } }`,
      undefined,
      api,
    );
    expect(result.data?.boxes[0]).toEqual({ id: BOX, eventsCount: 42, events: null });
    expect(result.data?.boxes[1].events).toHaveLength(1);
    expect(result.errors?.map((e) => e.path)).toEqual([['boxes', 0, 'events']]);
  });

  it('an event without an id fails that list with an UpstreamProtocolError', async () => {
    const broken = { ...text(), id: undefined } as unknown as EventDto;
    const { result } = await run(
      `{ box(id: "${BOX}") { events { id } } }`,
      undefined,
      fakeApi({ listEvents: jest.fn(async () => [text(), broken]) }),
    );
    expect(result.data?.box.events).toBeNull();
    expect(result.errors?.[0].originalError).toBeInstanceOf(UpstreamProtocolError);
  });

  it('odd content is served as UnknownBoxEvent and logged as a warning', async () => {
    const { result, logs } = await run(
      `{ box(id: "${BOX}") { events { __typename } } }`,
      undefined,
      fakeApi({ listEvents: jest.fn(async () => [dto('msg.text', { nope: true }), text()]) }),
    );
    expect(result.data?.box.events).toEqual([
      { __typename: 'UnknownBoxEvent' },
      { __typename: 'TextMessageEvent' },
    ]);
    expect(logs.entries()).toEqual([
      expect.objectContaining({ level: 40, requestId: 'req-1', eventType: 'msg.text' }),
    ]);
  });

  it('fileEvents leaves out an item that is not a file message', async () => {
    const { result } = await run(
      `{ box(id: "${BOX}") { fileEvents { __typename isSaved } } }`,
      undefined,
      fakeApi({ listFiles: jest.fn(async () => [file(), dto('msg.file', 'odd')]) }),
    );
    expect(result.data?.box.fileEvents).toEqual([
      { __typename: 'FileMessageEvent', isSaved: false },
    ]);
  });
});

describe('Box connections', () => {
  const page = `query($first: Int, $after: String) { box(id: "${BOX}") {
    eventsConnection(first: $first, after: $after) {
      edges { cursor node { id } } nodes { id }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;

  it('fetches first + 1 and knows hasNextPage without a HEAD', async () => {
    const { result, api } = await run(page, { first: 2 });
    expect(api.listEvents.mock.calls).toEqual([[BOX, { offset: 0, limit: 3 }]]);
    expect(api.countEvents).not.toHaveBeenCalled();
    const connection = result.data?.box.eventsConnection;
    expect(connection.edges).toHaveLength(2);
    expect(connection.nodes).toEqual(connection.edges.map((e: { node: unknown }) => e.node));
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(connection.pageInfo.endCursor).toBe(connection.edges[1].cursor);
  });

  it('continues after a cursor', async () => {
    const first = await run(page, { first: 2 });
    const endCursor = first.result.data?.box.eventsConnection.pageInfo.endCursor;
    const { result, api } = await run(page, { first: 2, after: endCursor });
    expect(api.listEvents.mock.calls[0][1]).toEqual({ offset: 2, limit: 3 });
    expect(result.data?.box.eventsConnection.pageInfo.hasPreviousPage).toBe(true);
  });

  it('the last page has no next page; an empty page has no cursors', async () => {
    const api = fakeApi({ listEvents: jest.fn(async () => []) });
    const { result } = await run(page, { first: 5 }, api);
    expect(result.data?.box.eventsConnection.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('totalCount costs a HEAD only when selected', async () => {
    const { result, api } = await run(
      `{ box(id: "${BOX}") { eventsConnection { totalCount } fileEventsConnection { totalCount nodes { isSaved } } } }`,
    );
    expect(result.data?.box).toEqual({
      eventsConnection: { totalCount: 42 },
      fileEventsConnection: { totalCount: 7, nodes: [{ isSaved: false }] },
    });
    expect(api.listEvents.mock.calls[0][1]).toEqual({ offset: 0, limit: 51 });
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 501 }, 'first'],
    [{ after: 'not-a-cursor!' }, 'after'],
    [{ after: Buffer.from('offset:-1').toString('base64url') }, 'after'],
  ])('%j is BAD_USER_INPUT without an upstream call', async (variables, field) => {
    const { result, api } = await run(page, variables);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions.fields).toEqual({ [field]: expect.any(String) });
    expect(upstreamCalls(api)).toBe(0);
  });
});

describe('mutations: one upstream call with the documented body', () => {
  it.each([
    [
      `postTextMessage(boxId: "${BOX}", encrypted: "abc_-", publicKey: "pk") { __typename encrypted }`,
      { type: 'msg.text', content: { encrypted: 'abc_-', public_key: 'pk' } },
      'TextMessageEvent',
    ],
    [
      `editTextMessage(boxId: "${BOX}", messageId: "${MSG.toUpperCase()}", newEncrypted: "n", newPublicKey: "npk") { __typename newEncrypted }`,
      {
        type: 'msg.edit',
        content: { new_encrypted: 'n', new_public_key: 'npk' },
        referrer_id: MSG,
      },
      'MessageEditEvent',
    ],
    [
      `deleteMessage(boxId: "${BOX}", messageId: "${MSG}") { __typename }`,
      { type: 'msg.delete', referrer_id: MSG },
      'MessageDeleteEvent',
    ],
    [`joinBox(boxId: "${BOX}") { __typename }`, { type: 'member.join' }, 'MemberJoinEvent'],
    [`leaveBox(boxId: "${BOX}") { __typename }`, { type: 'member.leave' }, 'MemberLeaveEvent'],
    [
      `setBoxAccessMode(boxId: "${BOX}", mode: LIMITED) { __typename accessMode }`,
      { type: 'state.access_mode', content: { value: 'limited' } },
      'AccessModeChangedEvent',
    ],
    [
      `setBoxKeyShare(boxId: "${BOX}", misakeyShare: "m", otherShareHash: "h", encryptedInvitationKeyShare: "e") { __typename }`,
      {
        type: 'state.key_share',
        extra: { misakey_share: 'm', other_share_hash: 'h', encrypted_invitation_key_share: 'e' },
      },
      'KeyShareChangedEvent',
    ],
    [
      `postBoxEvent(boxId: "${BOX}", input: { type: "msg.poll", content: { q: "?" } }) { __typename }`,
      { type: 'msg.poll', content: { q: '?' } },
      'UnknownBoxEvent',
    ],
  ])('%s', async (selection, body, typename) => {
    const { result, api } = await run(`mutation { m: ${selection} }`);
    expect(result.errors).toBeUndefined();
    expect(api.createEvent.mock.calls).toEqual([[BOX, body]]);
    expect(result.data?.m.__typename).toBe(typename);
    expect(upstreamCalls(api)).toBe(1);
  });

  it.each([
    [`postTextMessage(boxId: "${BOX}", encrypted: "a+b/c==", publicKey: "pk") { id }`, 'encrypted'],
    [
      `editTextMessage(boxId: "${BOX}", messageId: "${MSG}", newEncrypted: "", newPublicKey: "k") { id }`,
      'newEncrypted',
    ],
  ])('refuses non-URL-safe base64 before any call: %s', async (selection, field) => {
    const { result, api } = await run(`mutation { ${selection} }`);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions.fields).toEqual({ [field]: expect.any(String) });
    expect(upstreamCalls(api)).toBe(0);
  });

  it('a created event of another class than promised is an UpstreamProtocolError', async () => {
    const api = fakeApi({ createEvent: jest.fn(async () => dto('member.join', null)) });
    const { result } = await run(
      `mutation { postTextMessage(boxId: "${BOX}", encrypted: "a", publicKey: "k") { id } }`,
      undefined,
      api,
    );
    expect(result.data).toBeNull();
    expect(result.errors?.[0].originalError).toBeInstanceOf(UpstreamProtocolError);
  });

  it('drops the box cache so later fields read fresh data', async () => {
    const api = fakeApi();
    const { ctx } = context(api);
    await ctx.loaders.eventsCount.load(BOX);
    const result = await graphql({
      schema,
      source: `mutation { joinBox(boxId: "${BOX}") { box { eventsCount } } }`,
      contextValue: ctx,
    });
    expect(result.errors).toBeUndefined();
    expect(api.countEvents).toHaveBeenCalledTimes(2);
  });

  it('drops the box cache even when the write fails (it may have been applied)', async () => {
    const api = fakeApi({ createEvent: jest.fn(async () => Promise.reject(new Error('timeout'))) });
    const { ctx } = context(api);
    await ctx.loaders.eventsCount.load(BOX);
    await graphql({
      schema,
      source: `mutation { joinBox(boxId: "${BOX}") { id } }`,
      contextValue: ctx,
    });
    await ctx.loaders.eventsCount.load(BOX);
    expect(api.countEvents).toHaveBeenCalledTimes(2);
  });
});

describe('changeBoxAccesses', () => {
  const RULE = 'd0000000-0000-4000-8000-000000000001';

  it('sends removals first, then additions, in one batch, and splits the answer by type', async () => {
    const api = fakeApi({
      batchAccesses: jest.fn(async () => [
        dto('access.rm', null, { referrer_id: RULE }),
        dto('access.add', {
          restriction_type: 'identifier',
          value: 'bob@x.test',
          auto_invite: true,
        }),
        dto('access.add', { restriction_type: 'email_domain', value: 'x.test' }),
        dto('member.kick', { kicker: alice }),
      ]),
    });
    const { result } = await run(
      `mutation($add: [AccessAddInput!]!) { changeBoxAccesses(boxId: "${BOX}", remove: ["${RULE}"], add: $add) {
        removed { referrerId } added { restrictionType value autoInvite } kicked { kicker { displayName } } } }`,
      {
        add: [
          {
            restrictionType: 'IDENTIFIER',
            value: 'bob@x.test',
            autoInvite: true,
            invitation: { pk: 'enc' },
          },
          { restrictionType: 'EMAIL_DOMAIN', value: 'x.test' },
        ],
      },
      api,
    );
    expect(result.errors).toBeUndefined();
    expect(api.batchAccesses.mock.calls).toEqual([
      [
        BOX,
        [
          { type: 'access.rm', referrer_id: RULE },
          {
            type: 'access.add',
            content: { restriction_type: 'identifier', value: 'bob@x.test', auto_invite: true },
            extra: { pk: 'enc' },
          },
          { type: 'access.add', content: { restriction_type: 'email_domain', value: 'x.test' } },
        ],
      ],
    ]);
    expect(result.data?.changeBoxAccesses).toEqual({
      removed: [{ referrerId: RULE }],
      added: [
        { restrictionType: 'IDENTIFIER', value: 'bob@x.test', autoInvite: true },
        { restrictionType: 'EMAIL_DOMAIN', value: 'x.test', autoInvite: null },
      ],
      kicked: [{ kicker: { displayName: 'Alice' } }],
    });
  });

  it('with nothing to add or remove is BAD_USER_INPUT without an upstream call', async () => {
    const { result, api } = await run(
      `mutation { changeBoxAccesses(boxId: "${BOX}") { added { id } } }`,
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(upstreamCalls(api)).toBe(0);
  });
});
