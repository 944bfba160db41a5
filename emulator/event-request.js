"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.bindCreateEvent = bindCreateEvent;
exports.validateCreateEvent = validateCreateEvent;
exports.validateContent = validateContent;
// The request half of POST /boxes/:id/events (§5.1): echo's bind, ozzo's request validation,
// then the per-type content validation that runs once the box is known to exist (§6).
const errors_1 = require("./errors");
const event_types_1 = require("./event-types");
const validation_1 = require("./validation");
function bindCreateEvent(req) {
    const body = (0, validation_1.bindJsonBody)(req);
    const referrer = body.referrer_id;
    return {
        type: (0, validation_1.optionalString)(body, 'type'),
        content: body.content,
        referrerId: referrer === null ? null : (0, validation_1.optionalString)(body, 'referrer_id'),
        extra: (0, validation_1.optionalObject)(body, 'extra'),
    };
}
function validateCreateEvent(boxId, request) {
    const details = {};
    (0, validation_1.checkBoxId)(boxId, details);
    const type = request.type ?? '';
    if (type === '')
        details.type = 'required';
    else if (!event_types_1.SINGLE_CREATE_TYPES.includes(type))
        details.type = 'malformed';
    else if (event_types_1.REQUIRES_CONTENT.has(type) &&
        (request.content === undefined || request.content === '')) {
        details.content = 'required';
    }
    const referrer = request.referrerId;
    if (referrer !== undefined && referrer !== null && referrer !== '' && !(0, validation_1.isUuidV4)(referrer)) {
        details.referrer_id = 'malformed';
    }
    (0, validation_1.throwIfAny)(details);
    return type;
}
/** Content of the types that have a schema; null reads as {} and fails field by field. */
function contentObject(type, content) {
    if (content === undefined || content === null)
        return {};
    if (typeof content !== 'object' || Array.isArray(content)) {
        const err = (0, validation_1.typeError)(Array.isArray(content) ? 'array' : typeof content, 'object', '');
        throw (0, errors_1.badRequest)(`binding content: unmarshalling ${type}: ${err.message}`);
    }
    return content;
}
function bindContentField(type, obj, key) {
    try {
        return (0, validation_1.optionalString)(obj, key);
    }
    catch (err) {
        throw (0, errors_1.badRequest)(`binding content: unmarshalling ${type}: ${err.message}`);
    }
}
function requireEncrypted(value, key, details) {
    if (value === undefined || value === '')
        details[key] = 'required';
    else if (!(0, validation_1.isUrlSafeBase64)(value))
        details[key] = 'malformed';
}
/** Step 2 of §5.1: per-type content (and key-share extra) validation, before any handler. */
function validateContent(type, request) {
    const details = {};
    switch (type) {
        case 'msg.text': {
            const obj = contentObject(type, request.content);
            requireEncrypted(bindContentField(type, obj, 'encrypted'), 'encrypted', details);
            if (!bindContentField(type, obj, 'public_key'))
                details.public_key = 'required';
            break;
        }
        case 'msg.edit': {
            const obj = contentObject(type, request.content);
            requireEncrypted(bindContentField(type, obj, 'new_encrypted'), 'new_encrypted', details);
            bindContentField(type, obj, 'new_public_key'); // type-checked, never validated (§6.4)
            break;
        }
        case 'state.access_mode': {
            const value = bindContentField(type, contentObject(type, request.content), 'value');
            if (value === undefined || value === '')
                details.value = 'required';
            else if (value !== 'public' && value !== 'limited')
                details.value = 'malformed';
            break;
        }
        case 'state.key_share': {
            const extra = request.extra ?? {};
            for (const key of ['misakey_share', 'other_share_hash', 'encrypted_invitation_key_share']) {
                if (!bindContentField(type, extra, key))
                    details[key] = 'required';
            }
            break;
        }
        case 'member.join':
        case 'member.leave':
        case 'msg.delete':
            return;
        default:
            throw new event_types_1.UnreachableCaseError(type);
    }
    if (Object.keys(details).length > 0) {
        const err = (0, validation_1.validationError)(details);
        throw (0, errors_1.badRequest)(`binding content: ${err.message}`, details);
    }
}
