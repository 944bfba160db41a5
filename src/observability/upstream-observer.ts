// What the gateway does with each upstream attempt and each circuit transition: metrics by
// route template and status, a debug line per call, a warn when the circuit opens; with tracing
// on, a span per call (tracing/start-tracing.ts) that each attempt annotates.
import type { Logger } from '../logger';
import type { Tracing } from '../tracing/tracing';
import type { UpstreamClientOptions } from '../upstream/upstream-client';
import type { Metrics } from './metrics';

export function observeUpstream(
  metrics: Metrics,
  logger: Logger,
  tracing?: Tracing,
): Required<Pick<UpstreamClientOptions, 'onCall' | 'onCircuitChange'>> &
  Pick<UpstreamClientOptions, 'traceCall'> {
  return {
    ...(tracing ? { traceCall: tracing.traceCall } : {}),
    onCall(call) {
      tracing?.onAttempt(call);
      const status = call.status === undefined ? call.outcome : String(call.status);
      metrics.upstreamCalls.inc({ method: call.method, route: call.route, status });
      metrics.upstreamLatency.observe(
        { method: call.method, route: call.route },
        call.durationMs / 1000,
      );
      logger.debug({ upstream: call }, 'upstream call');
    },
    onCircuitChange(state, lastFailure) {
      metrics.circuitOpen.set(state === 'closed' ? 0 : 1);
      if (state === 'open') {
        const reason = lastFailure instanceof Error ? lastFailure.message : undefined;
        logger.warn({ circuit: state, reason }, 'upstream circuit open: failing fast');
      } else if (state === 'closed') {
        logger.info({ circuit: state }, 'upstream circuit closed: upstream answers again');
      } else {
        logger.info({ circuit: state }, 'upstream circuit half-open: probing');
      }
    },
  };
}
