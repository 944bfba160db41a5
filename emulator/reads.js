"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.list = list;
exports.count = count;
const errors_1 = require("./errors");
const event_types_1 = require("./event-types");
const store_1 = require("./store");
const validation_1 = require("./validation");
const views_1 = require("./views");
function memberBox(store, boxId, caller) {
    const box = store.boxes.get(boxId);
    if (!box || !(0, store_1.isMember)(box, caller.id))
        throw (0, errors_1.notMember)();
    return box;
}
/** Newest first: the log is in clock order, so newest first is the log reversed. */
function newestFirst(store, box, listing) {
    const out = [];
    for (let i = box.events.length - 1; i >= 0; i -= 1) {
        const event = box.events[i];
        const keep = listing === 'events'
            ? event_types_1.VISIBLE_TYPES.has(event.type)
            : event.type === 'msg.file' && !(0, views_1.isDeletedMessage)(store, event);
        if (keep)
            out.push(event);
    }
    return out;
}
function list(store, req, boxId, caller, listing) {
    const window = (0, validation_1.bindWindow)(req, boxId);
    const box = memberBox(store, boxId, caller);
    return (0, validation_1.applyWindow)(newestFirst(store, box, listing), window).map((event) => (0, views_1.readView)(store, event, caller.id));
}
/** HEAD: no bind step, so query parameters are ignored entirely. */
function count(store, boxId, caller, listing) {
    const details = {};
    (0, validation_1.checkBoxId)(boxId, details);
    (0, validation_1.throwIfAny)(details);
    return newestFirst(store, memberBox(store, boxId, caller), listing).length;
}
