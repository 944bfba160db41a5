// What reads return for each event (§3, §7): folding of edits and deletes, is_saved per caller,
// kicker views, null contents, opaque identity views, and the write-only `extra`.
import type { EventDto } from '../../src/upstream/upstream-types';
import {
  DEMO_AVATAR_URLS,
  DEMO_BOX_IDS,
  DEMO_EVENT_IDS,
  DEMO_FILE_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_NAMES,
  DEMO_TOKENS,
} from '../../emulator/seed';
import { box, identity, kick, join, text, remove, accessMode } from '../../emulator/seed-builders';
import { call, eventsPath, filesPath, useEmulator } from './http';

const { welcome: WELCOME } = DEMO_BOX_IDS;
const { alice, bob } = DEMO_TOKENS;
const ids = DEMO_IDENTITY_IDS;

const view = (who: 'alice' | 'bob' | 'carol' | 'dave') => ({
  id: ids[who],
  display_name: DEMO_NAMES[who],
  avatar_url: who === 'alice' ? DEMO_AVATAR_URLS.alice : null,
  identifier_value: '',
  identifier_kind: '',
});

async function listAll(
  emu: Parameters<typeof call>[0],
  token: string,
  path = eventsPath(WELCOME, '?limit=0'),
) {
  return (await call(emu, 'GET', path, { token })).json as EventDto[];
}
const byId = (events: EventDto[], id: string) => events.find((e) => e.id === id) as EventDto;

describe('event views on read (§3.1, §7)', () => {
  const emu = useEmulator();

  it('every element has exactly the seven view keys, in order, and never `extra`', async () => {
    for (const event of await listAll(emu(), alice)) {
      expect(Object.keys(event)).toEqual([
        'type',
        'content',
        'box_id',
        'id',
        'server_event_created_at',
        'referrer_id',
        'sender',
      ]);
      expect(Object.keys(event.sender)).toEqual([
        'id',
        'display_name',
        'avatar_url',
        'identifier_value',
        'identifier_kind',
      ]);
      expect(event.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(event.server_event_created_at).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,5}[1-9])?Z$/,
      );
      expect(event.sender.identifier_value).toBe('');
    }
  });

  it('folds the latest edit into an edited text; id, sender and time stay the original ones', async () => {
    const events = await listAll(emu(), bob);
    const edited = byId(events, DEMO_EVENT_IDS.editedText);
    expect(edited.sender).toEqual(view('bob'));
    expect(edited.content).toEqual({
      encrypted: Buffer.from('Hello everyone (edited)').toString('base64url'),
      public_key: 'edit-key',
      last_edited_at: expect.stringMatching(/^2021-03-01T09:00:\d\d\.\d+Z$/),
    });
    const lastEdited = Date.parse((edited.content as { last_edited_at: string }).last_edited_at);
    expect(lastEdited).toBeGreaterThan(Date.parse(edited.server_event_created_at));
  });

  it('renders a deleted text as deleted, with the zero at_time and the deleter', async () => {
    const deleted = byId(await listAll(emu(), bob), DEMO_EVENT_IDS.deletedText);
    expect(deleted.content).toEqual({
      deleted: { at_time: '0001-01-01T00:00:00Z', by_identity: view('alice') },
    });
  });

  it('keeps a deleted file in /events (as deleted) but drops it from /files', async () => {
    const deleted = byId(await listAll(emu(), bob), DEMO_EVENT_IDS.deletedFile);
    expect(deleted.content).toEqual({
      deleted: { at_time: '0001-01-01T00:00:00Z', by_identity: view('bob') },
    });
    const files = await listAll(emu(), bob, filesPath(WELCOME, '?limit=0'));
    expect(files.map((f) => f.id)).toEqual([DEMO_EVENT_IDS.savedFile]);
  });

  it.each([
    ['bob, who saved it', bob, true],
    ['alice, who did not', alice, false],
  ])('is_saved is per caller: %s', async (_who, token, saved) => {
    for (const path of [eventsPath(WELCOME, '?limit=0'), filesPath(WELCOME, '?limit=0')]) {
      const file = byId(await listAll(emu(), token, path), DEMO_EVENT_IDS.savedFile);
      expect(file.content).toEqual({
        encrypted: expect.any(String),
        public_key: 'message-key',
        encrypted_file_id: DEMO_FILE_IDS.saved,
        is_saved: saved,
      });
    }
  });

  it('member.kick: sender is the kicked member, referrer their join, content the kicker view', async () => {
    const events = await listAll(emu(), alice);
    const kicks = events.filter((e) => e.type === 'member.kick');
    expect(kicks).toHaveLength(1);
    const join = events.find(
      (e) => e.type === 'member.join' && e.sender.id === ids.dave,
    ) as EventDto;
    expect(kicks[0]).toMatchObject({
      sender: view('dave'),
      referrer_id: join.id,
      content: { kicker: view('alice') },
    });
  });

  it('member.leave refers to the join; join, leave and key_share contents are null', async () => {
    const events = await listAll(emu(), alice);
    const carolJoin = events.find(
      (e) => e.type === 'member.join' && e.sender.id === ids.carol,
    ) as EventDto;
    const leave = events.find((e) => e.type === 'member.leave') as EventDto;
    expect(leave).toMatchObject({
      sender: view('carol'),
      referrer_id: carolJoin.id,
      content: null,
    });
    expect(carolJoin.content).toBeNull();
    expect(events.find((e) => e.type === 'state.key_share')?.content).toBeNull();
    expect(events.find((e) => e.type === 'state.access_mode')?.content).toEqual({
      value: 'public',
    });
  });

  it('create carries its stored content', async () => {
    const events = await listAll(emu(), alice);
    expect(events[events.length - 1]).toMatchObject({
      type: 'create',
      referrer_id: null,
      sender: view('alice'),
      content: {
        owner_org_id: expect.any(String),
        public_key: expect.any(String),
        title: 'Welcome',
      },
    });
  });
});

