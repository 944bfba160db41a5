// Liveness, readiness and metrics routes. Readiness asks the upstream the cheapest question
// it answers without credentials (GET /csrf, as the real web client does before posting).
//
// Readiness follows the upstream circuit through upstreamReady(): while the circuit is open the
// ping fails at once with no network attempt (503), and once its reset time has passed the ping
// is the half-open probe. It must not short-circuit on an open circuit itself: an orchestrator
// sends no traffic to an unready pod, so only the readiness ping would ever close the circuit.
import type { FastifyInstance } from 'fastify';

/** What /metrics serves: this gateway's registry, or (cluster worker) every worker's sum. */
export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

export interface ProbeDeps {
  metrics: MetricsSource;
  /** Resolves true when the upstream answers; never throws; false at once while the circuit is open. */
  upstreamReady(): Promise<boolean>;
  /** The upstream circuit state, reported in the /readyz body. */
  circuitState?(): string;
  /** True once SIGTERM started the drain: not ready, whatever the upstream says. */
  draining?(): boolean;
}

export function registerProbes(app: FastifyInstance, deps: ProbeDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (deps.draining?.()) return reply.code(503).send({ status: 'draining' });
    const ready = await deps.upstreamReady();
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'upstream unavailable',
      ...(deps.circuitState ? { circuit: deps.circuitState() } : {}),
    });
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', deps.metrics.contentType);
    return deps.metrics.metrics();
  });
}
