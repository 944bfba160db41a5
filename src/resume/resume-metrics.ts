// The metrics of transparent resume (graphql-api.md §10.1), on the gateway's registry.
import { Counter, type Registry } from 'prom-client';

export type ResumeOutcome = 'resumed' | 'expired' | 'not_found' | 'taken_over';

export interface ResumeMetrics {
  resumes: Counter<'outcome' | 'transport'>;
  replayed: Counter<never>;
  writes: Counter<never>;
  writeFailures: Counter<never>;
  fallbacks: Counter<never>;
}

export function createResumeMetrics(registry: Registry): ResumeMetrics {
  return {
    resumes: new Counter({
      name: 'gateway_subscription_resumes_total',
      help: 'Subscriptions that asked to resume (a graphql-ws id or SSE Last-Event-ID), by outcome (resumed, expired, not_found, taken_over) and transport',
      labelNames: ['outcome', 'transport'],
      registers: [registry],
    }),
    replayed: new Counter({
      name: 'gateway_subscription_resume_replayed_events_total',
      help: 'Events replayed from the REST list when a subscription resumed or started from `after`',
      registers: [registry],
    }),
    writes: new Counter({
      name: 'gateway_resume_position_writes_total',
      help: 'Subscription positions written to the resume store',
      registers: [registry],
    }),
    writeFailures: new Counter({
      name: 'gateway_resume_position_write_failures_total',
      help: 'Batches of subscription positions that could not be written',
      registers: [registry],
    }),
    fallbacks: new Counter({
      name: 'gateway_resume_store_fallbacks_total',
      help: 'Resume store calls that fell back from Redis to process memory (Redis down)',
      registers: [registry],
    }),
  };
}
