// What committed writes publish on the realtime socket (docs/upstream.md#realtime-socket):
// event.new to the members after commit ∪ the sender, the creator's copy transparent, the POST's
// own view and timestamp plus owner_org_id, edits and deletions as themselves, the kick
// notification first; nothing for failed writes. Each "nothing" is proven with sync(): an ack
// echoed through the same FIFO after everything already published.
import { startEmulator, type Emulator } from '../../emulator';
import { SEED_ORG_ID } from '../../emulator/seed-loader';
import { accessAdd, box, identity, join } from '../../emulator/seed-builders';
import {
  DEMO_BOX_IDS,
  DEMO_EVENT_IDS,
  DEMO_EXTRA_TOKENS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
} from '../../emulator/seed';
import { batchPath, call, eventsPath, useEmulator } from './http';
import { openSocket, sync, type Inbox } from './ws';

const I = DEMO_IDENTITY_IDS;
const WELCOME = DEMO_BOX_IDS.welcome;
const CLOSED = DEMO_BOX_IDS.closed;
const TOKEN: Record<string, string> = {
  [I.alice]: DEMO_TOKENS.alice,
  [I.bob]: DEMO_TOKENS.bob,
  [I.eve]: DEMO_TOKENS.eve,
  [I.carol]: DEMO_EXTRA_TOKENS.carol,
  [I.dave]: DEMO_EXTRA_TOKENS.dave,
};
const textBody = (encrypted = 'aGk') => ({
  type: 'msg.text',
  content: { encrypted, public_key: 'pk' },
});

type Msg = { type: string; object: Record<string, unknown> };

/** One socket per demo identity, keyed by id. */
async function openAll(emu: Emulator): Promise<Record<string, Inbox>> {
  const out: Record<string, Inbox> = {};
  for (const [id, token] of Object.entries(TOKEN)) out[id] = await openSocket(emu, id, { token });
  return out;
}

/** Every inbox's messages since its last sync, by identity id. */
async function syncAll(inboxes: Record<string, Inbox>): Promise<Record<string, Msg[]>> {
  const out: Record<string, Msg[]> = {};
  for (const [id, inbox] of Object.entries(inboxes)) out[id] = await sync(inbox, id);
  return out;
}

const transparentView = (view: Record<string, unknown>, email: string) => ({
  ...view,
  identifier_value: email,
  identifier_kind: 'email',
});

async function post(emu: Emulator, who: string, boxId: string, body: unknown) {
  const res = await call(emu, 'POST', eventsPath(boxId), { token: TOKEN[who], body });
  expect(res.status).toBe(201);
  return { text: res.text, json: res.json as Record<string, unknown> };
}

