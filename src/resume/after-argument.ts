// Subscription.boxEvents(after:) checked before any upstream call (graphql-api.md §10.1): at
// most one cursor per box, each one this gateway wrote and naming a box of `boxIds`. Anything
// else is BAD_USER_INPUT naming `after`, and nothing is subscribed.
import { BadUserInputError } from '../errors/gateway-errors';
import { decodeCursor } from './cursor';
import type { StartPositions } from './start-positions';

export function parseAfter(
  after: readonly string[] | null | undefined,
  boxIds: readonly string[],
): StartPositions {
  const positions = new Map<string, string | null>();
  if (!after) return positions;
  const boxes = new Set(boxIds.map((id) => id.toLowerCase()));
  after.forEach((cursor, index) => {
    const position = decodeCursor(cursor);
    if (!position) {
      throw refusal(
        `after[${index}] is not a cursor this API returned`,
        'not a cursor returned by this API',
      );
    }
    if (!boxes.has(position.boxId)) {
      throw refusal(
        `after[${index}] is a cursor of a box that is not in boxIds`,
        'names a box that is not in boxIds',
      );
    }
    if (positions.has(position.boxId)) {
      throw refusal(
        `after holds two cursors for one box (after[${index}])`,
        'at most one cursor per box',
      );
    }
    positions.set(position.boxId, position.eventId);
  });
  return positions;
}

const refusal = (message: string, reason: string) =>
  new BadUserInputError(message, { after: reason });
