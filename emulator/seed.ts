// The fixed demo data (graphql-api.md §9). Everything here is a constant so that a README query
// pasted by a newcomer, and every test assertion, sees the same ids, names and timestamps.
import { counterUuid } from './clock';
import {
  accessAdd,
  accessRm,
  file,
  identity,
  join,
  keyShare,
  kick,
  leave,
  read,
  remove,
  edit,
  text,
} from './seed-builders';
import { SEED_ORG_ID } from './seed-loader';
import type { Seed, SeedEvent, SeedIdentity } from './seed-types';

export type { Seed } from './seed-types';

export const DEMO_TOKENS = { alice: 'demo-alice', bob: 'demo-bob', eve: 'demo-eve' } as const;

/**
 * The same bob and eve after a password sign-in: ACR 2, which the box list, box creation and
 * deletion need (upstream-api.md §13.1). demo-alice is ACR 2 already.
 */
export const DEMO_ACR2_TOKENS = { bob: 'demo-bob-acr2', eve: 'demo-eve-acr2' } as const;

/** GET /auth/userinfo `aid` of the three demo users (the others have no account: ''). */
export const DEMO_ACCOUNT_IDS = {
  alice: 'acc00000-0000-4000-8000-000000000001',
  bob: 'acc00000-0000-4000-8000-000000000002',
  eve: 'acc00000-0000-4000-8000-000000000003',
} as const;

/** The `other_share_hash` of box 1's key share: GET /boxes/<welcome>/public?other_share_hash=… */
export const DEMO_SHARE_HASH = Buffer.from('welcome-invitation').toString('base64url');

/** Extra demo callers: carol joined box 1 then left; dave was kicked from box 1; a machine; a foreign-client user. */
export const DEMO_EXTRA_TOKENS = {
  carol: 'demo-carol',
  dave: 'demo-dave',
  machine: 'demo-machine',
  otherClient: 'demo-other-client',
} as const;

export const DEMO_BOX_IDS = {
  welcome: 'b0000000-0000-4000-8000-000000000001',
  archive: 'b0000000-0000-4000-8000-000000000002',
  closed: 'b0000000-0000-4000-8000-000000000003',
} as const;

export const DEMO_IDENTITY_IDS = {
  alice: 'a11ce000-0000-4000-8000-000000000001',
  bob: 'b0b00000-0000-4000-8000-000000000002',
  eve: 'e0e00000-0000-4000-8000-000000000003',
  carol: 'ca201000-0000-4000-8000-000000000004',
  dave: 'da0e0000-0000-4000-8000-000000000005',
  machine: '3ac41e00-0000-4000-8000-000000000006',
  otherClient: '07e10000-0000-4000-8000-000000000007',
} as const;

export const DEMO_NAMES = {
  alice: 'Alice Martin',
  bob: 'Bob Durand',
  eve: 'Eve Moreau',
  carol: 'Carol Petit',
  dave: 'Dave Bernard',
  machine: 'Acme Robot',
  otherClient: 'Olga Outsider',
} as const;

export const DEMO_AVATAR_URLS = { alice: 'https://avatars.example.com/alice.png' } as const;

/** Ids of the notable box-1 events, for tests that edit, delete or assert them. */
export const DEMO_EVENT_IDS = {
  welcomeText: counterUuid('d', 1),
  editedText: counterUuid('d', 2),
  deletedText: counterUuid('d', 3),
  savedFile: counterUuid('d', 4),
  deletedFile: counterUuid('d', 5),
  bobJoinWelcome: counterUuid('d', 6),
  bobJoinClosed: counterUuid('d', 7),
  bobAccessClosed: counterUuid('d', 8),
  carolAccessClosed: counterUuid('d', 9),
  daveAccessWelcome: counterUuid('d', 10),
  latestWelcomeText: counterUuid('d', 11),
  closedFile: counterUuid('d', 12),
} as const;

/**
 * Every file's bytes are seededFileBytes(fileId). The archive's 300 files take f…001 to f…12c,
 * so its 161st and 162nd share their ids with `saved` and `deleted`: the deleted one stays
 * downloadable by the archive's members (a blob goes with the last event naming it, D9).
 */
export const DEMO_FILE_IDS = {
  saved: counterUuid('f', 0xa1),
  deleted: counterUuid('f', 0xa2),
  closed: counterUuid('f', 0xc10),
} as const;

/**
 * Unread counts of the demo seed (upstream-api.md §13.8, the `read` points below): alice 3 in
 * Welcome, 0 in Archive, 3 in Closed circle; bob 4 in Welcome, 5 in Archive; eve is in no box.
 */
export const DEMO_UNREAD = {
  alice: { welcome: 3, archive: 0, closed: 3 },
  bob: { welcome: 4, archive: 5 },
} as const;

/** Sizes of box 2, built in a loop so start-up stays fast. */
export const ARCHIVE_TEXTS = 1200;
export const ARCHIVE_FILES = 300;

