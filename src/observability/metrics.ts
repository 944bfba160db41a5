// Prometheus metrics, one registry per gateway instance (tests run several in one process).
// Labels are closed sets or route templates, never raw ids, tokens or free client text.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  operations: Counter<'operation' | 'outcome' | 'executor'>;
  errors: Counter<'code'>;
  upstreamCalls: Counter<'method' | 'route' | 'status'>;
  upstreamLatency: Histogram<'method' | 'route'>;
  circuitOpen: Gauge<never>;
  subscriptionsActive: Gauge<'transport'>;
  upstreamSockets: Gauge<never>;
  subscriptionUpdates: Counter<'kind'>;
  replayedEvents: Counter<never>;
  upstreamSocketDrops: Counter<never>;
  upstreamSocketRefusals: Counter<'status'>;
  /** A label-safe operation name: client text is capped so it cannot explode cardinality. */
  operationLabel(name: string | null | undefined): string;
}

const MAX_OPERATION_NAMES = 200;

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const seenNames = new Set<string>();
  return {
    registry,
    operations: new Counter({
      name: 'gateway_operations_total',
      help: 'GraphQL operations by name, outcome (success, error: some errors, rejected: no data) and executor (jit, graphql-js, none: refused before execution)',
      labelNames: ['operation', 'outcome', 'executor'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'gateway_errors_total',
      help: 'GraphQL errors returned to clients, by extensions.code',
      labelNames: ['code'],
      registers: [registry],
    }),
    upstreamCalls: new Counter({
      name: 'gateway_upstream_requests_total',
      help: 'Upstream HTTP attempts by method, route template and status (or failure kind)',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    upstreamLatency: new Histogram({
      name: 'gateway_upstream_request_duration_seconds',
      help: 'Upstream HTTP attempt latency by method and route template',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    circuitOpen: new Gauge({
      name: 'gateway_upstream_circuit_open',
      help: '1 while the upstream circuit breaker is open (failing fast), else 0',
      registers: [registry],
    }),
    subscriptionsActive: new Gauge({
      name: 'gateway_subscriptions_active',
      help: 'Subscriptions running now, by transport (ws, sse)',
      labelNames: ['transport'],
      registers: [registry],
    }),
    upstreamSockets: new Gauge({
      name: 'gateway_upstream_sockets',
      help: 'Upstream realtime sockets held (one per credential and identity)',
      registers: [registry],
    }),
    subscriptionUpdates: new Counter({
      name: 'gateway_subscription_updates_total',
      help: 'BoxEventUpdates delivered to subscriptions, by kind (event, resynced)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    replayedEvents: new Counter({
      name: 'gateway_subscription_replayed_events_total',
      help: 'Events delivered from the REST list after an upstream socket drop',
      registers: [registry],
    }),
    upstreamSocketDrops: new Counter({
      name: 'gateway_upstream_socket_drops_total',
      help: 'Open upstream realtime sockets that dropped (then reconnected)',
      registers: [registry],
    }),
    upstreamSocketRefusals: new Counter({
      name: 'gateway_upstream_socket_refusals_total',
      help: 'Upstream realtime socket upgrades refused for good, by HTTP status',
      labelNames: ['status'],
      registers: [registry],
    }),
    operationLabel(name) {
      if (!name) return 'anonymous';
      if (seenNames.has(name)) return name;
      if (seenNames.size >= MAX_OPERATION_NAMES || !/^[_A-Z]\w{0,63}$/i.test(name)) return 'other';
      seenNames.add(name);
      return name;
    },
  };
}
