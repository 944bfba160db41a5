// Step "observe": one `graphql operation` log line, one set of metric updates and (tracing on)
// the end of the operation's span, per operation, on every transport. Codes are read after
// formatting, so they are the client's codes. Apollo calls it from willSendResponse (or, for an
// error thrown before execution, unexpectedErrorProcessingRequest); the streaming transports
// when a query's result or a subscription's start (or its refusal) is known.
import type { OperationTypeNode } from 'graphql';
import type { GatewayContext } from '../context';
import { codeOf } from '../errors/error-codes';
import type { Metrics } from '../observability/metrics';

export interface OperationOutcome {
  operationName: string | null | undefined;
  operationType: OperationTypeNode | undefined;
  /** Formatted errors (or `{ extensions: { code } }`). */
  errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined;
  /** Whether the result carries data (some errors = `error`, none = `rejected`). */
  hasData: boolean;
  /** process.hrtime.bigint() when the operation arrived. */
  started: bigint;
}

export type Observe = (ctx: GatewayContext, outcome: OperationOutcome) => void;

export function createObserve(metrics: Metrics): Observe {
  return (ctx, { operationName, operationType, errors, hasData, started }) => {
    const codes = (errors ?? []).map(codeOf);
    const outcome = codes.length === 0 ? 'success' : hasData ? 'error' : 'rejected';
    const label = metrics.operationLabel(operationName);
    metrics.operations.inc({ operation: label, outcome, executor: ctx.executor });
    for (const code of codes) metrics.errors.inc({ code });
    ctx.trace?.end({
      operationName,
      operationType,
      errorCodes: codes,
      upstreamCalls: ctx.stats.upstreamCalls,
      estimatedUpstreamCalls: ctx.stats.estimatedUpstreamCalls,
      loadStats: ctx.loadStats,
    });
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    ctx.logger.info(
      {
        operation: operationName ?? null,
        executor: ctx.executor,
        durationMs: Math.round(durationMs * 100) / 100,
        upstreamCalls: ctx.stats.upstreamCalls,
        estimatedUpstreamCalls: ctx.stats.estimatedUpstreamCalls,
        errorCodes: codes,
      },
      'graphql operation',
    );
  };
}
