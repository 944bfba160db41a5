"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.bindBatch = bindBatch;
exports.validateBatch = validateBatch;
exports.validateAdd = validateAdd;
exports.validateRm = validateRm;
// The request half of POST /boxes/:id/batch-events (§5.2): bind, request validation (element
// errors reported under `events`), and the access.add / access.rm content rules (§6.11, §6.12).
const errors_1 = require("./errors");
const event_types_1 = require("./event-types");
const validation_1 = require("./validation");
function bindBatch(req) {
    const body = (0, validation_1.bindJsonBody)(req);
    const events = body.events;
    if (events !== undefined && events !== null && !Array.isArray(events)) {
        throw (0, validation_1.typeError)(typeof events, 'array', 'events');
    }
    return {
        batchType: (0, validation_1.optionalString)(body, 'batch_type'),
        events: (events ?? undefined)?.map((element, i) => {
            const where = `events[${i}].`;
            if (element === null || typeof element !== 'object' || Array.isArray(element)) {
                throw (0, validation_1.typeError)(Array.isArray(element) ? 'array' : typeof element, 'object', `events[${i}]`);
            }
            const obj = element;
            return {
                type: (0, validation_1.optionalString)(obj, 'type', where),
                content: obj.content,
                referrerId: (0, validation_1.optionalString)(obj, 'referrer_id', where),
                extra: (0, validation_1.optionalObject)(obj, 'extra', where),
            };
        }),
    };
}
/** One element's first failing rule; ozzo reports it under the parent key `events`. */
function elementError(element) {
    const type = element.type ?? '';
    if (type === '')
        return 'required';
    if (!event_types_1.BATCH_TYPES.includes(type))
        return 'malformed';
    if (type === 'access.add' && (element.content === undefined || element.content === ''))
        return 'required';
    if (element.referrerId !== undefined &&
        element.referrerId !== '' &&
        !(0, validation_1.isUuidV4)(element.referrerId)) {
        return 'malformed';
    }
    return undefined;
}
function validateBatch(boxId, request) {
    const details = {};
    (0, validation_1.checkBoxId)(boxId, details);
    if ((request.batchType ?? '') === '')
        details.batch_type = 'required';
    else if (request.batchType !== 'accesses')
        details.batch_type = 'malformed';
    const events = request.events ?? [];
    if (events.length === 0)
        details.events = 'required';
    // Upstream iterates a map, so "the last one wins" is random there; here it is the last element.
    for (const element of events) {
        const error = elementError(element);
        if (error)
            details.events = error;
    }
    (0, validation_1.throwIfAny)(details);
    return events;
}
/** A content that is not the right shape is a 400 with empty details, as in §6. */
function bindAccessContent(obj) {
    try {
        return {
            restrictionType: (0, validation_1.optionalString)(obj, 'restriction_type') ?? '',
            value: (0, validation_1.optionalString)(obj, 'value') ?? '',
            autoInvite: (0, validation_1.optionalBoolean)(obj, 'auto_invite'),
        };
    }
    catch (err) {
        throw (0, errors_1.badRequest)(`unmarshalling access.add: ${err.message}`);
    }
}
function validateAdd(element) {
    const content = element.content;
    if (content !== null && (typeof content !== 'object' || Array.isArray(content))) {
        const err = (0, validation_1.typeError)(Array.isArray(content) ? 'array' : typeof content, 'object', '');
        throw (0, errors_1.badRequest)(`unmarshalling access.add: ${err.message}`);
    }
    const access = bindAccessContent((content ?? {}));
    const details = {};
    if (access.restrictionType === '')
        details.restriction_type = 'required';
    else if (access.restrictionType !== 'identifier' && access.restrictionType !== 'email_domain') {
        details.restriction_type = 'malformed';
    }
    if (access.value === '')
        details.value = 'required';
    if (access.restrictionType === 'identifier') {
        const hasExtra = element.extra !== undefined && element.extra !== null;
        if (access.autoInvite === true && !hasExtra)
            details.extra = 'required';
        if (access.autoInvite !== true && hasExtra)
            details.auto_invite = 'invalid';
    }
    if (Object.keys(details).length > 0)
        throw (0, validation_1.validationError)(details);
    return access;
}
function validateRm(element) {
    const details = {};
    if ((element.referrerId ?? '') === '')
        details.referrer_id = 'required';
    // Absent or {} only: even `"content": null` is refused (§6.12).
    const content = element.content;
    const empty = content === undefined ||
        (typeof content === 'object' &&
            content !== null &&
            !Array.isArray(content) &&
            Object.keys(content).length === 0);
    if (!empty)
        details.content = 'forbidden';
    (0, validation_1.throwIfAny)(details);
}