describe('realtime publishing', () => {
  const emu = useEmulator();
  let inboxes: Record<string, Inbox>;
  beforeEach(async () => {
    inboxes = await openAll(emu());
  });

  it('msg.text: the POST view byte for byte plus owner_org_id, to members and sender only; the creator sees identifiers', async () => {
    const posted = await post(emu(), I.bob, WELCOME, textBody());
    const got = await syncAll(inboxes);
    const expected = `{"type":"event.new","object":${posted.text.slice(0, -1)},"owner_org_id":"${SEED_ORG_ID}"}}`;
    expect(inboxes[I.bob]?.frames.map((f) => [f.text, f.binary])[0]).toEqual([expected, false]);
    const sender = posted.json.sender as Record<string, unknown>;
    expect(got).toEqual({
      [I.alice]: [
        {
          type: 'event.new',
          object: {
            ...posted.json,
            sender: transparentView(sender, 'bob@example.com'),
            owner_org_id: SEED_ORG_ID,
          },
        },
      ],
      [I.bob]: [JSON.parse(expected)],
      [I.eve]: [],
      [I.carol]: [],
      [I.dave]: [],
    });
    // Same nanosecond string as the POST response (§9.8 #18), in the object's key order.
    expect(Object.keys(got[I.alice]?.[0]?.object ?? {})).toEqual([
      'type',
      'content',
      'box_id',
      'id',
      'server_event_created_at',
      'referrer_id',
      'sender',
      'owner_org_id',
    ]);
  });

  it('msg.edit and msg.delete arrive as themselves, never folded into the message', async () => {
    const message = await post(emu(), I.bob, WELCOME, textBody());
    const id = message.json.id as string;
    await syncAll(inboxes);
    const edit = await post(emu(), I.bob, WELCOME, {
      type: 'msg.edit',
      referrer_id: id,
      content: { new_encrypted: 'ZWRpdGVk', new_public_key: 'pk2' },
    });
    const del = await post(emu(), I.alice, WELCOME, { type: 'msg.delete', referrer_id: id });
    const bob = (await sync(inboxes[I.bob] as Inbox, I.bob)).map((m) => m.object);
    expect(bob).toEqual([
      { ...edit.json, owner_org_id: SEED_ORG_ID },
      { ...del.json, owner_org_id: SEED_ORG_ID },
    ]);
    expect(bob.map((o) => [o.type, o.content, o.referrer_id])).toEqual([
      ['msg.edit', { new_encrypted: 'ZWRpdGVk', new_public_key: 'pk2' }, id],
      ['msg.delete', null, id],
    ]);
  });

  it('member.join reaches the joiner and the members; the access.add the join writes publishes nothing', async () => {
    const joined = await post(emu(), I.eve, WELCOME, { type: 'member.join' });
    const got = await syncAll(inboxes);
    const types = (id: string) => got[id]?.map((m) => `${m.type}:${m.object.type}:${m.object.id}`);
    const one = [`event.new:member.join:${joined.json.id as string}`];
    expect([types(I.alice), types(I.bob), types(I.eve), types(I.carol), types(I.dave)]).toEqual([
      one,
      one,
      one,
      [],
      [],
    ]);
    await post(emu(), I.alice, WELCOME, textBody());
    expect((await sync(inboxes[I.eve] as Inbox, I.eve)).map((m) => m.object.type)).toEqual([
      'msg.text',
    ]);
  });

  it('member.leave reaches the leaver, who then gets nothing more from that box', async () => {
    const left = await post(emu(), I.bob, WELCOME, { type: 'member.leave' });
    expect(left.json.referrer_id).toBe(DEMO_EVENT_IDS.bobJoinWelcome);
    const bobGot = await sync(inboxes[I.bob] as Inbox, I.bob);
    expect(bobGot.map((m) => m.object)).toEqual([{ ...left.json, owner_org_id: SEED_ORG_ID }]);
    await post(emu(), I.alice, WELCOME, textBody());
    const got = await syncAll(inboxes);
    expect([got[I.bob], got[I.alice]?.map((m) => m.object.type)]).toEqual([
      [],
      ['member.leave', 'msg.text'],
    ]);
  });

  it('state.access_mode publishes; state.key_share does not', async () => {
    await post(emu(), I.alice, WELCOME, {
      type: 'state.key_share',
      extra: { misakey_share: 'a', other_share_hash: 'b', encrypted_invitation_key_share: 'c' },
    });
    const mode = await post(emu(), I.alice, WELCOME, {
      type: 'state.access_mode',
      content: { value: 'limited' },
    });
    const got = await syncAll(inboxes);
    expect([
      got[I.alice]?.map((m) => m.object.id),
      got[I.bob]?.map((m) => m.object.id),
      got[I.eve],
    ]).toEqual([[mode.json.id], [mode.json.id], []]);
  });

  it('a kick: the kicked member gets the notification, then the kick as sender, then nothing from that box', async () => {
    const joined = await post(emu(), I.carol, CLOSED, { type: 'member.join' });
    await syncAll(inboxes);
    const batch = await call(emu(), 'POST', batchPath(CLOSED), {
      token: DEMO_TOKENS.alice,
      body: {
        batch_type: 'accesses',
        events: [{ type: 'access.rm', referrer_id: DEMO_EVENT_IDS.carolAccessClosed }],
      },
    });
    expect(batch.status).toBe(201);
    const [rm, kick] = batch.json as Array<Record<string, unknown>>;
    expect([rm?.type, kick?.type, kick?.referrer_id]).toEqual([
      'access.rm',
      'member.kick',
      joined.json.id,
    ]);
    const got = await syncAll(inboxes);
    expect(got[I.carol]).toEqual([
      {
        type: 'notification',
        object: {
          id: 1,
          type: 'member.kick',
          details: { id: CLOSED, title: 'Closed circle', owner_org_id: SEED_ORG_ID },
          created_at: kick?.server_event_created_at,
          acknowledged_at: null,
        },
      },
      { type: 'event.new', object: { ...kick, owner_org_id: SEED_ORG_ID } },
    ]);
    const kicker = (kick?.content as { kicker: Record<string, unknown> }).kicker;
    expect(got[I.alice]).toEqual([
      {
        type: 'event.new',
        object: {
          ...kick,
          content: { kicker: transparentView(kicker, 'alice@example.com') },
          sender: transparentView(kick?.sender as Record<string, unknown>, 'carol@example.com'),
          owner_org_id: SEED_ORG_ID,
        },
      },
    ]);
    expect([got[I.bob], got[I.eve]]).toEqual([[], []]);
    await post(emu(), I.alice, CLOSED, textBody());
    expect(await sync(inboxes[I.carol] as Inbox, I.carol)).toEqual([]);
  });

  it('writes that fail publish nothing: a refused POST, a faulted POST, a rolled-back batch', async () => {
    const refused = await call(emu(), 'POST', eventsPath(WELCOME), {
      token: DEMO_TOKENS.eve,
      body: textBody(),
    });
    expect(refused.status).toBe(403);
    emu().failNext({ method: 'POST', fault: { kind: 'status', status: 500 } });
    expect(
      (await call(emu(), 'POST', eventsPath(WELCOME), { token: DEMO_TOKENS.bob, body: textBody() }))
        .status,
    ).toBe(500);
    // Carol joins box 3, then a batch that would kick her fails on its second element.
    await post(emu(), I.carol, CLOSED, { type: 'member.join' });
    await syncAll(inboxes);
    const batch = await call(emu(), 'POST', batchPath(CLOSED), {
      token: DEMO_TOKENS.alice,
      body: {
        batch_type: 'accesses',
        events: [
          { type: 'access.rm', referrer_id: DEMO_EVENT_IDS.carolAccessClosed },
          { type: 'access.rm', referrer_id: DEMO_EVENT_IDS.carolAccessClosed },
        ],
      },
    });
    expect(batch.status).toBe(404);
    expect(Object.values(await syncAll(inboxes))).toEqual([[], [], [], [], []]);
  });

  it('per recipient in commit order', async () => {
    const ids: unknown[] = [];
    for (let i = 0; i < 20; i += 1)
      ids.push((await post(emu(), i % 2 ? I.alice : I.bob, WELCOME, textBody())).json.id);
    const got = await syncAll(inboxes);
    expect([got[I.alice]?.map((m) => m.object.id), got[I.bob]?.map((m) => m.object.id)]).toEqual([
      ids,
      ids,
    ]);
  });
});

