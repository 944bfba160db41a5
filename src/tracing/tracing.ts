// What the gateway asks of tracing (docs/operations.md). Types only: with tracing off nothing
// of OpenTelemetry is loaded (start-tracing.ts is required only when an endpoint is set), no
// API is wrapped and the transport has no traceCall hook, so it costs nothing per operation.
import type { RequestHeaders } from '../auth/credentials';
import type { TracingConfig } from '../config';
import type { LoadStats } from '../loaders/create-loaders';
import type { UpstreamCallInfo, UpstreamClientOptions } from '../upstream/upstream-client';

export interface OperationSummary {
  operationName: string | null | undefined;
  /** `query` / `mutation`; undefined when the document did not resolve to an operation. */
  operationType: string | undefined;
  errorCodes: string[];
  upstreamCalls: number;
  estimatedUpstreamCalls?: number;
  loadStats?: LoadStats;
}

/** One operation's span, from the context function to the response. */
export interface OperationTrace {
  /** Runs fn with this operation's span as the parent of the upstream calls it makes. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Names the span after the operation, records its outcome and ends it; later calls do nothing. */
  end(summary: OperationSummary): void;
}

export interface Tracing {
  /** Continues the client's W3C `traceparent` when it sent one, else starts a trace. */
  startOperation(headers: RequestHeaders): OperationTrace;
  /** The transport's hook: one client span per upstream call, its traceparent sent upstream. */
  traceCall: NonNullable<UpstreamClientOptions['traceCall']>;
  /** The observer's hook: each attempt's status, retries and outcome on the call's span. */
  onAttempt(info: UpstreamCallInfo): void;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/** Loads OpenTelemetry only now, when tracing is configured. */
export function loadTracing(config: TracingConfig): Tracing {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./start-tracing') as typeof import('./start-tracing');
  return startTracing(config);
}

/** The operation's API with every call run inside the operation's span (its upstream parent). */
export function bindToOperation<Api extends object>(api: Api, operation: OperationTrace): Api {
  const bound: Record<string, unknown> = {};
  const methods = api as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const name of methodNames(api)) {
    bound[name] = (...args: unknown[]) => operation.run(() => methods[name].apply(api, args));
  }
  return bound as Api;
}

/** Its own function properties and its class's methods (upstream/gateway-api.ts is a class). */
function methodNames(api: object): string[] {
  const names = new Set(
    Object.keys(api).filter((name) => typeof (api as Record<string, unknown>)[name] === 'function'),
  );
  for (
    let proto: object | null = Object.getPrototypeOf(api) as object | null;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const { value } = Object.getOwnPropertyDescriptor(proto, name)!;
      if (name !== 'constructor' && typeof value === 'function') names.add(name);
    }
  }
  return [...names];
}
