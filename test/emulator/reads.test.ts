// GET/HEAD /events and /files: who may read (§4), pagination and order (§5.3, §8), counts
// (§5.5, §5.6), and validation of the box id and the window (§1.4, §11).
import type { EventDto } from '../../src/upstream/upstream-types';
import {
  ARCHIVE_FILES,
  ARCHIVE_TEXTS,
  DEMO_BOX_IDS,
  DEMO_EXTRA_TOKENS,
  DEMO_TOKENS,
} from '../../emulator/seed';
import { call, eventsPath, expectError, filesPath, useEmulator } from './http';

const { welcome: WELCOME, archive: ARCHIVE, closed: CLOSED } = DEMO_BOX_IDS;
const { alice, bob, eve } = DEMO_TOKENS;
const UNKNOWN_BOX = 'b0000000-0000-4000-8000-0000000000ff';
const NOT_MEMBER = {
  code: 'forbidden',
  origin: 'not_defined',
  desc: 'must be a member',
  details: { reason: 'not_member', sender_id: 'forbidden' },
};

/** Visible events per demo box: create + what seed.ts lists (edits, deletes, access.* excluded). */
const EXPECTED_COUNTS = {
  [WELCOME]: { events: 17, files: 1 },
  [ARCHIVE]: { events: 2 + ARCHIVE_TEXTS + ARCHIVE_FILES, files: ARCHIVE_FILES },
  [CLOSED]: { events: 6, files: 1 },
};

describe('who may read (§4)', () => {
  const emu = useEmulator();
  const paths = (box: string) => [
    ['GET', eventsPath(box, '?limit=1')],
    ['GET', filesPath(box, '?limit=1')],
    ['HEAD', eventsPath(box)],
    ['HEAD', filesPath(box)],
  ];

  it.each([
    ['admin', alice, WELCOME],
    ['active member', bob, WELCOME],
    ['active member of the archive', bob, ARCHIVE],
  ])('%s → 200 / 204', async (_who, token, box) => {
    for (const [method, path] of paths(box)) {
      const res = await call(emu(), method as string, path as string, { token });
      expect(res.status).toBe(method === 'GET' ? 200 : 204);
    }
  });

  it.each([
    ['never joined', eve, WELCOME],
    ['left', DEMO_EXTRA_TOKENS.carol, WELCOME],
    ['kicked', bob, CLOSED],
    ['kicked (box 1)', DEMO_EXTRA_TOKENS.dave, WELCOME],
    ['unknown box', alice, UNKNOWN_BOX],
  ])('%s → 403 not_member (HEAD: no body)', async (_who, token, box) => {
    for (const [method, path] of paths(box)) {
      const res = await call(emu(), method as string, path as string, { token });
      expect(res.status).toBe(403);
      if (method === 'GET') expect(res.json).toEqual(NOT_MEMBER);
      else expect(res.text).toBe('');
    }
  });

  it('admin and member see identical lists and counts', async () => {
    const a = await call(emu(), 'GET', eventsPath(WELCOME, '?limit=0'), { token: alice });
    const b = await call(emu(), 'GET', eventsPath(WELCOME, '?limit=0'), { token: bob });
    const strip = (list: unknown) => JSON.stringify(list).replace(/"is_saved":(true|false)/g, '');
    expect(strip(a.json)).toBe(strip(b.json));
  });
});

describe('box id validation (§1.4)', () => {
  const emu = useEmulator();
  it.each([
    ['uppercase', 'B0000000-0000-4000-8000-000000000001'],
    ['v1 uuid', 'b0000000-0000-1000-8000-000000000001'],
    ['bad variant', 'b0000000-0000-4000-c000-000000000001'],
    ['not a uuid', 'YOU_KNOW_IM_BAD'],
  ])('%s → 400 box_id malformed on every endpoint', async (_name, id) => {
    for (const [method, path] of [
      ['GET', eventsPath(id, '?limit=1')],
      ['GET', filesPath(id, '?limit=1')],
      ['POST', eventsPath(id)],
      ['POST', `/boxes/${id}/batch-events`],
    ] as const) {
      const body = path.endsWith('batch-events')
        ? { batch_type: 'accesses', events: [{ type: 'access.rm', referrer_id: UNKNOWN_BOX }] }
        : { type: 'member.join' };
      const res = await call(emu(), method, path, { token: alice, body });
      expectError(res, 400, 'bad_request', { box_id: 'malformed' });
    }
    for (const path of [eventsPath(id), filesPath(id)]) {
      const res = await call(emu(), 'HEAD', path, { token: alice });
      expect([res.status, res.text]).toEqual([400, '']);
    }
  });

  it('an empty id → box_id required', async () => {
    const res = await call(emu(), 'GET', '/boxes//events?limit=1', { token: alice });
    expectError(res, 400, 'bad_request', { box_id: 'required' });
  });
});

