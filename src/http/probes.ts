// Liveness, readiness and metrics routes. Readiness asks the upstream the cheapest question
// it answers without credentials (GET /csrf, as the real web client does before posting).
//
// Readiness follows the upstream circuit through upstreamReady(): while the circuit is open the
// ping fails at once with no network attempt (503), and once its reset time has passed the ping
// is the half-open probe. It must not short-circuit on an open circuit itself: an orchestrator
// sends no traffic to an unready pod, so only the readiness ping would ever close the circuit.
//
// One answer serves every probe for readyCacheMs, and probes arriving while a ping is in flight
// wait for that ping: 50 probes cost one upstream call, not 50 (an unauthenticated caller could
// otherwise turn /readyz into a request amplifier against the upstream).
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
  /** How long one ping's answer is reused. @default 0 (only coalesced while in flight) */
  readyCacheMs?: number;
  /** True once SIGTERM started the drain: not ready, whatever the upstream says. */
  draining?(): boolean;
}

/** upstreamReady shared: one ping in flight at a time, its answer kept for cacheMs. */
export function sharedReadiness(ping: () => Promise<boolean>, cacheMs: number) {
  let pending: Promise<boolean> | undefined;
  let answer: { ready: boolean; at: number } | undefined;
  return (): Promise<boolean> => {
    if (answer && performance.now() - answer.at < cacheMs) return Promise.resolve(answer.ready);
    pending ??= ping()
      .catch(() => false)
      .then((ready) => {
        answer = { ready, at: performance.now() };
        pending = undefined;
        return ready;
      });
    return pending;
  };
}

export function registerProbes(app: FastifyInstance, deps: ProbeDeps): void {
  const upstreamReady = sharedReadiness(deps.upstreamReady, deps.readyCacheMs ?? 0);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (deps.draining?.()) return reply.code(503).send({ status: 'draining' });
    const ready = await upstreamReady();
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
