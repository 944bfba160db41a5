// The demo data (docs/emulator.md#demo-data), determinism (§0 decision 12) and the seed builders.
import type { EventDto } from '../../src/upstream/upstream-types';
import { formatTimestamp, CLOCK_STEP_MICROS } from '../../emulator/clock';
import { startEmulator } from '../../emulator/emulator';
import { seededFileBytes } from '../../emulator/chat-state';
import {
  ARCHIVE_FILES,
  ARCHIVE_TEXTS,
  DEMO_ACR2_TOKENS,
  DEMO_BOX_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  demoSeed,
} from '../../emulator/seed';
import { box, identity, text, texts, uuidFromName } from '../../emulator/seed-builders';
import { storeFromSeed } from '../../emulator/seed-loader';
import { call, eventsPath, filesPath, useEmulator } from './http';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const { alice, bob, eve } = DEMO_TOKENS;

describe('timestamps (§0 decision 12)', () => {
  it.each([
    [Date.parse('2021-03-01T09:00:00Z') * 1000, '2021-03-01T09:00:00Z'],
    [Date.parse('2021-03-01T09:00:00Z') * 1000 + 1_234_567, '2021-03-01T09:00:01.234567Z'],
    [Date.parse('2021-03-01T09:00:00Z') * 1000 + 500_000, '2021-03-01T09:00:00.5Z'],
    [Date.parse('2021-03-01T09:00:00Z') * 1000 + 10, '2021-03-01T09:00:00.00001Z'],
  ])('formats %d µs as %s', (micros, expected) => {
    expect(formatTimestamp(micros)).toBe(expected);
  });

  it('ticks at least a millisecond apart', () => {
    expect(CLOCK_STEP_MICROS).toBeGreaterThanOrEqual(1000);
  });
});

