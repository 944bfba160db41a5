// Liveness, readiness and metrics routes. Readiness asks the upstream the cheapest question
// it answers without credentials (GET /csrf, as the real web client does before posting).
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../observability/metrics';

export interface ProbeDeps {
  metrics: Metrics;
  /** Resolves true when the upstream answers; never throws. */
  upstreamReady(): Promise<boolean>;
}

export function registerProbes(app: FastifyInstance, deps: ProbeDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await deps.upstreamReady();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'upstream unavailable' });
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
