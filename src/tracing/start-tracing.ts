// OpenTelemetry, set up per gateway rather than through the global API: no global provider,
// context manager or propagator is registered, so several gateways in one process (the tests)
// each export to their own endpoint, and nothing else in the process is traced by accident.
// Parent spans travel in this module's own AsyncLocalStorage: the operation's API runs each
// upstream call inside OperationTrace.run, and traceCall reads the parent from there.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '../config';
import { UpstreamError } from '../upstream/upstream-errors';
import type { OperationSummary, OperationTrace, Tracing } from './tracing';

export function startTracing(config: TracingConfig): Tracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporterFor(config))],
  });
  const tracer = provider.getTracer('box-events-gateway');
  const propagator = new W3CTraceContextPropagator();
  const operations = new AsyncLocalStorage<Context>();
  const calls = new AsyncLocalStorage<Span>();

  return {
    startOperation(headers) {
      const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
      const span = tracer.startSpan('graphql', { kind: SpanKind.SERVER }, parent);
      const context = trace.setSpan(parent, span);
      let ended = false;
      const operation: OperationTrace = {
        run: (fn) => operations.run(context, fn),
        end(summary) {
          if (ended) return;
          ended = true;
          endOperation(span, summary);
        },
      };
      return operation;
    },
    async traceCall(call, send) {
      const parent = operations.getStore();
      // Outside an operation (the readiness probe's GET /csrf) there is nothing to attach to.
      if (!parent) return send(undefined);
      const route = call.route.replace(/:(\w+)/g, '{$1}');
      const span = tracer.startSpan(
        `${call.method} ${route}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'http.request.method': call.method,
            'http.route': route,
            'gateway.upstream.outcome': 'not_sent',
          },
        },
        parent,
      );
      const headers: Record<string, string> = {};
      propagator.inject(trace.setSpan(parent, span), headers, defaultTextMapSetter);
      try {
        return await calls.run(span, () => send(headers));
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', error instanceof UpstreamError ? error.kind : 'other');
        throw error;
      } finally {
        span.end();
      }
    },
    onAttempt(info) {
      const span = calls.getStore();
      if (!span) return;
      span.setAttributes({
        'gateway.upstream.outcome': info.outcome,
        'gateway.upstream.retries': info.attempt - 1,
        ...(info.status === undefined ? {} : { 'http.response.status_code': info.status }),
      });
    },
    shutdown: () => provider.shutdown(),
  };
}

function endOperation(span: Span, summary: OperationSummary): void {
  const type = summary.operationType;
  if (type) span.updateName(summary.operationName ? `${type} ${summary.operationName}` : type);
  span.setAttributes({
    ...(type ? { 'graphql.operation.type': type } : {}),
    ...(summary.operationName ? { 'graphql.operation.name': summary.operationName } : {}),
    'gateway.upstream.calls': summary.upstreamCalls,
    ...(summary.estimatedUpstreamCalls === undefined
      ? {}
      : { 'gateway.upstream.estimated_calls': summary.estimatedUpstreamCalls }),
    // The dedup outcome: loads the resolvers asked for, and how many of them shared a call.
    ...(summary.loadStats
      ? {
          'gateway.loads': summary.loadStats.loads,
          'gateway.loads.shared': summary.loadStats.loads - summary.loadStats.fetches,
        }
      : {}),
  });
  if (summary.errorCodes.length > 0) {
    span.setAttribute('gateway.error_codes', summary.errorCodes);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** OTEL_EXPORTER_OTLP_PROTOCOL picks the package; each reads its other OTEL_* settings itself. */
function exporterFor(config: TracingConfig) {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (config.protocol === 'http/json') {
    const { OTLPTraceExporter } =
      require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter({ url: config.tracesUrl });
  }
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter({ url: config.tracesUrl });
  /* eslint-enable @typescript-eslint/no-require-imports */
}
