// The box view (upstream-api.md §13.2) as the Box detail fields read it: from the Box itself
// when it came with one (myBoxes, createBox, a myBoxes update), else from the request's loader,
// so every detail field of one box in one operation shares one GET /boxes/:id.
import type { GatewayContext } from '../../context';
import type { BoxViewDto, EventDto } from '../../upstream/upstream-types';
import { AccessMode } from '../access/access-mode.enum';
import type { BoxEvent } from '../event/box-event.interface';
import { warnOnOdd } from '../event/map-events';
import { toBoxEvent } from '../event/to-box-event';
import type { Box } from './box.type';

export function viewOf(box: Box, ctx: GatewayContext): Promise<BoxViewDto> {
  return box.view ? Promise.resolve(box.view) : ctx.loaders.boxView.load(box.id.toLowerCase());
}

export function accessModeOf(view: BoxViewDto): AccessMode | null {
  if (view.access_mode === 'limited') return AccessMode.LIMITED;
  if (view.access_mode === 'public') return AccessMode.PUBLIC;
  return null;
}

/** The view's last event, mapped as listed events are; the view's own id where it has no box_id. */
export function lastEventOf(view: BoxViewDto, ctx: GatewayContext): BoxEvent | null {
  const dto = view.last_event;
  if (!dto) return null;
  const withBox: EventDto = dto.box_id ? dto : { ...dto, box_id: view.id };
  return toBoxEvent(withBox, warnOnOdd(ctx));
}

/** `events_count` is the caller's unread count, despite its name (§13.8). */
export function unreadCountOf(view: BoxViewDto): number | null {
  return typeof view.events_count === 'number' ? view.events_count : null;
}

export function mutedOf(view: BoxViewDto): boolean {
  return view.settings?.muted === true;
}
