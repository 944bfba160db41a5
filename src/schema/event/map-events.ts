// What resolvers call to turn upstream answers into schema instances: toBoxEvent with the
// request's logger as the odd-content handler, and the write path shared by every mutation.
import type { GatewayContext } from '../../context';
import { UpstreamProtocolError } from '../../upstream/upstream-errors';
import type { EventDto } from '../../upstream/upstream-types';
import type { BoxEvent } from './box-event.interface';
import { FileMessageEvent } from './event-types';
import { type OddEventHandler, toBoxEvent } from './to-box-event';

export function warnOnOdd(ctx: GatewayContext): OddEventHandler {
  return (dto, reason) =>
    ctx.logger.warn(
      { requestId: ctx.requestId, eventId: dto.id, eventType: dto.type, reason },
      'upstream event with an unexpected shape served as UnknownBoxEvent',
    );
}

export function toBoxEvents(ctx: GatewayContext, dtos: readonly EventDto[]): BoxEvent[] {
  const onOdd = warnOnOdd(ctx);
  return dtos.map((dto) => toBoxEvent(dto, onOdd));
}

/**
 * GET /files only holds msg.file events. One that does not map to FileMessageEvent (odd
 * content, already logged by toBoxEvents) cannot be served as one, so it is left out rather
 * than failing the whole page.
 */
export function onlyFileEvents(ctx: GatewayContext, dtos: readonly EventDto[]): FileMessageEvent[] {
  return toBoxEvents(ctx, dtos).filter((event): event is FileMessageEvent => {
    if (event instanceof FileMessageEvent) return true;
    ctx.logger.warn(
      { requestId: ctx.requestId, eventId: event.id, eventType: event.type },
      'GET /files returned an event that is not a file message: left out of fileEvents',
    );
    return false;
  });
}

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
