"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.joinability = joinability;
exports.ensureIdentifierAccess = ensureIdentifierAccess;
exports.kickPass = kickPass;
function joinability(box, identity) {
    if (box.accessMode === 'public' || box.subjectId === identity.id)
        return 'allowed';
    if (box.accesses.size === 0)
        return 'no_rules';
    const domain = identity.email.includes('@')
        ? identity.email.slice(identity.email.lastIndexOf('@') + 1)
        : '';
    for (const access of box.accesses.values()) {
        if (access.restrictionType === 'identifier' &&
            identity.email !== '' &&
            access.value === identity.email) {
            return 'allowed';
        }
        if (access.restrictionType === 'email_domain' && domain !== '' && access.value === domain) {
            return 'allowed';
        }
    }
    return 'no_match';
}
function hasIdentifierAccess(box, email) {
    if (email === '')
        return false;
    for (const access of box.accesses.values()) {
        if (access.restrictionType === 'identifier' && access.value === email)
            return true;
    }
    return false;
}
/**
 * A join inserts an identifier rule for the joiner when none exists (sender = the joiner, never
 * returned), which is why a domain-only member rarely gets kicked (§12.12).
 */
function ensureIdentifierAccess(store, box, identity) {
    if (identity.email === '' || hasIdentifierAccess(box, identity.email))
        return;
    store.append({
        boxId: box.id,
        type: 'access.add',
        senderId: identity.id,
        content: { restriction_type: 'identifier', value: identity.email },
        referrerId: null,
    });
}
/**
 * KickDeprecatedMembers: every joiner who is neither admin nor data subject and has no active
 * identifier rule is kicked. email_domain rules do not count here, and with no rule left
 * everyone is kicked even in public mode.
 */
function kickPass(store, box, kickerId) {
    const kicks = [];
    for (const [memberId, joinId] of [...box.members]) {
        if (memberId === box.creatorId || memberId === box.subjectId)
            continue;
        const email = store.identities.get(memberId)?.email ?? '';
        if (hasIdentifierAccess(box, email))
            continue;
        kicks.push(store.append({
            boxId: box.id,
            type: 'member.kick',
            senderId: memberId,
            content: { kicker_id: kickerId },
            referrerId: joinId,
        }));
    }
    return kicks;
}
