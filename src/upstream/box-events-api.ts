// The six box-event endpoints (docs/upstream.md#endpoints) as named methods over the one transport,
// bound to one caller's credentials. Shapes are checked only as far as the transport's contract
// goes (array / object / count); the event mapping checks the events themselves.
import { toUpstreamHeaders, type Credentials } from '../auth/credentials';
import { UnauthenticatedError } from '../errors/gateway-errors';
import type { UpstreamClient, UpstreamMethod, UpstreamResponse } from './upstream-client';
import { UpstreamProtocolError, type UpstreamCall } from './upstream-errors';
import type {
  BatchEventBody,
  BoxEventsApi,
  CreateEventBody,
  EventDto,
  Page,
} from './upstream-types';

const EVENTS = '/boxes/:id/events';
const FILES = '/boxes/:id/files';
const BATCH = '/boxes/:id/batch-events';

/** With null credentials every method rejects with UnauthenticatedError and calls nothing. */
export function createBoxEventsApi(
  client: UpstreamClient,
  credentials: Credentials | null,
): BoxEventsApi {
  const send = async (
    method: UpstreamMethod,
    route: string,
    boxId: string,
    extra: { query?: Record<string, number>; body?: unknown } = {},
  ): Promise<UpstreamResponse> => {
    if (!credentials) throw new UnauthenticatedError();
    const headers = toUpstreamHeaders(credentials, method);
    const path = route.replace(':id', encodeURIComponent(boxId.toLowerCase()));
    return client.request({ method, path, route, headers, ...extra });
  };

  const list = async (route: string, boxId: string, page: Page): Promise<EventDto[]> => {
    const query = pageQuery(page);
    const { json } = await send('GET', route, boxId, { query });
    return expectArray(json, { method: 'GET', route });
  };

  const count = async (route: string, boxId: string): Promise<number> => {
    const { headers } = await send('HEAD', route, boxId);
    return parseTotalCount(headers['x-total-count'], { method: 'HEAD', route });
  };

  return {
    listEvents: (boxId, page) => list(EVENTS, boxId, page),
    listFiles: (boxId, page) => list(FILES, boxId, page),
    countEvents: (boxId) => count(EVENTS, boxId),
    countFiles: (boxId) => count(FILES, boxId),
    async createEvent(boxId: string, body: CreateEventBody): Promise<EventDto> {
      const { json } = await send('POST', EVENTS, boxId, { body });
      if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new UpstreamProtocolError('upstream created an event but did not return an object', {
          method: 'POST',
          route: EVENTS,
        });
      }
      return json as EventDto;
    },
    async batchAccesses(boxId: string, events: BatchEventBody[]): Promise<EventDto[]> {
      const body = { batch_type: 'accesses', events };
      const { json } = await send('POST', BATCH, boxId, { body });
      return expectArray(json, { method: 'POST', route: BATCH });
    },
  };
}

/** Always explicit: the upstream reads an absent or 0 limit as "everything". */
function pageQuery(page: Page): Record<string, number> {
  if (!Number.isSafeInteger(page.offset) || page.offset < 0) {
    throw new RangeError(`page.offset must be an integer >= 0, got ${page.offset}`);
  }
  if (!Number.isSafeInteger(page.limit) || page.limit < 1) {
    throw new RangeError(
      `page.limit must be an integer >= 1 (0 means "everything" upstream), got ${page.limit}`,
    );
  }
  return { offset: page.offset, limit: page.limit };
}

function expectArray(json: unknown, call: UpstreamCall): EventDto[] {
  if (!Array.isArray(json)) {
    throw new UpstreamProtocolError('upstream did not return a JSON array', call);
  }
  return json as EventDto[];
}

/** X-Total-Count, strictly a decimal safe integer: never NaN, never a guess. */
export function parseTotalCount(value: string | string[] | undefined, call: UpstreamCall): number {
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    const count = Number(value);
    if (Number.isSafeInteger(count)) return count;
  }
  const problem = value === undefined ? 'missing' : 'not a non-negative integer';
  throw new UpstreamProtocolError(`upstream X-Total-Count header is ${problem}`, call);
}
