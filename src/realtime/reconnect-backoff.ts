// Reconnect delays for the upstream socket: exponential with full jitter (a uniformly random
// delay below the exponential cap), so that every gateway reconnecting after one upstream
// restart does not arrive at the same instant.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** The delay before reconnect attempt `attempt` (0 = the first after a drop). */
export function reconnectDelay(
  attempt: number,
  options: BackoffOptions,
  random = Math.random,
): number {
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * cap);
}
