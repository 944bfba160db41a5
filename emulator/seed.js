"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ARCHIVE_FILES = exports.ARCHIVE_TEXTS = exports.DEMO_FILE_IDS = exports.DEMO_EVENT_IDS = exports.DEMO_AVATAR_URLS = exports.DEMO_NAMES = exports.DEMO_IDENTITY_IDS = exports.DEMO_BOX_IDS = exports.DEMO_EXTRA_TOKENS = exports.DEMO_TOKENS = void 0;
exports.demoSeed = demoSeed;
// The fixed demo data (graphql-api.md §9). Everything here is a constant so that a README query
// pasted by a newcomer, and every test assertion, sees the same ids, names and timestamps.
const clock_1 = require("./clock");
const seed_builders_1 = require("./seed-builders");
exports.DEMO_TOKENS = { alice: 'demo-alice', bob: 'demo-bob', eve: 'demo-eve' };
/** Extra demo callers: carol joined box 1 then left; dave was kicked from box 1; a machine; a foreign-client user. */
exports.DEMO_EXTRA_TOKENS = {
    carol: 'demo-carol',
    dave: 'demo-dave',
    machine: 'demo-machine',
    otherClient: 'demo-other-client',
};
exports.DEMO_BOX_IDS = {
    welcome: 'b0000000-0000-4000-8000-000000000001',
    archive: 'b0000000-0000-4000-8000-000000000002',
    closed: 'b0000000-0000-4000-8000-000000000003',
};
exports.DEMO_IDENTITY_IDS = {
    alice: 'a11ce000-0000-4000-8000-000000000001',
    bob: 'b0b00000-0000-4000-8000-000000000002',
    eve: 'e0e00000-0000-4000-8000-000000000003',
    carol: 'ca201000-0000-4000-8000-000000000004',
    dave: 'da0e0000-0000-4000-8000-000000000005',
    machine: '3ac41e00-0000-4000-8000-000000000006',
    otherClient: '07e10000-0000-4000-8000-000000000007',
};
exports.DEMO_NAMES = {
    alice: 'Alice Martin',
    bob: 'Bob Durand',
    eve: 'Eve Moreau',
    carol: 'Carol Petit',
    dave: 'Dave Bernard',
    machine: 'Acme Robot',
    otherClient: 'Olga Outsider',
};
exports.DEMO_AVATAR_URLS = { alice: 'https://avatars.example.com/alice.png' };
/** Ids of the notable box-1 events, for tests that edit, delete or assert them. */
exports.DEMO_EVENT_IDS = {
    welcomeText: (0, clock_1.counterUuid)('d', 1),
    editedText: (0, clock_1.counterUuid)('d', 2),
    deletedText: (0, clock_1.counterUuid)('d', 3),
    savedFile: (0, clock_1.counterUuid)('d', 4),
    deletedFile: (0, clock_1.counterUuid)('d', 5),
    bobJoinWelcome: (0, clock_1.counterUuid)('d', 6),
    bobJoinClosed: (0, clock_1.counterUuid)('d', 7),
    bobAccessClosed: (0, clock_1.counterUuid)('d', 8),
    carolAccessClosed: (0, clock_1.counterUuid)('d', 9),
    daveAccessWelcome: (0, clock_1.counterUuid)('d', 10),
    latestWelcomeText: (0, clock_1.counterUuid)('d', 11),
};
exports.DEMO_FILE_IDS = {
    saved: (0, clock_1.counterUuid)('f', 0xa1),
    deleted: (0, clock_1.counterUuid)('f', 0xa2),
};
/** Sizes of box 2, built in a loop so start-up stays fast. */
exports.ARCHIVE_TEXTS = 1200;
exports.ARCHIVE_FILES = 300;
function demoIdentities() {
    const I = exports.DEMO_IDENTITY_IDS;
    const N = exports.DEMO_NAMES;
    return [
        (0, seed_builders_1.identity)('alice', {
            id: I.alice,
            displayName: N.alice,
            token: exports.DEMO_TOKENS.alice,
            acr: 2,
            avatarUrl: exports.DEMO_AVATAR_URLS.alice,
        }),
        (0, seed_builders_1.identity)('bob', { id: I.bob, displayName: N.bob, token: exports.DEMO_TOKENS.bob }),
        (0, seed_builders_1.identity)('eve', { id: I.eve, displayName: N.eve, token: exports.DEMO_TOKENS.eve }),
        (0, seed_builders_1.identity)('carol', { id: I.carol, displayName: N.carol, token: exports.DEMO_EXTRA_TOKENS.carol }),
        (0, seed_builders_1.identity)('dave', { id: I.dave, displayName: N.dave, token: exports.DEMO_EXTRA_TOKENS.dave }),
        (0, seed_builders_1.identity)('machine', {
            id: I.machine,
            displayName: N.machine,
            token: exports.DEMO_EXTRA_TOKENS.machine,
            kind: 'machine',
            client: 'other',
            email: '',
            publicKeys: [],
        }),
        (0, seed_builders_1.identity)('olga', {
            id: I.otherClient,
            displayName: N.otherClient,
            token: exports.DEMO_EXTRA_TOKENS.otherClient,
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
function welcomeEvents() {
    const I = exports.DEMO_IDENTITY_IDS;
    const E = exports.DEMO_EVENT_IDS;
    return [
        (0, seed_builders_1.keyShare)(),
        (0, seed_builders_1.join)(I.bob, E.bobJoinWelcome),
        (0, seed_builders_1.text)(I.alice, E.welcomeText, Buffer.from('Welcome to the box!').toString('base64url')),
        (0, seed_builders_1.text)(I.bob, undefined, Buffer.from('Hello Alice').toString('base64url')),
        (0, seed_builders_1.join)(I.carol),
        (0, seed_builders_1.text)(I.carol),
        (0, seed_builders_1.leave)(I.carol),
        (0, seed_builders_1.text)(I.bob, E.editedText),
        (0, seed_builders_1.edit)(I.bob, E.editedText, Buffer.from('Hello everyone (edited)').toString('base64url')),
        (0, seed_builders_1.text)(I.alice, E.deletedText),
        (0, seed_builders_1.remove)(I.alice, E.deletedText),
        (0, seed_builders_1.file)(I.alice, E.savedFile, exports.DEMO_FILE_IDS.saved),
        (0, seed_builders_1.file)(I.bob, E.deletedFile, exports.DEMO_FILE_IDS.deleted),
        (0, seed_builders_1.remove)(I.bob, E.deletedFile),
        (0, seed_builders_1.accessAdd)('identifier', 'dave@example.com', E.daveAccessWelcome),
        (0, seed_builders_1.join)(I.dave),
        (0, seed_builders_1.text)(I.dave),
        (0, seed_builders_1.accessRm)(E.daveAccessWelcome),
        (0, seed_builders_1.kick)(I.dave, I.alice),
        (0, seed_builders_1.text)(I.alice, E.latestWelcomeText),
    ];
}
/** Box 2 "Archive": bob joins, then 1,500 messages (every fifth a file), senders alternating. */
function archiveEvents() {
    const I = exports.DEMO_IDENTITY_IDS;
    const events = [(0, seed_builders_1.join)(I.bob)];
    const total = exports.ARCHIVE_TEXTS + exports.ARCHIVE_FILES;
    for (let i = 0; i < total; i += 1) {
        const by = i % 2 === 0 ? I.alice : I.bob;
        events.push(i % 5 === 4 ? (0, seed_builders_1.file)(by) : (0, seed_builders_1.text)(by));
    }
    return events;
}
/**
 * Box 3 "Closed circle": limited (no access-mode event: limited is the default) with one
 * identifier rule left (carol's); bob joined on his own rule, which the admin then removed, and
 * the batch's kick pass kicked him.
 */
function closedEvents() {
    const I = exports.DEMO_IDENTITY_IDS;
    const E = exports.DEMO_EVENT_IDS;
    return [
        (0, seed_builders_1.accessAdd)('identifier', 'carol@example.com', E.carolAccessClosed),
        (0, seed_builders_1.accessAdd)('identifier', 'bob@example.com', E.bobAccessClosed),
        (0, seed_builders_1.join)(I.bob, E.bobJoinClosed),
        (0, seed_builders_1.text)(I.bob),
        (0, seed_builders_1.text)(I.alice),
        (0, seed_builders_1.accessRm)(E.bobAccessClosed),
        (0, seed_builders_1.kick)(I.bob, I.alice),
    ];
}
function demoSeed() {
    const I = exports.DEMO_IDENTITY_IDS;
    return {
        identities: demoIdentities(),
        boxes: [
            {
                id: exports.DEMO_BOX_IDS.welcome,
                title: 'Welcome',
                creator: I.alice,
                accessMode: 'public',
                events: welcomeEvents(),
            },
            { id: exports.DEMO_BOX_IDS.archive, title: 'Archive', creator: I.alice, events: archiveEvents() },
            { id: exports.DEMO_BOX_IDS.closed, title: 'Closed circle', creator: I.alice, events: closedEvents() },
        ],
        savedFiles: [{ identity: I.bob, fileId: exports.DEMO_FILE_IDS.saved }],
    };
}