describe('window parameters (§5.3)', () => {
  const emu = useEmulator();
  const get = (query: string, box: string = WELCOME) =>
    call(emu(), 'GET', eventsPath(box, query), { token: bob });

  it.each(['?limit=-1', '?offset=-1', '?offset=-1&limit=-5'])(
    '%s → 400 with the single key "-"',
    async (q) => {
      const res = await get(q);
      expect(res.json).toEqual({
        code: 'bad_request',
        origin: 'not_defined',
        desc: '-: must be no less than 0.',
        details: { '-': 'invalid' },
      });
    },
  );

  it('a bad box id and a negative limit are reported together', async () => {
    const res = await get('?limit=-1', 'nope');
    expectError(res, 400, 'bad_request', { box_id: 'malformed', '-': 'invalid' });
  });

  it.each([
    '?limit=abc',
    '?limit=5.0',
    '?offset=1e3',
    '?limit=99999999999999999999',
    '?offset=%205',
  ])('%s → 400 origin path, details {}', async (q) => {
    expectError(await get(q), 400, 'bad_request', {}, 'path');
  });

  it('binds before checking membership: a non-member with limit=abc gets 400', async () => {
    const res = await call(emu(), 'GET', eventsPath(CLOSED, '?limit=abc'), { token: eve });
    expect(res.status).toBe(400);
  });

  it.each([
    ['absent limit → the default 500', '', 500],
    ['empty limit → the default 500', '?limit=', 500],
    ['limit=0 → everything', '?limit=0', EXPECTED_COUNTS[ARCHIVE].events],
    ['no maximum', '?limit=100000', EXPECTED_COUNTS[ARCHIVE].events],
    ['offset absent → 0', '?limit=3', 3],
    ['offset within the tail', `?offset=${EXPECTED_COUNTS[ARCHIVE].events - 2}&limit=10`, 2],
    ['huge offset → []', '?offset=9223372036854775807&limit=10', 0],
    ['case-insensitive key', '?LIMIT=4', 4],
    ['exact key wins over a case variant', '?Limit=9&limit=2', 2],
    ['first of repeated values', '?limit=6&limit=1', 6],
    ['an encoded leading plus sign (a bare + decodes to a space)', '?limit=%2B7', 7],
  ])('%s', async (_name, query, expected) => {
    const res = await get(query, ARCHIVE);
    expect(res.status).toBe(200);
    expect((res.json as unknown[]).length).toBe(expected);
  });
});

describe('order and pagination (§5.3, §5.4)', () => {
  const emu = useEmulator();
  const list = async (path: string) =>
    (await call(emu(), 'GET', path, { token: bob })).json as EventDto[];

  it('lists newest first with the create event last, timestamps strictly decreasing', async () => {
    const events = await list(eventsPath(WELCOME, '?limit=0'));
    expect(events[events.length - 1]?.type).toBe('create');
    expect(events[events.length - 1]?.server_event_created_at).toBe('2021-03-01T09:00:00Z');
    const times = events.map((e) => Date.parse(e.server_event_created_at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(new Set(times).size).toBe(times.length);
  });

  it('pages of any size tile the full list exactly', async () => {
    const all = (await list(eventsPath(ARCHIVE, '?limit=0'))).map((e) => e.id);
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 137) {
      paged.push(
        ...(await list(eventsPath(ARCHIVE, `?offset=${offset}&limit=137`))).map((e) => e.id),
      );
    }
    expect(paged).toEqual(all);
  });

  it('files are newest first and paged after excluding deleted files', async () => {
    const all = await list(filesPath(ARCHIVE, '?limit=0'));
    expect(all).toHaveLength(ARCHIVE_FILES);
    expect(all.every((e) => e.type === 'msg.file')).toBe(true);
    const page = await list(filesPath(ARCHIVE, '?offset=299&limit=5'));
    expect(page.map((e) => e.id)).toEqual([all[299]?.id]);
  });

  it('lists exactly the visible types', async () => {
    const types = new Set((await list(eventsPath(WELCOME, '?limit=0'))).map((e) => e.type));
    expect([...types].sort()).toEqual([
      'create',
      'member.join',
      'member.kick',
      'member.leave',
      'msg.file',
      'msg.text',
      'state.access_mode',
      'state.key_share',
    ]);
  });
});

describe('counts (§5.5, §5.6)', () => {
  const emu = useEmulator();

  it.each(Object.entries(EXPECTED_COUNTS))(
    'box %s: X-Total-Count matches the unpaginated lists',
    async (box, expected) => {
      const token = box === CLOSED ? alice : bob;
      for (const [listing, path, list] of [
        ['events', eventsPath(box, '?limit=-1'), eventsPath(box, '?limit=0')],
        ['files', filesPath(box, '?offset=abc'), filesPath(box, '?limit=0')],
      ] as const) {
        // HEAD ignores the query string: no bind step.
        const head = await call(emu(), 'HEAD', path, { token });
        expect([head.status, head.text]).toEqual([204, '']);
        expect(head.headers.get('x-total-count')).toBe(String(expected[listing]));
        const get = await call(emu(), 'GET', list, { token });
        expect((get.json as unknown[]).length).toBe(expected[listing]);
      }
    },
  );
});
