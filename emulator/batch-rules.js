"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createBatch = createBatch;
// POST /boxes/:id/batch-events (§5.2, §6.11, §6.12): accesses only, one transaction, request
// order, then the kick pass. Any error rolls the whole batch back.
const access_rules_1 = require("./access-rules");
const batch_request_1 = require("./batch-request");
const errors_1 = require("./errors");
const event_types_1 = require("./event-types");
function createBatch(store, req, boxId, caller) {
    const events = (0, batch_request_1.validateBatch)(boxId, (0, batch_request_1.bindBatch)(req));
    const box = store.boxes.get(boxId);
    if (!box)
        throw (0, errors_1.notFound)('checking exist: getting box create event', { id: 'not_found' });
    const ctx = { store, box, caller };
    return store.transaction(() => {
        const written = events.map((element) => writeElement(ctx, element));
        return [...written, ...(0, access_rules_1.kickPass)(store, box, caller.id)];
    });
}
function writeElement(ctx, element) {
    const type = element.type;
    switch (type) {
        case 'access.add': {
            const access = (0, batch_request_1.validateAdd)(element);
            return prefixed(type, () => writeAdd(ctx, element, access));
        }
        case 'access.rm':
            (0, batch_request_1.validateRm)(element);
            return prefixed(type, () => writeRm(ctx, element));
        default:
            throw new event_types_1.UnreachableCaseError(type);
    }
}
function prefixed(type, fn) {
    try {
        return fn();
    }
    catch (err) {
        throw (0, errors_1.withPrefix)(err, `doing ${type} event`);
    }
}
function mustBeAdmin(ctx) {
    if (ctx.box.creatorId !== ctx.caller.id)
        throw (0, errors_1.forbidden)('checking admin: not the creator');
}
function writeAdd(ctx, element, access) {
    mustBeAdmin(ctx);
    for (const active of ctx.box.accesses.values()) {
        if (active.restrictionType === access.restrictionType && active.value === access.value) {
            throw (0, errors_1.conflict)('this access already exists', { content: 'conflict', box_id: 'conflict' });
        }
    }
    if (access.restrictionType === 'identifier' && access.autoInvite === true) {
        checkInvitation(ctx.store, access.value, element.extra);
    }
    return ctx.store.append({
        boxId: ctx.box.id,
        type: 'access.add',
        senderId: ctx.caller.id,
        content: element.content,
        referrerId: element.referrerId || null,
    });
}
/**
 * Auto-invite: `extra` maps exactly one of the invitee's public keys to an encrypted payload.
 * An invitee with no public key (or no identity at all) is a 409.
 */
function checkInvitation(store, identifier, extra) {
    const entries = Object.keys(extra);
    if (entries.length !== 1)
        throw (0, errors_1.badRequest)('extra must have exactly one entry', { extra: 'invalid' });
    const keys = store.identityByEmail(identifier)?.publicKeys ?? [];
    if (keys.length === 0)
        throw (0, errors_1.conflict)('invitee has no public key');
    if (!keys.includes(entries[0])) {
        throw (0, errors_1.badRequest)('extra key is not a public key of the invitee', { extra: 'invalid' });
    }
}
function writeRm(ctx, element) {
    mustBeAdmin(ctx);
    const referrer = element.referrerId;
    if (!ctx.box.accesses.has(referrer)) {
        throw (0, errors_1.notFound)('checking access.add referrer_id consistency', { id: 'not_found' });
    }
    return ctx.store.append({
        boxId: ctx.box.id,
        type: 'access.rm',
        senderId: ctx.caller.id,
        content: {},
        referrerId: referrer,
    });
}
