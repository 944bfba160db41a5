// Upstream JSON shapes as received (docs/upstream.md#events). Every key on the wire is snake_case.
// These are what the transport hands over; nothing here is trusted until toBoxEvent checks it.

/** Identity view (docs/upstream.md#events). identifier_* are "" on every REST response. */
export interface IdentityDto {
  id: string;
  display_name: string;
  avatar_url: string | null;
  identifier_value: string;
  identifier_kind: string;
}

/** Event view. `content` is null when stored as {}; there is never an `extra` key. */
export interface EventDto {
  id: string;
  type: string;
  box_id: string;
  server_event_created_at: string;
  referrer_id: string | null;
  sender: IdentityDto;
  content: unknown;
}

/** The upstream error envelope (docs/upstream.md#errors): always these four keys. */
export interface UpstreamErrorBody {
  code: string;
  origin: string;
  desc: string;
  details: Record<string, string> | null;
}

/** An offset/limit window, always sent explicitly (docs/graphql-api.md#pagination). */
export interface Page {
  offset: number;
  limit: number;
}

/** Body of POST /boxes/:id/events. */
export interface CreateEventBody {
  type: string;
  content?: unknown;
  referrer_id?: string | null;
  extra?: unknown;
}

/** One element of a batch (POST /boxes/:id/batch-events). */
export interface BatchEventBody {
  type: 'access.add' | 'access.rm';
  content?: unknown;
  referrer_id?: string;
  extra?: unknown;
}

/** The box-events API bound to one caller's credentials. Resolvers and loaders only see this. */
export interface BoxEventsApi {
  /** GET /boxes/:id/events?offset&limit — newest first. */
  listEvents(boxId: string, page: Page): Promise<EventDto[]>;
  /** GET /boxes/:id/files?offset&limit — non-deleted msg.file, newest first. */
  listFiles(boxId: string, page: Page): Promise<EventDto[]>;
  /** HEAD /boxes/:id/events → X-Total-Count. */
  countEvents(boxId: string): Promise<number>;
  /** HEAD /boxes/:id/files → X-Total-Count. */
  countFiles(boxId: string): Promise<number>;
  /** POST /boxes/:id/events → 201 event view. Never retried. */
  createEvent(boxId: string, body: CreateEventBody): Promise<EventDto>;
  /** POST /boxes/:id/batch-events with batch_type "accesses" → 201 array. Never retried. */
  batchAccesses(boxId: string, events: BatchEventBody[]): Promise<EventDto[]>;
}
