"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createEvent = createEvent;
// POST /boxes/:id/events (§5.1, §6): after bind and validation (event-request.ts), the per-type
// write rules, each run as one transaction. Desc prefixes follow the Go error chain.
const access_rules_1 = require("./access-rules");
const errors_1 = require("./errors");
const event_request_1 = require("./event-request");
const store_1 = require("./store");
function createEvent(store, req, boxId, caller) {
    const request = (0, event_request_1.bindCreateEvent)(req);
    const type = (0, event_request_1.validateCreateEvent)(boxId, request);
    const box = store.boxes.get(boxId);
    // MustBoxExists' error is replaced by a bare Forbidden: empty desc, empty details (§4).
    if (!box)
        throw (0, errors_1.forbidden)('');
    (0, event_request_1.validateContent)(type, request);
    try {
        return store.transaction(() => HANDLERS[type]({ store, box, caller, request }));
    }
    catch (err) {
        throw (0, errors_1.withPrefix)(err, `during ${type} event`);
    }
}
const HANDLERS = {
    'msg.text': writeText,
    'msg.edit': writeEdit,
    'msg.delete': writeDelete,
    'member.join': writeJoin,
    'member.leave': writeLeave,
    'state.access_mode': writeAdminState,
    'state.key_share': writeAdminState,
};
function append(ctx, referrerId) {
    const content = ctx.request.content;
    return ctx.store.append({
        boxId: ctx.box.id,
        type: ctx.request.type,
        senderId: ctx.caller.id,
        content: content === undefined || content === null ? {} : content,
        referrerId,
    });
}
function mustBeMember(ctx) {
    if (!(0, store_1.isMember)(ctx.box, ctx.caller.id))
        throw (0, errors_1.notMember)();
}
function mustBeAdmin(ctx, what = 'checking admin') {
    if (ctx.box.creatorId !== ctx.caller.id)
        throw (0, errors_1.forbidden)(`${what}: not the creator`);
}
/**
 * join, access_mode and key_share store referrer_id without checking it: the foreign key
 * answers 409 for an id that is no event, and the uuid cast 400 for "" (§5.1).
 */
function uncheckedReferrer(ctx) {
    const referrer = ctx.request.referrerId;
    if (referrer === undefined || referrer === null)
        return null;
    if (referrer === '')
        throw (0, errors_1.badRequest)('invalid input syntax for type uuid: ""');
    if (!ctx.store.event(referrer)) {
        throw (0, errors_1.conflict)('insert or update on table "event" violates foreign key constraint "event_referrer_id_fkey"');
    }
    return referrer;
}
function writeText(ctx) {
    const referrer = ctx.request.referrerId;
    if (referrer !== undefined && referrer !== null) {
        throw (0, errors_1.badRequest)('referrer id cannot be set', { referrer_id: 'forbidden' });
    }
    mustBeMember(ctx);
    return append(ctx, null);
}
/** The target of an edit or delete: steps 2–4 of §6.4 / §6.5. */
function referredMessage(ctx) {
    const referrer = ctx.request.referrerId;
    if (referrer === undefined || referrer === null || referrer === '') {
        throw (0, errors_1.badRequest)('referrer_id: cannot be blank.', { referrer_id: 'required' });
    }
    const target = ctx.store.event(referrer);
    if (!target)
        throw (0, errors_1.notFound)('building message: listing events');
    if (target.type !== 'msg.text' && target.type !== 'msg.file') {
        throw (0, errors_1.forbidden)(`building message: wrong initial event type ${target.type}`);
    }
    return target;
}
function isDeleted(store, target) {
    return store.referrersOf(target.id).some((ref) => ref.type === 'msg.delete');
}
function writeEdit(ctx) {
    mustBeMember(ctx);
    const target = referredMessage(ctx);
    if (target.senderId !== ctx.caller.id)
        throw (0, errors_1.forbidden)('can only edit own messages');
    if (isDeleted(ctx.store, target))
        throw (0, errors_1.gone)('cannot edit a deleted message');
    if (target.type === 'msg.file')
        throw (0, errors_1.forbidden)('cannot edit event type msg.file');
    return append(ctx, target.id);
}
function writeDelete(ctx) {
    mustBeMember(ctx);
    const target = referredMessage(ctx);
    if (target.senderId !== ctx.caller.id)
        mustBeAdmin(ctx, 'checking admins');
    if (isDeleted(ctx.store, target))
        throw (0, errors_1.gone)('cannot delete an already deleted message');
    return append(ctx, target.id);
}
function writeJoin(ctx) {
    if ((0, store_1.isMember)(ctx.box, ctx.caller.id))
        throw (0, errors_1.conflict)('already box member');
    switch ((0, access_rules_1.joinability)(ctx.box, ctx.caller)) {
        case 'allowed':
            break;
        case 'no_rules':
            throw (0, errors_1.forbidden)('checking joinability: must be an admin', { reason: 'no_access' });
        case 'no_match':
            throw (0, errors_1.forbidden)('checking joinability: must match a restriction rule', {
                reason: 'no_access',
            });
    }
    const event = append(ctx, uncheckedReferrer(ctx));
    (0, access_rules_1.ensureIdentifierAccess)(ctx.store, ctx.box, ctx.caller);
    return event;
}
function writeLeave(ctx) {
    mustBeMember(ctx);
    if (ctx.box.creatorId === ctx.caller.id) {
        throw (0, errors_1.forbidden)('admin can\u2019t leave their own box');
    }
    // Whatever the client sent, referrer_id becomes the caller's active join.
    return append(ctx, ctx.box.members.get(ctx.caller.id) ?? null);
}
function writeAdminState(ctx) {
    mustBeAdmin(ctx);
    return append(ctx, uncheckedReferrer(ctx));
}
