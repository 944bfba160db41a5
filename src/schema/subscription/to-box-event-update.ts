// A realtime item (src/realtime/realtime-items.ts) as the BoxEventUpdate the client selects from.
// Mapped once per item (the registry pushes one item per upstream message to every subscriber of
// the socket, and shared execution runs each operation once per item), and each event once per
// upstream object, whatever the cursor a subscription stamped on its copy of the item.
import type { GatewayContext } from '../../context';
import type { BoxItem } from '../../realtime/realtime-items';
import type { EventDto } from '../../upstream/upstream-types';
import type { BoxEvent } from '../event/box-event.interface';
import { warnOnOdd } from '../event/map-events';
import { toBoxEvent } from '../event/to-box-event';
import { BoxEventUpdate } from './box-event-update.type';

const updates = new WeakMap<BoxItem, BoxEventUpdate>();
const events = new WeakMap<EventDto, BoxEvent>();

/** Throws UpstreamProtocolError for an event missing what every event has (read-base.ts). */
export function toBoxEventUpdate(item: BoxItem, ctx: GatewayContext): BoxEventUpdate {
  let update = updates.get(item);
  if (update) return update;
  if (item.kind === 'resync') {
    const { boxId, recovered, cursor } = item;
    update = new BoxEventUpdate(boxId, null, { resynced: true, recovered, cursor });
  } else {
    let event = events.get(item.dto);
    if (!event) events.set(item.dto, (event = toBoxEvent(item.dto, warnOnOdd(ctx))));
    update = new BoxEventUpdate(item.boxId, event, { cursor: item.cursor });
  }
  updates.set(item, update);
  return update;
}
