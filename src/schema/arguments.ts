// The gateway's own argument checks (docs/graphql-api.md#pagination): all of them, in one place.
// They run before any upstream call and fail with BAD_USER_INPUT whose `fields` names the argument.
// UUIDs, DateTimes and enums are checked by their scalar and enum types before a resolver runs.
// The operation plan (limits/operation-plan.ts) runs these over the whole operation before
// execution; the resolvers call them again as a deliberate second line, because a resolver must
// never send an out-of-range page upstream even when run without the plan (unit tests, and any
// executor path that would skip Apollo's didResolveOperation hook).
import { BadUserInputError } from '../errors/gateway-errors';
import { MAX_WINDOW } from '../loaders/merge-windows';
import type { Page } from '../upstream/upstream-types';
import { decodeCursor } from './box/cursor';

/** The largest `limit`/`first`: one upstream page (loaders/merge-windows.ts owns the number). */
export const MAX_PAGE_SIZE = MAX_WINDOW;
/** `Query.boxes(ids)` accepts at most this many ids. */
export const MAX_BOX_IDS = 50;

const BASE64URL_PATTERN = /^[\w-]+$/;

function isIntBetween(value: number | null | undefined, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** `offset >= 0` and `1 <= limit <= 500`. Explicit nulls are refused too. */
export function checkPage(offset: number | null, limit: number | null): Page {
  if (!isIntBetween(offset, 0, Number.MAX_SAFE_INTEGER)) {
    throw new BadUserInputError(`offset must be 0 or more, got ${offset}`, {
      offset: 'must be 0 or more',
    });
  }
  if (!isIntBetween(limit, 1, MAX_PAGE_SIZE)) {
    throw new BadUserInputError(`limit must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`, {
      limit: `must be between 1 and ${MAX_PAGE_SIZE}`,
    });
  }
  return { offset, limit };
}

/** Connection page size: `1 <= first <= 500`. */
export function checkFirst(first: number | null): number {
  if (!isIntBetween(first, 1, MAX_PAGE_SIZE)) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, {
      first: `must be between 1 and ${MAX_PAGE_SIZE}`,
    });
  }
  return first;
}

/** The offset a connection page starts at: 0 without a cursor, else just after the cursor. */
export function checkAfter(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const position = decodeCursor(after);
  if (position === null) {
    throw new BadUserInputError(
      `after is not a cursor this API returned: ${JSON.stringify(after)}`,
      {
        after: 'not a cursor returned by this API',
      },
    );
  }
  return position + 1;
}

/** `boxes(ids)` and `boxEvents(boxIds)`: 1 to 50 ids (duplicates allowed). */
export function checkBoxIds<T extends string>(ids: readonly T[], name = 'ids'): readonly T[] {
  if (ids.length < 1 || ids.length > MAX_BOX_IDS) {
    throw new BadUserInputError(
      `${name} must hold 1 to ${MAX_BOX_IDS} box ids, got ${ids.length}`,
      { [name]: `must hold 1 to ${MAX_BOX_IDS} ids` },
    );
  }
  return ids;
}

/** Unpadded URL-safe base64, as the upstream requires for `encrypted` / `new_encrypted`. */
export function checkBase64Url(name: string, value: string): string {
  if (!BASE64URL_PATTERN.test(value)) {
    throw new BadUserInputError(`${name} must be unpadded URL-safe base64 ([A-Za-z0-9_-]+)`, {
      [name]: 'must be unpadded URL-safe base64',
    });
  }
  return value;
}

/** changeBoxAccesses must change something: an empty batch is refused without an upstream call. */
export function checkAccessChange(addCount: number, removeCount: number): void {
  if (addCount === 0 && removeCount === 0) {
    throw new BadUserInputError('changeBoxAccesses needs at least one access to add or remove', {
      add: 'add and remove are both empty',
      remove: 'add and remove are both empty',
    });
  }
}

/** `myBoxes(first)`: 1 to 50 boxes per page (graphql-api.md §12.2). */
export const MAX_MY_BOXES = 50;

export function checkMyBoxesFirst(first: number | null): number {
  if (!isIntBetween(first, 1, MAX_MY_BOXES)) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_MY_BOXES}, got ${first}`, {
      first: `must be between 1 and ${MAX_MY_BOXES}`,
    });
  }
  return first;
}

/** The upstream's limit on a box title: 1 to 50 bytes of UTF-8, not characters (§13.6). */
export const MAX_TITLE_BYTES = 50;

export function checkTitle(title: string): string {
  const bytes = Buffer.byteLength(title, 'utf8');
  if (bytes < 1 || bytes > MAX_TITLE_BYTES) {
    throw new BadUserInputError(
      `title must be 1 to ${MAX_TITLE_BYTES} bytes of UTF-8, got ${bytes}`,
      {
        title: `must be 1 to ${MAX_TITLE_BYTES} bytes`,
      },
    );
  }
  return title;
}

/** A box public key: unpadded URL-safe base64, optionally with the upstream's algorithm prefix. */
export function checkPublicKey(publicKey: string): string {
  checkBase64Url('publicKey', publicKey.replace(/^com\.misakey\.aes-rsa-enc:/, ''));
  return publicKey;
}

/** createBox's optional key share: every part unpadded URL-safe base64, as the upstream checks. */
export function checkKeyShare(
  keyShare:
    | { misakeyShare: string; otherShareHash: string; encryptedInvitationKeyShare: string }
    | null
    | undefined,
): void {
  if (!keyShare) return;
  checkBase64Url('keyShare.misakeyShare', keyShare.misakeyShare);
  checkBase64Url('keyShare.otherShareHash', keyShare.otherShareHash);
  checkBase64Url('keyShare.encryptedInvitationKeyShare', keyShare.encryptedInvitationKeyShare);
}
