// Whether the page's realtime link is live, for the "reconnecting…" banner: the page never shows
// a live timeline that is not. The graphql-ws client reports its socket's life (client.ts);
// React reads it with useSyncExternalStore.
import { useSyncExternalStore } from 'react';

/** `idle`: no subscription needs the socket (graphql-ws is lazy and closed it on purpose). */
export type LinkState = 'idle' | 'live' | 'reconnecting';

export interface ConnectionStatus {
  get(): LinkState;
  set(state: LinkState): void;
  subscribe(listener: () => void): () => void;
}

export function createConnectionStatus(): ConnectionStatus {
  let state: LinkState = 'idle';
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useConnectionStatus(status: ConnectionStatus): LinkState {
  return useSyncExternalStore(status.subscribe, status.get);
}
