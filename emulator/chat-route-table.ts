// The chat surface's routes (upstream-api.md §13.1), with their auth factories. `/boxes/joined`
// comes before `/boxes/:id`: echo prefers the static segment, and a method the static route
// lacks (DELETE) falls through to the parameter route.
import { ANY_CLIENT_ACR1, SELF_ACR1, SELF_ACR2, SELF_NO_ACR } from './auth';
import {
  countJoined,
  getBox,
  getBoxPublic,
  listAccesses,
  listJoined,
  listMembers,
} from './box-reads';
import { createBox, deleteBox } from './box-writes';
import { downloadFile, uploadFile } from './file-routes';
import {
  callerOf as caller,
  json,
  noContent,
  total,
  type Reply,
  type RouteDef,
} from './route-types';
import { ackNewEventsCount, getBoxSettings, updateBoxSettings, userInfo } from './user-routes';

/** D10: octet-stream, always a Content-Length, no Range, no Content-Disposition. */
const octets = (bytes: Buffer): Reply => ({
  status: 200,
  headers: { 'content-type': 'application/octet-stream' },
  bytes,
});

export const CHAT_ROUTES: RouteDef[] = [
  {
    template: '/boxes/joined',
    methods: {
      GET: { auth: SELF_ACR2, handle: (i) => json(200, listJoined(i.store, i.req, caller(i))) },
      HEAD: { auth: SELF_ACR2, handle: (i) => total(countJoined(i.store, i.req, caller(i))) },
    },
  },
  {
    template: '/boxes',
    methods: {
      POST: { auth: SELF_ACR2, handle: (i) => json(201, createBox(i.store, i.req, caller(i))) },
    },
  },
  {
    template: '/boxes/:id',
    methods: {
      GET: { auth: SELF_ACR1, handle: (i) => json(200, getBox(i.store, i.pathId, caller(i))) },
      DELETE: {
        auth: SELF_ACR2,
        handle: (i) => {
          deleteBox(i.store, i.publisher, i.req, i.pathId, caller(i));
          return noContent();
        },
      },
    },
  },
  {
    template: '/boxes/:id/public',
    methods: {
      GET: { auth: null, handle: (i) => json(200, getBoxPublic(i.store, i.req, i.pathId)) },
    },
  },
  {
    template: '/boxes/:id/members',
    methods: {
      GET: { auth: SELF_ACR1, handle: (i) => json(200, listMembers(i.store, i.pathId, caller(i))) },
    },
  },
  {
    template: '/boxes/:id/accesses',
    methods: {
      GET: {
        auth: SELF_ACR2,
        handle: (i) => json(200, listAccesses(i.store, i.pathId, caller(i))),
      },
    },
  },
  {
    template: '/boxes/:bid/encrypted-files',
    methods: {
      POST: {
        auth: ANY_CLIENT_ACR1,
        streamed: true,
        handle: async (i) => json(201, await uploadFile(i, caller(i))),
      },
    },
  },
  {
    template: '/encrypted-files/:id',
    methods: {
      GET: { auth: SELF_ACR1, handle: (i) => octets(downloadFile(i.store, i.pathId, caller(i))) },
    },
  },
  {
    template: '/boxes/:id/new-events-count/ack',
    methods: {
      PUT: {
        auth: SELF_ACR1,
        handle: (i) => {
          ackNewEventsCount(i.store, i.req, i.pathId, caller(i));
          return noContent();
        },
      },
    },
  },
  {
    template: '/box-users/:id/boxes/:bid/settings',
    methods: {
      GET: {
        auth: SELF_ACR1,
        handle: (i) =>
          json(200, getBoxSettings(i.store, i.params.id ?? '', i.params.bid ?? '', caller(i))),
      },
      PUT: {
        auth: SELF_ACR1,
        handle: (i) => {
          const ids = { identityId: i.params.id ?? '', boxId: i.params.bid ?? '' };
          updateBoxSettings(i.store, i.publisher, i.req, ids, caller(i));
          return noContent();
        },
      },
    },
  },
  {
    template: '/auth/userinfo',
    methods: { GET: { auth: SELF_NO_ACR, handle: (i) => json(200, userInfo(caller(i))) } },
  },
];
