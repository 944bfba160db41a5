// Subscription clients for the integration tests, over real sockets: graphql-ws's own client on
// the WebSocket transport, and a plain fetch reading the SSE stream (what `curl -N` sees).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Data } from './start-test-gateway';
import { bounded } from './wait-for';

export const BOX_EVENTS = `subscription Follow($identityId: UUID!, $boxIds: [UUID!]!) {
  boxEvents(identityId: $identityId, boxIds: $boxIds) {
    boxId resynced
    event { __typename id type boxId serverEventCreatedAt sender { id displayName identifierValue }
      ... on TextMessageEvent { encrypted publicKey } }
    message { __typename id ... on TextMessageEvent { encrypted publicKey lastEditedAt deletion { deletedBy { id } deletedAt } } }
  }
}`;

/** Everything one subscription received, and a way to wait for more. */
export interface Received {
  results: Data[];
  /** Date.now() when each result arrived, index for index. */
  arrivedAt: number[];
  /** Set once the stream completed (or failed: then `error` too). */
  done: boolean;
  error?: unknown;
  /** Resolves once `predicate(results)` holds; rejects after `timeoutMs`. */
  until(predicate: (results: Data[]) => boolean, timeoutMs?: number): Promise<Data[]>;
  untilDone(timeoutMs?: number): Promise<Data[]>;
  /** Ends the subscription from the client side. */
  stop(): void;
}

export function collect(iterable: AsyncIterable<Data>, stop: () => void): Received {
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((check) => check());
  const received: Received = {
    results: [],
    arrivedAt: [],
    done: false,
    until(predicate, timeoutMs = 20_000) {
      let check = () => {};
      const met = new Promise<Data[]>((resolve, reject) => {
        check = () => {
          if (predicate(received.results)) resolve(received.results);
          else if (received.done) {
            reject(
              new Error(`stream ended first: ${JSON.stringify(received.results).slice(0, 2000)}`),
            );
          }
        };
        waiters.add(check);
        check();
      });
      const seen = () => `timed out; received ${JSON.stringify(received.results).slice(0, 2000)}`;
      return bounded(met, timeoutMs, seen).finally(() => waiters.delete(check));
    },
    untilDone(timeoutMs = 20_000) {
      let check = () => {};
      const done = new Promise<Data[]>((resolve) => {
        check = () => {
          if (received.done) resolve(received.results);
        };
        waiters.add(check);
        check();
      });
      const seen = () => `not done; received ${JSON.stringify(received.results).slice(0, 2000)}`;
      return bounded(done, timeoutMs, seen).finally(() => waiters.delete(check));
    },
    stop,
  };
  void (async () => {
    try {
      for await (const result of iterable) {
        received.results.push(result);
        received.arrivedAt.push(Date.now());
        notify();
      }
    } catch (error) {
      received.error = error;
    }
    received.done = true;
    notify();
  })();
  return received;
}

/** The updates (data.boxEvents) among the results. */
export const updates = (results: Data[]): Data[] =>
  results.filter((r) => r.data?.boxEvents).map((r) => r.data.boxEvents);

export interface WsClient {
  client: Client;
  /** The client's WebSocket(s), e.g. to pause reading. */
  sockets: WebSocket[];
  subscribe(variables: Record<string, unknown>, query?: string): Received;
  /** Subscribes with this exact payload (e.g. a trusted document's `documentId`). */
  subscribePayload(payload: Record<string, unknown>): Received;
  close(): Promise<void>;
}

/** A graphql-ws client: `token` goes in connection_init, `headers` on the upgrade. */
export function wsClient(
  graphqlUrl: string,
  options: { token?: string; headers?: Record<string, string> } = {},
): WsClient {
  const headers = options.headers ?? {};
  const sockets: WebSocket[] = [];
  class HeaderSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
      sockets.push(this);
    }
  }
  const client = createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: HeaderSocket,
    connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  return {
    client,
    sockets,
    subscribe(variables, query = BOX_EVENTS) {
      const iterator = client.iterate({ query, variables });
      return collect(iterator, () => void iterator.return?.());
    },
    subscribePayload(payload) {
      // graphql-ws sends the payload as given; its type only knows the standard fields.
      const iterator = client.iterate(payload as { query: string });
      return collect(iterator, () => void iterator.return?.());
    },
    close: () => client.dispose() as Promise<void>,
  };
}

/** One SSE stream (distinct connections mode), parsed as `next` / `complete` events. */
export function sseSubscribe(
  graphqlUrl: string,
  variables: Record<string, unknown>,
  options: {
    token?: string;
    headers?: Record<string, string>;
    query?: string;
    /** The body's fields instead of `query` (e.g. `documentId`, `extensions`). */
    payload?: Record<string, unknown>;
  } = {},
): Received & { status: Promise<number> } {
  const controller = new AbortController();
  let setStatus: (status: number) => void = () => {};
  const status = new Promise<number>((resolve) => (setStatus = resolve));
  async function* stream(): AsyncGenerator<Data> {
    const response = await fetch(`${graphqlUrl}/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({
        ...(options.payload ?? { query: options.query ?? BOX_EVENTS }),
        variables,
      }),
      signal: controller.signal,
    });
    setStatus(response.status);
    if (!response.headers.get('content-type')?.includes('text/event-stream')) {
      yield { httpStatus: response.status, body: await response.json() };
      return;
    }
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
        if (event === 'complete') return;
        if (event === 'next' && data) yield JSON.parse(data);
      }
    }
  }
  const received = collect(stream(), () => controller.abort());
  return Object.assign(received, { status });
}
