// Per-request loaders of the chat routes (upstream-api.md §13): like the box-event loaders,
// fresh for every request, so one operation never makes the same call twice and nothing is
// shared between callers. `myBoxes` primes the box views it lists, so the detail fields of its
// nodes cost no GET /boxes/:id (graphql-api.md §12.2).
import DataLoader from 'dataloader';
import type {
  BoxViewDto,
  ChatApi,
  EventDto,
  IdentityDto,
  Page,
  UserInfoDto,
} from '../upstream/upstream-types';

export interface ChatLoaders {
  /** GET /auth/userinfo, at most once per request (me, markBoxRead, setBoxMuted share it). */
  me(): Promise<UserInfoDto>;
  /** GET /boxes/:id, by lowercase box id; primed by myBoxes and createBox. */
  boxView: DataLoader<string, BoxViewDto>;
  /** GET /boxes/:id/members. */
  members: DataLoader<string, IdentityDto[]>;
  /** GET /boxes/:id/accesses. */
  accesses: DataLoader<string, EventDto[]>;
  /** GET /boxes/joined?offset&limit, once per window; primes boxView with what it lists. */
  myBoxes(page: Page): Promise<BoxViewDto[]>;
  /** HEAD /boxes/joined. */
  myBoxesCount(): Promise<number>;
  /** Drop what this request cached for one box (after a write to it). */
  clearChatBox(boxId: string): void;
}

type Fetched = <A extends unknown[], R>(
  call: (...args: A) => Promise<R>,
) => (...a: A) => Promise<R>;

/** One call per distinct key: there is no batch route upstream; a failed key fails alone. */
function perKey<V>(name: string, fetch: (key: string) => Promise<V>) {
  return new DataLoader<string, V>(
    (keys) => Promise.all(keys.map((key) => fetch(key).catch((error: Error) => error))),
    { name },
  );
}

export function createChatLoaders(api: ChatApi, fetched: Fetched): ChatLoaders {
  let me: Promise<UserInfoDto> | undefined;
  let count: Promise<number> | undefined;
  const lists = new Map<string, Promise<BoxViewDto[]>>();
  const userInfo = fetched(() => api.userInfo());
  const listMyBoxes = fetched((page: Page) => api.listMyBoxes(page));
  const countMyBoxes = fetched(() => api.countMyBoxes());
  const boxView = perKey(
    'boxView',
    fetched((id: string) => api.getBox(id)),
  );
  const members = perKey(
    'members',
    fetched((id: string) => api.listMembers(id)),
  );
  const accesses = perKey(
    'accesses',
    fetched((id: string) => api.listAccesses(id)),
  );
  return {
    me: () => (me ??= userInfo()),
    boxView,
    members,
    accesses,
    myBoxes(page) {
      const key = `${page.offset}:${page.limit}`;
      let list = lists.get(key);
      if (!list) {
        list = listMyBoxes(page).then((views) => {
          for (const view of views) {
            if (typeof view?.id === 'string') boxView.prime(view.id.toLowerCase(), view);
          }
          return views;
        });
        lists.set(key, list);
      }
      return list;
    },
    myBoxesCount: () => (count ??= countMyBoxes()),
    clearChatBox(boxId) {
      const id = boxId.toLowerCase();
      boxView.clear(id);
      members.clear(id);
      accesses.clear(id);
    },
  };
}
