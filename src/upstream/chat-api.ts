// The chat routes of upstream-api.md §13 as named methods over the one transport, bound to one
// caller's credentials, like box-events-api.ts. Every route is named by its template, so logs,
// metrics and spans never carry an id.
import { toUpstreamHeaders, type Credentials } from '../auth/credentials';
import { UnauthenticatedError } from '../errors/gateway-errors';
import { parseTotalCount } from './box-events-api';
import { multipartBody } from './multipart-body';
import type { UpstreamClient, UpstreamMethod, UpstreamRequest } from './upstream-client';
import { UpstreamProtocolError } from './upstream-errors';
import type { BoxViewDto, ChatApi, EventDto, IdentityDto, UserInfoDto } from './upstream-types';

const USERINFO = '/auth/userinfo';
const JOINED = '/boxes/joined';
const BOXES = '/boxes';
const BOX = '/boxes/:id';
const MEMBERS = '/boxes/:id/members';
const ACCESSES = '/boxes/:id/accesses';
const ACK = '/boxes/:id/new-events-count/ack';
const SETTINGS = '/box-users/:identityId/boxes/:id/settings';
const UPLOAD = '/boxes/:id/encrypted-files';
export const DOWNLOAD = '/encrypted-files/:id';

type Params = Record<string, string>;
type Extra = Pick<UpstreamRequest, 'query' | 'body' | 'upload' | 'streamResponse'>;

/** The path of `route` with its `:name` segments filled, lowercased and encoded. */
export function fillRoute(route: string, params: Params): string {
  return route.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String(params[name]).toLowerCase()),
  );
}

/** One call as this caller; with null credentials it rejects with UnauthenticatedError and calls nothing. */
export function callAs(client: UpstreamClient, credentials: Credentials | null) {
  return (method: UpstreamMethod, route: string, params: Params = {}, extra: Extra = {}) => {
    if (!credentials) return Promise.reject(new UnauthenticatedError());
    const headers = toUpstreamHeaders(credentials, method);
    return client.request({ method, route, path: fillRoute(route, params), headers, ...extra });
  };
}

export function createChatApi(client: UpstreamClient, credentials: Credentials | null): ChatApi {
  const send = callAs(client, credentials);
  const object = async <T>(method: UpstreamMethod, route: string, p: Params = {}, e?: Extra) => {
    const { json } = await send(method, route, p, e);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new UpstreamProtocolError('upstream did not return a JSON object', { method, route });
    }
    return json as T;
  };
  const array = async <T>(route: string, p: Params = {}, e?: Extra) => {
    const { json } = await send('GET', route, p, e);
    if (!Array.isArray(json)) {
      throw new UpstreamProtocolError('upstream did not return a JSON array', {
        method: 'GET',
        route,
      });
    }
    return json as T[];
  };
  return {
    userInfo: () => object<UserInfoDto>('GET', USERINFO),
    // Always an explicit page: the upstream's default here is 10 (§13.3), never relied on.
    listMyBoxes: (page) => array<BoxViewDto>(JOINED, {}, { query: { ...page } }),
    async countMyBoxes() {
      const { headers } = await send('HEAD', JOINED);
      return parseTotalCount(headers['x-total-count'], { method: 'HEAD', route: JOINED });
    },
    getBox: (id) => object<BoxViewDto>('GET', BOX, { id }),
    listMembers: (id) => array<IdentityDto>(MEMBERS, { id }),
    listAccesses: (id) => array<EventDto>(ACCESSES, { id }),
    createBox: (body) => object<BoxViewDto>('POST', BOXES, {}, { body }),
    async deleteBox(id) {
      await send('DELETE', BOX, { id }, { body: { user_confirmation: 'delete' } });
    },
    async ackBox(id, identityId) {
      await send('PUT', ACK, { id }, { body: { identity_id: identityId.toLowerCase() } });
    },
    async setBoxMuted(identityId, id, muted) {
      await send('PUT', SETTINGS, { identityId, id }, { body: { muted } });
    },
    uploadFile: (id, { encrypted, publicKey, file }) =>
      object<EventDto>(
        'POST',
        UPLOAD,
        { id },
        {
          upload: multipartBody(
            { msg_encrypted_content: encrypted, msg_public_key: publicKey },
            'encrypted_file',
            file,
          ),
        },
      ),
  };
}
