// What every event has (docs/graphql-api.md#mapping): id, type, box_id, server_event_created_at and
// sender. Missing any of it is an UpstreamProtocolError that fails the list field it is in; a
// bad referrer_id is only odd, reported and served as null.
import { UpstreamProtocolError } from '../../upstream/upstream-errors';
import type { EventDto } from '../../upstream/upstream-types';
import { isDateTime } from '../scalars/date-time.scalar';
import { asUuid, type Uuid } from '../scalars/uuid.scalar';
import type { BoxEventBase } from './box-event.interface';
import { isJsonObject, readIdentity } from './upstream-content';

/** Told about a known-type event served as UnknownBoxEvent, or an odd field, and why. */
export type OddEventHandler = (dto: EventDto, reason: string) => void;

/** What every event has; missing any of it is a protocol error, not an odd event. */
export function readBase(dto: EventDto, onOdd: OddEventHandler | undefined): BoxEventBase {
  if (!isJsonObject(dto)) throw new UpstreamProtocolError('upstream event is not a JSON object');
  const missing = (key: string) =>
    new UpstreamProtocolError(
      `upstream event ${typeof dto.id === 'string' ? dto.id : '(no id)'} has no valid ${key}`,
    );
  const id = asUuid(dto.id);
  if (id === null) throw missing('id');
  if (typeof dto.type !== 'string' || dto.type === '') throw missing('type');
  const boxId = asUuid(dto.box_id);
  if (boxId === null) throw missing('box_id');
  const createdAt: unknown = dto.server_event_created_at;
  if (!isDateTime(createdAt)) throw missing('server_event_created_at');
  const sender = readIdentity(dto.sender);
  if (!sender) throw missing('sender');
  return {
    id,
    type: dto.type,
    boxId,
    serverEventCreatedAt: createdAt,
    sender,
    referrerId: readReferrerId(dto, onOdd),
  };
}

/** Not part of what every event has: a bad referrer_id is reported and served as null. */
function readReferrerId(dto: EventDto, onOdd: OddEventHandler | undefined): Uuid | null {
  const referrerId: unknown = dto.referrer_id;
  if (referrerId === null || referrerId === undefined || referrerId === '') return null;
  const uuid = asUuid(referrerId);
  if (uuid !== null) return uuid;
  onOdd?.(dto, 'referrer_id is not a UUID; served as null');
  return null;
}
