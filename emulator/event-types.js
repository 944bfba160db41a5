"use strict";
// Event type strings (§3.3) and the sets the endpoints filter on.
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnreachableCaseError = exports.BATCH_TYPES = exports.REQUIRES_CONTENT = exports.SINGLE_CREATE_TYPES = exports.VISIBLE_TYPES = exports.EVENT_TYPES = void 0;
exports.EVENT_TYPES = [
    'create',
    'member.join',
    'member.leave',
    'member.kick',
    'msg.text',
    'msg.file',
    'msg.edit',
    'msg.delete',
    'state.access_mode',
    'state.key_share',
    'access.add',
    'access.rm',
];
/** etype.MembersCanSee: what GET/HEAD /events list and count. */
exports.VISIBLE_TYPES = new Set([
    'create',
    'member.join',
    'member.leave',
    'member.kick',
    'msg.text',
    'msg.file',
    'state.key_share',
    'state.access_mode',
]);
/**
 * What POST /events accepts. The code also lists msg.file; §0 decision 6 removes it (files only
 * come from the upload route).
 */
exports.SINGLE_CREATE_TYPES = [
    'member.join',
    'member.leave',
    'msg.delete',
    'msg.edit',
    'msg.text',
    'state.access_mode',
    'state.key_share',
];
/** etype.RequiresContent, restricted to the types POST /events accepts. */
exports.REQUIRES_CONTENT = new Set([
    'msg.text',
    'msg.file',
    'msg.edit',
    'state.access_mode',
]);
exports.BATCH_TYPES = ['access.add', 'access.rm'];
class UnreachableCaseError extends Error {
    constructor(value) {
        super(`unreachable case: ${JSON.stringify(value)}`);
    }
}
exports.UnreachableCaseError = UnreachableCaseError;
