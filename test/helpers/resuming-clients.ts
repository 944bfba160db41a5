// Subscribers that come back by themselves, as real clients do: graphql-ws's client retrying
// forever (it keeps its operation id and re-sends the operation), and an SSE reader that
// reconnects with Last-Event-ID naming the last `id:` it read.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Data } from './start-test-gateway';
import { pace, waitFor } from './wait-for';

export interface Resuming {
  /** data[field] (boxEvents unless told) of every `next`, in arrival order. */
  updates: Data[];
  /** Errors or a completion: a resuming subscriber should see none. */
  problems: unknown[];
  /** Connections made, the first included. */
  connections: number;
  stop(): Promise<void>;
}

export function resumingWs(
  graphqlUrl: string,
  token: string,
  payload: { query: string; variables: Record<string, unknown> },
  field = 'boxEvents',
): Resuming {
  const state = { updates: [] as Data[], problems: [] as unknown[], connections: 0 };
  const client: Client = createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: () => pace(30 + Math.random() * 40),
    on: { connected: () => void state.connections++ },
  });
  const unsubscribe = client.subscribe<Data>(payload, {
    next: (result) => {
      if (result.errors) state.problems.push(result.errors);
      else state.updates.push(result.data?.[field]);
    },
    error: (error) => void state.problems.push(error),
    complete: () => void state.problems.push('complete'),
  });
  return Object.assign(state, {
    async stop() {
      unsubscribe();
      await client.dispose();
    },
  });
}

export function resumingSse(
  graphqlUrl: string,
  token: string,
  body: { query: string; variables: Record<string, unknown> },
  field = 'boxEvents',
): Resuming & { lastEventId?: string } {
  const state = {
    updates: [] as Data[],
    problems: [] as unknown[],
    connections: 0,
    lastEventId: undefined as string | undefined,
  };
  let controller = new AbortController();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        controller = new AbortController();
        const response = await fetch(`${graphqlUrl}/stream`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            authorization: `Bearer ${token}`,
            ...(state.lastEventId ? { 'last-event-id': state.lastEventId } : {}),
          },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        state.connections++;
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            const id = /^id: (.*)$/m.exec(block)?.[1];
            if (event === 'complete') state.problems.push('complete');
            if (event !== 'next' || !data) continue;
            const result = JSON.parse(data);
            if (result.errors) state.problems.push(result.errors);
            else state.updates.push(result.data?.[field]);
            if (id) state.lastEventId = id;
          }
        }
      } catch {
        // Cut: reconnect below.
      }
      if (!stopped) await pace(30 + Math.random() * 40);
    }
  })();
  return Object.assign(state, {
    async stop() {
      stopped = true;
      controller.abort();
      await loop;
    },
  });
}

/**
 * Posts one marker per box (`post` returns its event id, which is added to `markerIds`) until
 * every subscriber has received a marker of each box: a subscriber that was not live yet misses
 * one round and gets the next. Once it has one it is live: what is posted later reaches it. At the
 * end of a test it bounds "nothing more arrives" by an event: each box's events reach a subscriber
 * in order over one stream, so once a marker posted after everything else is in, an earlier event
 * (or a repeat of one) can no longer be on its way.
 */
export async function untilMarkersArrive(
  subscribers: Resuming[],
  boxIds: string[],
  post: (boxId: string) => Promise<string>,
  markerIds: Set<string>,
): Promise<void> {
  await waitFor(
    'every subscriber has a marker of each box',
    async () => {
      const round: string[] = [];
      for (const boxId of boxIds) round.push(await post(boxId));
      for (const id of round) markerIds.add(id);
      const arrived = () =>
        subscribers.every((s) => round.every((id) => s.updates.some((u) => u.event?.id === id)));
      return waitFor('this round of markers', arrived, 5_000).then(
        () => true,
        () => false,
      );
    },
    60_000,
  );
}
