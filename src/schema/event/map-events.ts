// What resolvers call to turn upstream answers into schema instances: toBoxEvent with the
// request's logger as the odd-content handler. The write path is write-events.ts.
import type { GatewayContext } from '../../context';
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
