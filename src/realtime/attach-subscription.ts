// One subscription onto its caller's shared upstream socket, for both subscription kinds.
import type { Credentials } from '../auth/credentials';
import type { BoxEventsApi } from '../upstream/upstream-types';
import type { SocketListener } from './socket-fan-out';
import type { SocketRegistry } from './socket-registry';

/** A subscription that may end while it attaches (a refusal fails it) and ends if it cannot. */
interface Attaching extends SocketListener {
  readonly finished: boolean;
  return(): Promise<unknown>;
}

/**
 * `registry.attach` for one subscription: one that ended while attaching is detached at once
 * (its onEnd ran with a no-op detach), one that could not attach is ended. Returns the detach.
 */
export async function attachSubscription(
  registry: SocketRegistry,
  credentials: Credentials,
  identityId: string,
  apiFor: () => BoxEventsApi,
  subscription: Attaching,
): Promise<() => void> {
  try {
    const detach = await registry.attach(credentials, identityId, apiFor, subscription);
    if (subscription.finished) detach();
    return detach;
  } catch (error) {
    await subscription.return();
    throw error;
  }
}
