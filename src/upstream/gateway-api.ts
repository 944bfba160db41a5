// The API one operation calls (GatewayApi: the box-event routes and the chat routes) bound to
// its caller's credentials over the operation's transport. The box-event methods, which every
// query uses, are built with it; the chat routes' methods only when a chat field calls one.
// A class rather than Object.assign of the two method bags: that assign took ~2 µs per request
// (V8 added ten closures to the object's shape at run time each time) for routes most
// operations never call (bench/RESULTS.md, 2026-12-08).
import type { Credentials } from '../auth/credentials';
import { createBoxEventsApi } from './box-events-api';
import { createChatApi } from './chat-api';
import type { UpstreamClient } from './upstream-client';
import type {
  BatchEventBody,
  BoxEventsApi,
  ChatApi,
  CreateBoxBody,
  CreateEventBody,
  FileUpload,
  GatewayApi,
  Page,
} from './upstream-types';

export function createGatewayApi(
  client: UpstreamClient,
  credentials: Credentials | null,
): GatewayApi {
  return new OperationApi(client, credentials);
}

class OperationApi implements GatewayApi {
  private readonly events: BoxEventsApi;
  private builtChat?: ChatApi;

  constructor(
    private readonly client: UpstreamClient,
    private readonly credentials: Credentials | null,
  ) {
    this.events = createBoxEventsApi(client, credentials);
  }

  private get chat(): ChatApi {
    return (this.builtChat ??= createChatApi(this.client, this.credentials));
  }

  listEvents(boxId: string, page: Page) {
    return this.events.listEvents(boxId, page);
  }
  listFiles(boxId: string, page: Page) {
    return this.events.listFiles(boxId, page);
  }
  countEvents(boxId: string) {
    return this.events.countEvents(boxId);
  }
  countFiles(boxId: string) {
    return this.events.countFiles(boxId);
  }
  createEvent(boxId: string, body: CreateEventBody) {
    return this.events.createEvent(boxId, body);
  }
  batchAccesses(boxId: string, events: BatchEventBody[]) {
    return this.events.batchAccesses(boxId, events);
  }
  userInfo() {
    return this.chat.userInfo();
  }
  listMyBoxes(page: Page) {
    return this.chat.listMyBoxes(page);
  }
  countMyBoxes() {
    return this.chat.countMyBoxes();
  }
  getBox(boxId: string) {
    return this.chat.getBox(boxId);
  }
  listMembers(boxId: string) {
    return this.chat.listMembers(boxId);
  }
  listAccesses(boxId: string) {
    return this.chat.listAccesses(boxId);
  }
  createBox(body: CreateBoxBody) {
    return this.chat.createBox(body);
  }
  deleteBox(boxId: string) {
    return this.chat.deleteBox(boxId);
  }
  ackBox(boxId: string, identityId: string) {
    return this.chat.ackBox(boxId, identityId);
  }
  setBoxMuted(identityId: string, boxId: string, muted: boolean) {
    return this.chat.setBoxMuted(identityId, boxId, muted);
  }
  uploadFile(boxId: string, upload: FileUpload) {
    return this.chat.uploadFile(boxId, upload);
  }
}
