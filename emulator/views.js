"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ANONYMOUS_VIEW = exports.ZERO_TIME = void 0;
exports.identityView = identityView;
exports.writtenView = writtenView;
exports.readView = readView;
exports.isDeletedMessage = isDeletedMessage;
const clock_1 = require("./clock");
/** Go's zero time: what `deleted.at_time` always is on reads (§0 decision 9). */
exports.ZERO_TIME = '0001-01-01T00:00:00Z';
exports.ANONYMOUS_VIEW = {
    id: 'anonymous-user',
    display_name: 'Anonymous User',
    avatar_url: null,
    identifier_value: '',
    identifier_kind: '',
};
/** Non-transparent mode: identifier fields are always "" on the REST endpoints (§0 decision 8). */
function identityView(store, id) {
    const identity = store.identities.get(id);
    if (!identity)
        return { ...exports.ANONYMOUS_VIEW };
    return {
        id: identity.id,
        display_name: identity.displayName,
        avatar_url: identity.avatarUrl,
        identifier_value: '',
        identifier_kind: '',
    };
}
function isEmptyObject(value) {
    return (typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length === 0);
}
function dto(store, event, content) {
    return {
        type: event.type,
        content: content === undefined || content === null || isEmptyObject(content) ? null : content,
        box_id: event.boxId,
        id: event.id,
        server_event_created_at: (0, clock_1.formatTimestamp)(event.createdAt),
        referrer_id: event.referrerId,
        sender: identityView(store, event.senderId),
    };
}
function kickContent(store, content) {
    const kickerId = content?.kicker_id;
    if (typeof kickerId !== 'string' || kickerId === '')
        return null;
    return { kicker: identityView(store, kickerId) };
}
/** A POST response: content as sent, never aggregated; only member.kick gets its kicker view. */
function writtenView(store, event) {
    if (event.type === 'member.kick')
        return dto(store, event, kickContent(store, event.content));
    return dto(store, event, event.content);
}
/** A GET element: edits and deletes folded in, is_saved for the caller (§7, §5.4). */
function readView(store, event, callerId) {
    switch (event.type) {
        case 'member.kick':
            return dto(store, event, kickContent(store, event.content));
        case 'msg.text':
        case 'msg.file':
            return dto(store, event, messageContent(store, event, callerId));
        default:
            return dto(store, event, event.content);
    }
}
function messageContent(store, event, callerId) {
    const refs = store
        .referrersOf(event.id)
        .filter((ref) => ref.type === 'msg.edit' || ref.type === 'msg.delete');
    if (refs.some((ref) => ref.type === 'msg.delete')) {
        const last = refs[refs.length - 1];
        return { deleted: { at_time: exports.ZERO_TIME, by_identity: identityView(store, last.senderId) } };
    }
    const content = (event.content ?? {});
    if (event.type === 'msg.file') {
        const fileId = content.encrypted_file_id;
        if (typeof fileId === 'string' && store.isSaved(callerId, fileId))
            return { ...content, is_saved: true };
        return content;
    }
    const edits = refs.filter((ref) => ref.type === 'msg.edit');
    const lastEdit = edits[edits.length - 1];
    if (!lastEdit)
        return content;
    const edit = (lastEdit.content ?? {});
    return {
        encrypted: edit.new_encrypted,
        public_key: typeof edit.new_public_key === 'string' ? edit.new_public_key : '',
        last_edited_at: (0, clock_1.formatTimestamp)(lastEdit.createdAt),
    };
}
function isDeletedMessage(store, event) {
    return store.referrersOf(event.id).some((ref) => ref.type === 'msg.delete');
}
