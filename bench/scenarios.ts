// The scenarios of the issues, each as its direct REST calls and as one gateway operation
// returning the same data; the page scenarios also as a request to the floor (bench/floor.ts).
import type { Call } from './load-driver';
import { BENCH_TOKEN, DASHBOARD_BOX_IDS, PAGE_BOX } from '../emulator';

export interface Scenario {
  id: 'a' | 'b' | 'c' | 'd';
  title: string;
  /** One direct logical operation: these calls, in parallel. */
  direct: Call[];
  /** The same through the gateway: one POST /graphql. */
  gateway: Call;
  /** The same from the hand-written pass-through, which answers the gateway's exact bytes. */
  floor?: Call;
  /** The fewest upstream calls that can serve it. */
  minUpstreamCalls: number;
  /** 'driver': the closed-loop driver on both sides; 'autocannon': autocannon on both sides. */
  load: 'driver' | 'autocannon';
}

const DIRECT_HEADERS = { cookie: `accesstoken=${BENCH_TOKEN}; tokentype=bearer` };
const GATEWAY_HEADERS = {
  'content-type': 'application/json',
  authorization: `Bearer ${BENCH_TOKEN}`,
};

/** What a client shows of an event: every field the REST answer carries, typed. */
const EVENT_FRAGMENT = `fragment Ev on BoxEvent {
  id type boxId serverEventCreatedAt referrerId
  sender { id displayName avatarUrl identifierValue identifierKind }
  ... on TextMessageEvent { encrypted publicKey lastEditedAt }
  ... on FileMessageEvent { encrypted publicKey encryptedFileId isSaved }
}`;

const get = (path: string): Call => ({ method: 'GET', path, headers: DIRECT_HEADERS });
const head = (path: string): Call => ({ method: 'HEAD', path, headers: DIRECT_HEADERS });
/** The gateway's own request, sent to the floor, which reads the page from the query string. */
const floor = (gateway: Call, limit: number, count: boolean): Call => ({
  ...gateway,
  path: `/events?box=${PAGE_BOX}&offset=0&limit=${limit}${count ? '&count=1' : ''}`,
});
const graphql = (query: string): Call => ({
  method: 'POST',
  path: '/graphql',
  headers: GATEWAY_HEADERS,
  body: JSON.stringify({ query: `${query}\n${EVENT_FRAGMENT}` }),
});

const latest = graphql(
  `query LatestEvents { box(id: "${PAGE_BOX}") { events(offset: 0, limit: 50) { ...Ev } } }`,
);
const latestCounted = graphql(
  `query Latest { box(id: "${PAGE_BOX}") { eventsCount events(offset: 0, limit: 50) { ...Ev } } }`,
);
const page = graphql(
  `query Page { box(id: "${PAGE_BOX}") { events(offset: 0, limit: 500) { ...Ev } } }`,
);

export const SCENARIOS: Scenario[] = [
  {
    id: 'd',
    title: "one box's 50 latest events",
    direct: [get(`/boxes/${PAGE_BOX}/events?offset=0&limit=50`)],
    gateway: latest,
    floor: floor(latest, 50, false),
    minUpstreamCalls: 1,
    load: 'driver',
  },
  {
    id: 'a',
    title: "one box's 50 latest events + its count",
    direct: [get(`/boxes/${PAGE_BOX}/events?offset=0&limit=50`), head(`/boxes/${PAGE_BOX}/events`)],
    gateway: latestCounted,
    floor: floor(latestCounted, 50, true),
    minUpstreamCalls: 2,
    load: 'driver',
  },
  {
    id: 'b',
    title: 'dashboard: 20 boxes × (5 latest events + both counts)',
    direct: DASHBOARD_BOX_IDS.flatMap((id) => [
      get(`/boxes/${id}/events?offset=0&limit=5`),
      head(`/boxes/${id}/events`),
      head(`/boxes/${id}/files`),
    ]),
    gateway: graphql(
      `query Dashboard { boxes(ids: [${DASHBOARD_BOX_IDS.map((id) => `"${id}"`).join(', ')}]) {
        id eventsCount fileEventsCount events(offset: 0, limit: 5) { ...Ev }
      } }`,
    ),
    minUpstreamCalls: DASHBOARD_BOX_IDS.length * 3,
    load: 'driver',
  },
  {
    id: 'c',
    title: 'a 500-event page',
    direct: [get(`/boxes/${PAGE_BOX}/events?offset=0&limit=500`)],
    gateway: page,
    floor: floor(page, 500, false),
    minUpstreamCalls: 1,
    load: 'autocannon',
  },
];