describe('demo seed', () => {
  const emu = useEmulator();
  const ok = async (token: string, box: string) =>
    (await call(emu(), 'HEAD', eventsPath(box), { token })).status;

  it('builds in well under 2 s', () => {
    // 2 s rather than 200 ms: the bound must hold beside two busy CPU loops (issue 19's test).
    const started = performance.now();
    storeFromSeed(demoSeed());
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('alice is the admin of all three boxes, bob a member of 1 and 2 and kicked from 3, eve of none', async () => {
    const { welcome, archive, closed } = DEMO_BOX_IDS;
    expect(await Promise.all([welcome, archive, closed].map((b) => ok(alice, b)))).toEqual([
      204, 204, 204,
    ]);
    expect(await Promise.all([welcome, archive, closed].map((b) => ok(bob, b)))).toEqual([
      204, 204, 403,
    ]);
    expect(await Promise.all([welcome, archive, closed].map((b) => ok(eve, b)))).toEqual([
      403, 403, 403,
    ]);
    for (const b of [welcome, archive, closed]) {
      const list = (await call(emu(), 'GET', eventsPath(b, '?limit=0'), { token: alice }))
        .json as EventDto[];
      expect(list[list.length - 1]).toMatchObject({
        type: 'create',
        sender: { id: DEMO_IDENTITY_IDS.alice },
      });
    }
  });

  it('the archive holds 1,200 texts and 300 files', async () => {
    const list = (
      await call(emu(), 'GET', eventsPath(DEMO_BOX_IDS.archive, '?limit=0'), { token: bob })
    ).json as EventDto[];
    const byType = (t: string) => list.filter((e) => e.type === t).length;
    expect([byType('msg.text'), byType('msg.file')]).toEqual([ARCHIVE_TEXTS, ARCHIVE_FILES]);
    const files = await call(emu(), 'HEAD', filesPath(DEMO_BOX_IDS.archive), { token: bob });
    expect(files.headers.get('x-total-count')).toBe(String(ARCHIVE_FILES));
  });

  it('the closed circle holds bob join and kick, then a file of alice, in that order', async () => {
    const list = (
      await call(emu(), 'GET', eventsPath(DEMO_BOX_IDS.closed, '?limit=0'), { token: alice })
    ).json as EventDto[];
    expect(list.map((e) => [e.type, e.sender.id === DEMO_IDENTITY_IDS.bob])).toEqual([
      ['msg.file', false],
      ['member.kick', true],
      ['msg.text', false],
      ['msg.text', true],
      ['member.join', true],
      ['create', false],
    ]);
  });

  it('every id is a lowercase UUID v4', async () => {
    const list = (
      await call(emu(), 'GET', eventsPath(DEMO_BOX_IDS.welcome, '?limit=0'), { token: alice })
    ).json as EventDto[];
    for (const id of [
      ...Object.values(DEMO_BOX_IDS),
      ...list.map((e) => e.id),
      ...list.map((e) => e.sender.id),
    ]) {
      expect(id).toMatch(UUID_V4);
    }
  });
});

describe('demo seed: what a chat client needs (graphql-api.md §12)', () => {
  const emu = useEmulator();

  it('every box has a title, members and a file whose bytes download', async () => {
    const rows = [];
    for (const id of Object.values(DEMO_BOX_IDS)) {
      const view = (await call(emu(), 'GET', `/boxes/${id}`, { token: alice })).json as {
        title: string;
      };
      const members = (await call(emu(), 'GET', `/boxes/${id}/members`, { token: alice }))
        .json as Array<{ id: string }>;
      const [newest] = (await call(emu(), 'GET', filesPath(id, '?limit=1'), { token: alice }))
        .json as EventDto[];
      const fileId = (newest?.content as { encrypted_file_id: string }).encrypted_file_id;
      const bytes = await call(emu(), 'GET', `/encrypted-files/${fileId}`, { token: alice });
      expect([bytes.status, bytes.text]).toEqual([200, seededFileBytes(fileId).toString()]);
      rows.push([view.title, members.map((m) => m.id)]);
    }
    const { alice: a, bob: b } = DEMO_IDENTITY_IDS;
    expect(rows).toEqual([
      ['Welcome', [a, b]],
      ['Archive', [a, b]],
      ['Closed circle', [a]],
    ]);
  });

  it('bob and eve have ACR-2 tokens for the same identities; demo-bob stays ACR 1', async () => {
    const joined = (token: string) => call(emu(), 'HEAD', '/boxes/joined', { token });
    expect(DEMO_ACR2_TOKENS).toEqual({ bob: 'demo-bob-acr2', eve: 'demo-eve-acr2' });
    const answers = await Promise.all(
      [DEMO_ACR2_TOKENS.bob, DEMO_ACR2_TOKENS.eve, bob].map(async (token) => {
        const res = await joined(token);
        return [res.status, res.headers.get('x-total-count')];
      }),
    );
    expect(answers).toEqual([
      [204, '2'],
      [204, '0'],
      [403, null],
    ]);
  });
});

describe('determinism', () => {
  it('two runs of the same seed give byte-identical lists', async () => {
    const a = await startEmulator();
    const b = await startEmulator({ seed: demoSeed() });
    try {
      for (const box of Object.values(DEMO_BOX_IDS)) {
        const [x, y] = await Promise.all(
          [a, b].map((e) => call(e, 'GET', eventsPath(box, '?limit=0'), { token: alice })),
        );
        expect(x?.text).toBe(y?.text);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('seed builders', () => {
  it('derive stable UUID v4 ids from names', () => {
    expect(uuidFromName('x')).toBe(uuidFromName('x'));
    expect(uuidFromName('x')).not.toBe(uuidFromName('y'));
    expect(identity('ann').id).toMatch(UUID_V4);
    expect(box('T', 'someone').id).toMatch(UUID_V4);
  });

  it('a test seed in three lines: ids, names, clock start and round-robin texts', async () => {
    const ann = identity('ann');
    const ben = identity('ben', { avatarUrl: 'https://a/b.png' });
    const emu = await startEmulator({
      seed: {
        identities: [ann, ben],
        boxes: [
          box('T', ann, { accessMode: 'public', events: [text(ann), ...texts(3, ann, ben)] }),
        ],
        clockStart: '2030-01-01T00:00:00Z',
      },
    });
    try {
      const list = (
        await call(emu, 'GET', eventsPath(box('T', ann).id, '?limit=0'), { token: ann.token })
      ).json as EventDto[];
      expect(list.map((e) => [e.type, e.sender.display_name])).toEqual([
        ['msg.text', 'Ann'],
        ['msg.text', 'Ben'],
        ['msg.text', 'Ann'],
        ['msg.text', 'Ann'],
        ['state.access_mode', 'Ann'],
        ['create', 'Ann'],
      ]);
      expect(list[5]?.server_event_created_at).toBe('2030-01-01T00:00:00Z');
      expect(list[4]?.server_event_created_at).toBe('2030-01-01T00:00:01.234567Z');
      expect(list[1]?.sender.avatar_url).toBe('https://a/b.png');
    } finally {
      await emu.close();
    }
  });

  it('refuses a seed with the same box twice', () => {
    const ann = identity('ann');
    expect(() =>
      storeFromSeed({ identities: [ann], boxes: [box('T', ann), box('T', ann)] }),
    ).toThrow(TypeError);
  });
});
