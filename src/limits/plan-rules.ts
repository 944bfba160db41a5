// The operation plan's per-field rules: argument checks by schema coordinate, and which fields
// cost which upstream call. The walk that applies them is operation-plan.ts.
import {
  checkAccessChange,
  checkAfter,
  checkBase64Url,
  checkBoxIds,
  checkFirst,
  checkKeyShare,
  checkMyBoxesFirst,
  checkPage,
  checkPublicKey,
  checkTitle,
} from '../schema/arguments';

/**
 * Argument values as graphql-js coerced them, for the fields this file reads. The schema makes
 * each one present (non-null or defaulted) on the fields it is read from.
 */
export interface Args {
  id: string;
  ids: string[];
  boxId: string;
  offset: number;
  limit: number;
  first: number;
  after: string | null;
  encrypted: string;
  newEncrypted: string;
  add: unknown[];
  remove: unknown[];
  title: string;
  publicKey: string;
  keyShare: Parameters<typeof checkKeyShare>[0];
  boxIds: string[];
}

/** Per-field argument checks, keyed by schema coordinate. The checks themselves live in schema/arguments.ts. */
export const ARGUMENT_CHECKS: Record<string, (args: Args) => unknown> = {
  'Query.boxes': (a) => checkBoxIds(a.ids),
  'Subscription.boxEvents': (a) => checkBoxIds(a.boxIds, 'boxIds'),
  'Box.events': (a) => checkPage(a.offset, a.limit),
  'Box.fileEvents': (a) => checkPage(a.offset, a.limit),
  'Box.eventsConnection': (a) => [checkFirst(a.first), checkAfter(a.after)],
  'Box.fileEventsConnection': (a) => [checkFirst(a.first), checkAfter(a.after)],
  'Mutation.postTextMessage': (a) => checkBase64Url('encrypted', a.encrypted),
  'Mutation.editTextMessage': (a) => checkBase64Url('newEncrypted', a.newEncrypted),
  'Mutation.changeBoxAccesses': (a) => checkAccessChange(a.add.length, a.remove.length),
  'Query.myBoxes': (a) => [checkMyBoxesFirst(a.first), checkAfter(a.after)],
  'Mutation.createBox': (a) => [
    checkTitle(a.title),
    checkPublicKey(a.publicKey),
    checkKeyShare(a.keyShare),
  ],
  'Mutation.uploadFile': (a) => checkBase64Url('encrypted', a.encrypted),
};

/** Box fields read from the box view: one GET /boxes/:id per box, none for a box listed with its view. */
export const VIEW_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'publicKey',
  'createdAt',
  'ownerOrgId',
  'accessMode',
  'creator',
  'lastEvent',
  'unreadCount',
  'muted',
]);

/** Fields whose upstream route names the caller's identity: one GET /auth/userinfo per request. */
export const NEEDS_IDENTITY: ReadonlySet<string> = new Set([
  'Query.me',
  'Mutation.markBoxRead',
  'Mutation.setBoxMuted',
]);
