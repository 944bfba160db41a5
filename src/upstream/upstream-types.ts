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

/** The box view (upstream-api.md §13.2): GET /boxes/:id, each element of GET /boxes/joined, POST /boxes. */
export interface BoxViewDto {
  id: string;
  server_created_at: string;
  owner_org_id: string;
  datatag_id: string | null;
  public_key: string;
  title: string;
  access_mode: string;
  creator: IdentityDto;
  /** Folded as in lists; never null upstream (the create event is visible). */
  last_event: EventDto | null;
  /** The caller's unread count, despite its name (§13.8). */
  events_count: number | null;
  settings?: { identity_id: string; box_id: string; muted: boolean };
}

/** GET /auth/userinfo (§13.11): `mid` is the identity id, `acr` a string, `aid` "" without account. */
export interface UserInfoDto {
  acr: string;
  aid: string;
  amr: string[] | null;
  email: string;
  mid: string;
  sco: string;
  sid: string;
  sub: string;
}

/** Body of POST /boxes (§13.6). */
export interface CreateBoxBody {
  title: string;
  public_key: string;
  key_share?: {
    misakey_share: string;
    other_share_hash: string;
    encrypted_invitation_key_share: string;
  };
}

/** One file upload (§13.7): the bytes as they arrive, and the message fields sent before them. */
export interface FileUpload {
  encrypted: string;
  publicKey: string;
  /** The file's bytes, read once; their end is the end of the upload. */
  file: AsyncIterable<Uint8Array>;
}

/** The chat routes of upstream-api.md §13, bound to one caller like BoxEventsApi. */
export interface ChatApi {
  /** GET /auth/userinfo. */
  userInfo(): Promise<UserInfoDto>;
  /** GET /boxes/joined?offset&limit — newest event first. */
  listMyBoxes(page: Page): Promise<BoxViewDto[]>;
  /** HEAD /boxes/joined → X-Total-Count. */
  countMyBoxes(): Promise<number>;
  /** GET /boxes/:id. */
  getBox(boxId: string): Promise<BoxViewDto>;
  /** GET /boxes/:id/members — creator first. */
  listMembers(boxId: string): Promise<IdentityDto[]>;
  /** GET /boxes/:id/accesses — admin only, newest first. */
  listAccesses(boxId: string): Promise<EventDto[]>;
  /** POST /boxes → 201 box view. Never retried. */
  createBox(body: CreateBoxBody): Promise<BoxViewDto>;
  /** DELETE /boxes/:id with the confirmation the upstream requires → 204. */
  deleteBox(boxId: string): Promise<void>;
  /** PUT /boxes/:id/new-events-count/ack for the caller's identity → 204. */
  ackBox(boxId: string, identityId: string): Promise<void>;
  /** PUT /box-users/:id/boxes/:bid/settings → 204. */
  setBoxMuted(identityId: string, boxId: string, muted: boolean): Promise<void>;
  /** POST /boxes/:id/encrypted-files, the file streamed → 201 msg.file event view. */
  uploadFile(boxId: string, upload: FileUpload): Promise<EventDto>;
}

/** Everything one operation may call upstream. */
export type GatewayApi = BoxEventsApi & ChatApi;
