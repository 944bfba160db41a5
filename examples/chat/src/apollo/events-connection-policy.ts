// How the cache holds Box.eventsConnection: one list per box, newest first, every page fetched so
// far appended in order. Not Apollo's relayStylePagination: the gateway's cursors encode an offset,
// and a message posted since the last page shifts every offset by one, so the next page repeats
// the event that was last; relayStylePagination splices by cursor and would show it twice. This
// merge drops what the list already holds (by normalised reference), and new events are added at
// the head by timeline/timeline-cache.ts.
import type { FieldPolicy, Reference } from '@apollo/client';

export interface CachedEventsConnection {
  __typename: 'BoxEventConnection';
  nodes: Reference[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const eventsConnectionPolicy: FieldPolicy<CachedEventsConnection> = {
  // `first` and `after` choose a page of the same list, not another list.
  keyArgs: false,
  merge(existing, incoming, { args }) {
    // A first page (the initial load, or a refetch) starts the list again.
    if (!existing || !args?.after) return incoming;
    const held = new Set(existing.nodes.map((node) => node.__ref));
    return {
      ...incoming,
      nodes: [...existing.nodes, ...incoming.nodes.filter((node) => !held.has(node.__ref))],
    };
  },
};