describe('views of unknown identities (§3.2)', () => {
  const ann = identity('ann');
  const ghost = 'deadbeef-0000-4000-8000-000000000000';
  const emu = useEmulator(() => ({
    identities: [ann],
    boxes: [
      box('Ghosts', ann, {
        events: [
          accessMode('public'),
          join(ghost),
          text(ghost, 'deadbeef-0000-4000-8000-000000000001'),
          kick(ghost, ghost),
        ],
      }),
    ],
  }));

  it('renders a missing identity as the anonymous user everywhere it appears', async () => {
    const events = await listAll(emu(), ann.token, eventsPath(box('Ghosts', ann).id, '?limit=0'));
    const anonymous = {
      id: 'anonymous-user',
      display_name: 'Anonymous User',
      avatar_url: null,
      identifier_value: '',
      identifier_kind: '',
    };
    expect(events[0]).toMatchObject({
      type: 'member.kick',
      sender: anonymous,
      content: { kicker: anonymous },
    });
    expect(events[1]).toMatchObject({ type: 'msg.text', sender: anonymous });
  });
});

describe('folding what was written over HTTP (§7)', () => {
  const ann = identity('ann');
  const ben = identity('ben');
  const msg = 'a0000000-0000-4000-8000-00000000000a';
  const emu = useEmulator(() => ({
    identities: [ann, ben],
    boxes: [
      box('Fold', ann, {
        accessMode: 'public',
        events: [join(ben), text(ben, msg), remove(ben, msg)],
      }),
    ],
  }));
  const boxId = box('Fold', ann).id;

  it('an edit without new_public_key reads back with public_key ""; last_edited_at is the edit time', async () => {
    const posted = await call(emu(), 'POST', eventsPath(boxId), {
      token: ann.token,
      body: { type: 'msg.text', content: { encrypted: 'b3JpZw', public_key: 'k' } },
    });
    const id = (posted.json as EventDto).id;
    const edit = await call(emu(), 'POST', eventsPath(boxId), {
      token: ann.token,
      body: { type: 'msg.edit', referrer_id: id, content: { new_encrypted: 'bmV3' } },
    });
    expect(edit.status).toBe(201);
    const events = await listAll(emu(), ben.token, eventsPath(boxId, '?limit=0'));
    expect(byId(events, id).content).toEqual({
      encrypted: 'bmV3',
      public_key: '',
      last_edited_at: (edit.json as EventDto).server_event_created_at,
    });
    expect(events.some((e) => e.type === 'msg.edit' || e.type === 'msg.delete')).toBe(false);
  });

  it('by_identity is the deleter, here the author', async () => {
    const events = await listAll(emu(), ann.token, eventsPath(boxId, '?limit=0'));
    expect(
      (byId(events, msg).content as { deleted: { by_identity: { id: string } } }).deleted
        .by_identity.id,
    ).toBe(ben.id);
  });
});
