// Caps on active subscriptions (WebSocket and SSE alike): per credential and per process
// (MAX_STREAMS_PER_CREDENTIAL, MAX_STREAMS). Taken when a subscription starts, before any
// upstream call, and given back when it ends, whatever ends it. Without them, 500 idle SSE
// streams of one token were all accepted, each holding a socket, a context and a queue.
import { QueryTooComplexError } from '../errors/gateway-errors';

export interface StreamCaps {
  /** Takes a slot for `caller`, or throws QUERY_TOO_COMPLEX; the returned function frees it once. */
  acquire(caller: string): () => void;
  /** Active subscriptions now (tests, metrics). */
  readonly active: number;
}

export function createStreamCaps(limits: { perCredential: number; total: number }): StreamCaps {
  const byCaller = new Map<string, number>();
  let active = 0;
  return {
    get active() {
      return active;
    },
    acquire(caller) {
      const mine = byCaller.get(caller) ?? 0;
      if (mine >= limits.perCredential) {
        throw new QueryTooComplexError(
          `this credential already runs ${mine} subscriptions; at most ${limits.perCredential} are allowed (MAX_STREAMS_PER_CREDENTIAL)`,
          { subscriptions: mine, limit: limits.perCredential },
        );
      }
      if (active >= limits.total) {
        throw new QueryTooComplexError(
          `this server already runs ${active} subscriptions; at most ${limits.total} are allowed (MAX_STREAMS)`,
          { subscriptions: active, limit: limits.total },
        );
      }
      byCaller.set(caller, mine + 1);
      active++;
      let freed = false;
      return () => {
        if (freed) return;
        freed = true;
        active--;
        const left = (byCaller.get(caller) ?? 1) - 1;
        if (left === 0) byCaller.delete(caller);
        else byCaller.set(caller, left);
      };
    },
  };
}
