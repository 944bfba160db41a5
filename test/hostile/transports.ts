// One operation over any of the three transports, answered in one shape, so that the hostile
// cases can assert the same refusal over HTTP, WebSocket and SSE.
import { collect, sseSubscribe, wsClient } from '../helpers/realtime-clients';
import type { Data, TestGateway } from '../helpers/start-test-gateway';

export const TRANSPORTS = ['http', 'ws', 'sse'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  token?: string;
  operationName?: string;
}

export interface Outcome {
  /** HTTP status (HTTP and SSE; undefined over WebSocket). */
  status?: number;
  /** Every error's extensions.code, in order. */
  codes: string[];
  errors: Data[];
  data?: Data;
}

const outcomeOf = (status: number | undefined, body: Data): Outcome => ({
  status,
  codes: (body?.errors ?? []).map((e: Data) => e.extensions?.code),
  errors: body?.errors ?? [],
  ...(body && 'data' in body ? { data: body.data } : {}),
});

/** The first answer of `operation` (a query's result, or a subscription's refusal). */
export async function runOnce(
  t: TestGateway,
  transport: TransportName,
  operation: Operation,
  timeoutMs = 20_000,
): Promise<Outcome> {
  const { query, variables = {}, token } = operation;
  if (transport === 'http') {
    const response = await t.gql(query, variables, {
      token,
      operationName: operation.operationName,
    });
    return outcomeOf(response.status, response.body);
  }
  if (transport === 'ws') {
    const client = wsClient(t.gateway.url, { token });
    try {
      const iterator = client.client.iterate({
        query,
        variables,
        operationName: operation.operationName,
      });
      const received = collect(iterator, () => void iterator.return?.());
      await received.until((r) => r.length > 0, timeoutMs).catch(() => undefined);
      received.stop();
      if (received.results.length > 0) return outcomeOf(undefined, received.results[0]);
      // graphql-ws reports a refused subscribe as the `error` message's errors.
      const errors = Array.isArray(received.error) ? received.error : [];
      return outcomeOf(undefined, { errors });
    } finally {
      await client.close();
    }
  }
  const stream = sseSubscribe(t.gateway.url, variables, {
    token,
    payload: {
      query,
      ...(operation.operationName ? { operationName: operation.operationName } : {}),
    },
  });
  const results = await stream.until((r) => r.length > 0, timeoutMs);
  stream.stop();
  const first = results[0];
  return 'httpStatus' in first
    ? outcomeOf(first.httpStatus, first.body)
    : outcomeOf(await stream.status, first);
}

/** The `graphql operation` log lines written since `from`, without what varies per run. */
export function operationLines(t: TestGateway, from = 0): Data[] {
  return t.logs
    .entries()
    .slice(from)
    .filter((e) => e.msg === 'graphql operation')
    .map(({ operation, upstreamCalls, estimatedUpstreamCalls, errorCodes }) => ({
      operation,
      upstreamCalls,
      estimatedUpstreamCalls,
      errorCodes,
    }));
}

/** One counter's value from GET /metrics (0 when absent). */
export async function metric(t: TestGateway, name: string, labels: string): Promise<number> {
  const text = await (await fetch(t.gateway.url.replace(/\/graphql$/, '/metrics'))).text();
  const escaped = `${name}{${labels}}`.replace(/[{}"\\.*+?^$()|[\]]/g, '\\$&');
  const match = new RegExp(`^${escaped} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}
