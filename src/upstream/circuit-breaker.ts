// One circuit breaker per upstream client: cockatiel's CircuitBreakerPolicy with a
// ConsecutiveBreaker, behind a three-state view the gateway can export and log.
//
// Two choices on top of cockatiel's defaults:
// - An error the caller says is not a failure (a 4xx, a bad body) is handed to cockatiel as a
//   *success*, then rethrown: the upstream answered, so it resets the consecutive count. Left
//   unhandled, cockatiel would rethrow it without touching the count, and a 403 between two
//   outages would not separate them.
// - While the half-open probe is out, every other call fails fast as if open. Cockatiel would
//   park them on the probe, so a hung upstream would pile calls up behind it.
// - The reset time is counted here, on an injectable clock, so that tests move time instead of
//   sleeping through it: cockatiel reads Date.now() itself, so it is told to half-open at once
//   (halfOpenAfter 0) and is only called once `now()` says the reset time has passed.
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';

export type CircuitStateName = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failed calls that open the circuit. */
  failures: number;
  /** How long the circuit stays open before the next call is let through as a probe. */
  resetMs: number;
  /** Whether an error counts against the upstream; anything else is a healthy answer. */
  isFailure(error: unknown): boolean;
  /** Called on every transition with the error that caused an opening; must not throw. */
  onChange?(state: CircuitStateName, lastFailure: unknown): void;
  /** The clock `resetMs` is measured on, in milliseconds. @default Date.now */
  now?(): number;
}

export interface CircuitBreaker {
  state(): CircuitStateName;
  /**
   * Runs `fn`, or throws `whenOpen()` without running it while the circuit is open, or half-open
   * with its probe already out.
   */
  execute<T>(fn: () => Promise<T>, whenOpen: () => Error): Promise<T>;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const resetMs = positiveInt('resetMs', options.resetMs);
  const now = options.now ?? Date.now;
  let openedAt = 0;
  const policy = circuitBreaker(
    handleWhen((error) => options.isFailure(error)),
    {
      halfOpenAfter: 0,
      breaker: new ConsecutiveBreaker(positiveInt('failures', options.failures)),
    },
  );
  policy.onStateChange((state) => {
    if (state === CircuitState.Open) openedAt = now();
    const lastFailure = policy.lastFailure;
    try {
      options.onChange?.(
        STATE_NAMES[state],
        lastFailure && 'error' in lastFailure ? lastFailure.error : undefined,
      );
    } catch {
      // A logging or metrics hook never breaks a call.
    }
  });

  return {
    state: () => STATE_NAMES[policy.state],
    async execute<T>(fn: () => Promise<T>, whenOpen: () => Error): Promise<T> {
      if (policy.state === CircuitState.HalfOpen) throw whenOpen();
      if (policy.state === CircuitState.Open && now() - openedAt < resetMs) throw whenOpen();
      let settled: Settled<T>;
      try {
        settled = await policy.execute(async (): Promise<Settled<T>> => {
          try {
            return { ok: true, value: await fn() };
          } catch (error) {
            if (options.isFailure(error)) throw error;
            return { ok: false, error };
          }
        });
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw whenOpen();
        throw error;
      }
      if (!settled.ok) throw settled.error;
      return settled.value;
    },
  };
}

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`createCircuitBreaker: ${name} must be a positive integer, got ${value}`);
  }
  return value;
}
