"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Store = void 0;
exports.isMember = isMember;
// In-memory state of the emulated backend: identities, boxes and their events. All writes go
// through append(), so the per-box derived state (members, accesses, mode) and the referrer
// index can never disagree with the event log, and a batch can be rolled back by truncation.
const clock_1 = require("./clock");
class Store {
    clock;
    identities = new Map();
    boxes = new Map();
    events = new Map();
    /** Event id → events whose referrer_id is that id, oldest first. */
    referrers = new Map();
    log = [];
    byToken = new Map();
    savedFiles = new Set();
    eventIds = new clock_1.IdSequence('e');
    constructor(clock) {
        this.clock = clock;
    }
    addIdentity(identity) {
        this.identities.set(identity.id, identity);
        this.byToken.set(identity.token, identity);
    }
    identityByToken(token) {
        return this.byToken.get(token);
    }
    identityByEmail(email) {
        if (email === '')
            return undefined;
        for (const identity of this.identities.values())
            if (identity.email === email)
                return identity;
        return undefined;
    }
    saveFile(identityId, fileId) {
        this.savedFiles.add(`${identityId} ${fileId}`);
    }
    isSaved(identityId, fileId) {
        return this.savedFiles.has(`${identityId} ${fileId}`);
    }
    event(id) {
        return this.events.get(id);
    }
    referrersOf(id) {
        return this.referrers.get(id) ?? [];
    }
    /** Creates the box together with its `create` event, the only way a box comes to exist. */
    createBox(id, creatorId, content) {
        const subject = content.subject_identity_id;
        const box = {
            id,
            creatorId,
            subjectId: typeof subject === 'string' ? subject : null,
            events: [],
            accessMode: 'limited',
            members: new Map(),
            accesses: new Map(),
        };
        this.boxes.set(id, box);
        this.append({ boxId: id, type: 'create', senderId: creatorId, content, referrerId: null });
        return box;
    }
    append(input) {
        const box = this.boxes.get(input.boxId);
        if (!box)
            throw new Error(`append to unknown box ${input.boxId}`);
        const id = input.id ?? this.eventIds.next();
        if (this.events.has(id))
            throw new Error(`duplicate event id ${id}`);
        const event = { ...input, id, createdAt: this.clock.tick() };
        this.events.set(id, event);
        this.log.push(event);
        box.events.push(event);
        if (event.referrerId !== null) {
            const list = this.referrers.get(event.referrerId);
            if (list)
                list.push(event);
            else
                this.referrers.set(event.referrerId, [event]);
        }
        applyToBox(box, event);
        return event;
    }
    /** Runs fn as one transaction: if it throws, every event it appended is gone (§5.2). */
    transaction(fn) {
        const logMark = this.log.length;
        const clockMark = this.clock.mark();
        const idMark = this.eventIds.mark();
        try {
            return fn();
        }
        catch (err) {
            this.rollback(logMark);
            this.clock.restore(clockMark);
            this.eventIds.restore(idMark);
            throw err;
        }
    }
    rollback(logMark) {
        const touched = new Set();
        while (this.log.length > logMark) {
            const event = this.log.pop();
            this.events.delete(event.id);
            if (event.referrerId !== null)
                this.referrers.get(event.referrerId)?.pop();
            const box = this.boxes.get(event.boxId);
            box.events.pop();
            touched.add(box);
        }
        for (const box of touched)
            replay(box);
    }
}
exports.Store = Store;
function replay(box) {
    box.accessMode = 'limited';
    box.members.clear();
    box.accesses.clear();
    for (const event of box.events)
        applyToBox(box, event);
}
function applyToBox(box, event) {
    const content = (event.content ?? {});
    switch (event.type) {
        case 'member.join':
            box.members.set(event.senderId, event.id);
            return;
        case 'member.leave':
        case 'member.kick':
            box.members.delete(event.senderId);
            return;
        case 'state.access_mode':
            box.accessMode = content.value === 'public' ? 'public' : 'limited';
            return;
        case 'access.add':
            box.accesses.set(event.id, {
                restrictionType: content.restriction_type,
                value: String(content.value),
            });
            return;
        case 'access.rm':
            if (event.referrerId !== null)
                box.accesses.delete(event.referrerId);
            return;
        default:
            return;
    }
}
function isMember(box, identityId) {
    return identityId === box.creatorId || box.members.has(identityId);
}
