// The write path every mutation shares: one upstream write per box, the request's cache of that
// box dropped after it, the created event mapped (never re-read) and checked against the class
// the mutation promises.
import type { GatewayContext } from '../../context';
import { UpstreamProtocolError } from '../../upstream/upstream-errors';
import type { BoxEvent } from './box-event.interface';
import { warnOnOdd } from './map-events';
import { toBoxEvent } from './to-box-event';

/**
 * Runs one upstream write for a box, then drops everything this request cached for that box,
 * whatever the outcome: a timed-out or reset POST may still have been applied upstream, and
 * clearing costs nothing but a refetch. A later field of the same operation reads fresh data.
 */
export async function writeToBox<T>(
  ctx: GatewayContext,
  boxId: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } finally {
    ctx.loaders.clearBox(boxId);
  }
}

/** POST /boxes/:id/events and map the created event (never re-read). */
export async function createBoxEvent(
  ctx: GatewayContext,
  boxId: string,
  body: Parameters<GatewayContext['api']['createEvent']>[1],
): Promise<BoxEvent> {
  const dto = await writeToBox(ctx, boxId, () => ctx.api.createEvent(boxId, body));
  return toBoxEvent(dto, warnOnOdd(ctx));
}

/** A mutation promises one class; anything else means the upstream answered out of contract. */
export function expectEvent<T extends BoxEvent>(
  event: BoxEvent,
  expected: abstract new (...args: never[]) => T,
  upstreamType: string,
): T {
  if (event instanceof expected) return event;
  throw new UpstreamProtocolError(
    `upstream answered a "${event.type}" event where it should have created a "${upstreamType}" one`,
  );
}
