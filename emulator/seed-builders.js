"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.accessRm = exports.accessAdd = exports.keyShare = exports.accessMode = exports.remove = exports.edit = exports.file = exports.text = exports.kick = exports.leave = exports.join = void 0;
exports.uuidFromName = uuidFromName;
exports.identity = identity;
exports.box = box;
exports.texts = texts;
// Small constructors so a test can write its own seed in a few lines:
//
//   const ann = identity('ann', { acr: 2 });
//   const ben = identity('ben');
//   const seed = { identities: [ann, ben], boxes: [box('Test', ann, { events: [join(ben), text(ben)] })] };
//
// Ids derive from names (a hash shaped as a UUID v4), so they are stable across runs.
const node_crypto_1 = require("node:crypto");
const idOf = (who) => (typeof who === 'string' ? who : who.id);
/** A lowercase UUID v4 derived from a string: same input, same id. */
function uuidFromName(name) {
    const hex = (0, node_crypto_1.createHash)('sha256').update(name).digest('hex');
    const variant = '89ab'[parseInt(hex[16], 16) % 4];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
/** A self-client user with ACR 1, email `<name>@example.com`, token `token-<name>`, one public key. */
function identity(name, overrides = {}) {
    return {
        id: uuidFromName(`identity:${name}`),
        displayName: name.charAt(0).toUpperCase() + name.slice(1),
        token: `token-${name}`,
        acr: 1,
        kind: 'user',
        client: 'self',
        email: `${name}@example.com`,
        avatarUrl: null,
        publicKeys: [`pk-${name}`],
        ...overrides,
    };
}
function box(title, creator, overrides = {}) {
    return { id: uuidFromName(`box:${title}`), title, creator: idOf(creator), ...overrides };
}
const join = (who, id) => ({
    type: 'member.join',
    by: idOf(who),
    id,
});
exports.join = join;
const leave = (who, id) => ({
    type: 'member.leave',
    by: idOf(who),
    id,
});
exports.leave = leave;
const kick = (member, by, id) => ({
    type: 'member.kick',
    member: idOf(member),
    by: idOf(by),
    id,
});
exports.kick = kick;
const text = (who, id, encrypted) => ({
    type: 'msg.text',
    by: idOf(who),
    id,
    encrypted,
});
exports.text = text;
const file = (who, id, fileId) => ({
    type: 'msg.file',
    by: idOf(who),
    id,
    fileId,
});
exports.file = file;
const edit = (who, target, encrypted, id) => ({
    type: 'msg.edit',
    by: idOf(who),
    target,
    encrypted,
    id,
});
exports.edit = edit;
const remove = (who, target, id) => ({
    type: 'msg.delete',
    by: idOf(who),
    target,
    id,
});
exports.remove = remove;
const accessMode = (value, id) => ({
    type: 'state.access_mode',
    value,
    id,
});
exports.accessMode = accessMode;
const keyShare = (id) => ({ type: 'state.key_share', id });
exports.keyShare = keyShare;
const accessAdd = (restrictionType, value, id) => ({
    type: 'access.add',
    restrictionType,
    value,
    id,
});
exports.accessAdd = accessAdd;
const accessRm = (target, id) => ({
    type: 'access.rm',
    target,
    id,
});
exports.accessRm = accessRm;
/** `count` text messages, senders taken round-robin from `who`. */
function texts(count, ...who) {
    const out = [];
    for (let i = 0; i < count; i += 1)
        out.push((0, exports.text)(who[i % who.length]));
    return out;
}