function demoIdentities(): SeedIdentity[] {
  const I = DEMO_IDENTITY_IDS;
  const N = DEMO_NAMES;
  return [
    identity('alice', {
      id: I.alice,
      displayName: N.alice,
      token: DEMO_TOKENS.alice,
      acr: 2,
      avatarUrl: DEMO_AVATAR_URLS.alice,
      accountId: DEMO_ACCOUNT_IDS.alice,
    }),
    identity('bob', {
      id: I.bob,
      displayName: N.bob,
      token: DEMO_TOKENS.bob,
      extraTokens: [{ token: DEMO_ACR2_TOKENS.bob, acr: 2 }],
      accountId: DEMO_ACCOUNT_IDS.bob,
    }),
    identity('eve', {
      id: I.eve,
      displayName: N.eve,
      token: DEMO_TOKENS.eve,
      extraTokens: [{ token: DEMO_ACR2_TOKENS.eve, acr: 2 }],
      accountId: DEMO_ACCOUNT_IDS.eve,
    }),
    identity('carol', { id: I.carol, displayName: N.carol, token: DEMO_EXTRA_TOKENS.carol }),
    identity('dave', { id: I.dave, displayName: N.dave, token: DEMO_EXTRA_TOKENS.dave }),
    identity('machine', {
      id: I.machine,
      displayName: N.machine,
      token: DEMO_EXTRA_TOKENS.machine,
      kind: 'machine',
      client: 'other',
      email: '',
      publicKeys: [],
    }),
    identity('olga', {
      id: I.otherClient,
      displayName: N.otherClient,
      token: DEMO_EXTRA_TOKENS.otherClient,
      client: 'other',
      acr: 2,
    }),
  ];
}

/**
 * Box 1 "Welcome" is PUBLIC (state.access_mode first), so eve can join it to demonstrate
 * joinBox. It holds every visible type: create, member.join/leave/kick, msg.text, msg.file,
 * state.access_mode, state.key_share, plus an edited and a deleted text and a deleted file.
 * Dave's kick is what a batch removing his identifier rule produces (§5.2).
 */
function welcomeEvents(): SeedEvent[] {
  const I = DEMO_IDENTITY_IDS;
  const E = DEMO_EVENT_IDS;
  return [
    keyShare(undefined, DEMO_SHARE_HASH),
    join(I.bob, E.bobJoinWelcome),
    text(I.alice, E.welcomeText, Buffer.from('Welcome to the box!').toString('base64url')),
    text(I.bob, undefined, Buffer.from('Hello Alice').toString('base64url')),
    join(I.carol),
    text(I.carol),
    leave(I.carol),
    text(I.bob, E.editedText),
    edit(I.bob, E.editedText, Buffer.from('Hello everyone (edited)').toString('base64url')),
    text(I.alice, E.deletedText),
    remove(I.alice, E.deletedText),
    file(I.alice, E.savedFile, DEMO_FILE_IDS.saved),
    file(I.bob, E.deletedFile, DEMO_FILE_IDS.deleted),
    remove(I.bob, E.deletedFile),
    read(I.bob),
    accessAdd('identifier', 'dave@example.com', E.daveAccessWelcome),
    read(I.alice),
    join(I.dave),
    text(I.dave),
    accessRm(E.daveAccessWelcome),
    kick(I.dave, I.alice),
    text(I.alice, E.latestWelcomeText),
  ];
}

/** Box 2 "Archive": bob joins, then 1,500 messages (every fifth a file), senders alternating. */
function archiveEvents(): SeedEvent[] {
  const I = DEMO_IDENTITY_IDS;
  const events: SeedEvent[] = [join(I.bob)];
  const total = ARCHIVE_TEXTS + ARCHIVE_FILES;
  for (let i = 0; i < total; i += 1) {
    const by = i % 2 === 0 ? I.alice : I.bob;
    events.push(i % 5 === 4 ? file(by) : text(by));
  }
  // bob read all but the last ten messages (five of them alice's); alice read everything.
  events.splice(events.length - 10, 0, read(I.bob));
  events.push(read(I.alice));
  return events;
}

/**
 * Box 3 "Closed circle": limited (no access-mode event: limited is the default) with one
 * identifier rule left (carol's); bob joined on his own rule, which the admin then removed, and
 * the batch's kick pass kicked him. Then alice shared a file, which bob may not download.
 */
function closedEvents(): SeedEvent[] {
  const I = DEMO_IDENTITY_IDS;
  const E = DEMO_EVENT_IDS;
  return [
    accessAdd('identifier', 'carol@example.com', E.carolAccessClosed),
    accessAdd('identifier', 'bob@example.com', E.bobAccessClosed),
    join(I.bob, E.bobJoinClosed),
    text(I.bob),
    text(I.alice),
    accessRm(E.bobAccessClosed),
    kick(I.bob, I.alice),
    // Last, so every earlier event keeps its timestamp; explicit ids and payload consume no counter.
    file(I.alice, E.closedFile, DEMO_FILE_IDS.closed, {
      encrypted: Buffer.from('Minutes of the last meeting').toString('base64url'),
    }),
  ];
}

export function demoSeed(): Seed {
  const I = DEMO_IDENTITY_IDS;
  return {
    orgId: SEED_ORG_ID,
    identities: demoIdentities(),
    boxes: [
      {
        id: DEMO_BOX_IDS.welcome,
        title: 'Welcome',
        creator: I.alice,
        accessMode: 'public',
        events: welcomeEvents(),
      },
      { id: DEMO_BOX_IDS.archive, title: 'Archive', creator: I.alice, events: archiveEvents() },
      { id: DEMO_BOX_IDS.closed, title: 'Closed circle', creator: I.alice, events: closedEvents() },
    ],
    savedFiles: [{ identity: I.bob, fileId: DEMO_FILE_IDS.saved }],
  };
}