describe('realtime publishing: one batch kicking several members', () => {
  const ann = identity('ann', { acr: 2 });
  const ben = identity('ben');
  const cy = identity('cy');
  const ruleBen = '0b000000-0000-4000-8000-00000000000b';
  const ruleCy = '0c000000-0000-4000-8000-00000000000c';
  const theBox = box('Team', ann, {
    events: [
      accessAdd('identifier', 'ben@example.com', ruleBen),
      accessAdd('identifier', 'cy@example.com', ruleCy),
      join(ben),
      join(cy),
    ],
  });
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ seed: { identities: [ann, ben, cy], boxes: [theBox] } });
  });
  afterEach(() => emu.close());

  it('each kicked member gets only its own notification and kick (no stale-cache leak); the admin gets both kicks in order', async () => {
    const sockets = {
      ann: await openSocket(emu, ann.id, { token: ann.token }),
      ben: await openSocket(emu, ben.id, { token: ben.token }),
      cy: await openSocket(emu, cy.id, { token: cy.token }),
    };
    const batch = await call(emu, 'POST', batchPath(theBox.id), {
      token: ann.token,
      body: {
        batch_type: 'accesses',
        events: [
          { type: 'access.rm', referrer_id: ruleBen },
          { type: 'access.rm', referrer_id: ruleCy },
        ],
      },
    });
    expect(batch.status).toBe(201);
    const kicks = (batch.json as Array<Record<string, unknown>>).filter(
      (e) => e.type === 'member.kick',
    );
    expect(kicks.map((k) => (k.sender as { id: string }).id)).toEqual([ben.id, cy.id]);
    const summary = (msgs: Msg[]) =>
      msgs.map((m) =>
        m.type === 'notification'
          ? `notification:${m.object.id as number}`
          : `kick:${(m.object.sender as { id: string }).id}`,
      );
    expect({
      ann: summary(await sync(sockets.ann, ann.id)),
      ben: summary(await sync(sockets.ben, ben.id)),
      cy: summary(await sync(sockets.cy, cy.id)),
    }).toEqual({
      ann: [`kick:${ben.id}`, `kick:${cy.id}`],
      ben: ['notification:1', `kick:${ben.id}`],
      cy: ['notification:2', `kick:${cy.id}`],
    });
  });

  it('a batch of access.add alone publishes nothing', async () => {
    const annSocket = await openSocket(emu, ann.id, { token: ann.token });
    const batch = await call(emu, 'POST', batchPath(theBox.id), {
      token: ann.token,
      body: {
        batch_type: 'accesses',
        events: [
          {
            type: 'access.add',
            content: { restriction_type: 'email_domain', value: 'example.org' },
          },
        ],
      },
    });
    expect(batch.status).toBe(201);
    expect(await sync(annSocket, ann.id)).toEqual([]);
  });
});
