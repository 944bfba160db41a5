// Transparent resume (graphql-api.md §10.1): a subscription's positions are kept under its
// resume key while it runs and for RESUME_WINDOW_S after it ends for any reason other than its
// own completion, the client's `complete` or an error; a subscription that names the same key
// starts from them. Positions are written behind, in one batch per RESUME_FLUSH_MS, and all at
// once by flushAll() at shutdown. A key still active here is taken over at once (the freshest
// positions, read from the running subscription); one active on another replica is taken over
// through the store, whose conditional write then ends the older one at its next flush.
import { randomUUID } from 'node:crypto';
import { realClock, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { PositionStore, PositionWrite, ResumeRecord } from './position-store';
import type { ResumeMetrics, ResumeOutcome } from './resume-metrics';
import { resumeKey, type ResumeHandle } from './resume-key';
import { positionsAt, type Snapshot } from './delivery-tracker';

/** What the resumer needs of a running subscription (realtime/box-subscription.ts). */
export interface Resumable {
  snapshot(): Snapshot;
  complete(reason: 'taken_over'): void;
}

export interface ResumeStart {
  /** Where each box resumes; undefined when nothing was found to resume. */
  positions?: Map<string, string | null>;
  outcome: ResumeOutcome;
  /** Starts tracking the subscription that was started from this. */
  attach(subscription: Resumable): void;
  /** A position was handed to the client: written at the next flush. */
  advanced(): void;
  /** Its resumed boxes had their first replay (the log line of the resume). */
  replayed(count: number): void;
  /** It ended: `keep` whether its positions wait for a resume. */
  end(keep: boolean): void;
}

export interface Resumer {
  /** Transparent resume is on (RESUME_WINDOW_S > 0); `after` works either way. */
  enabled: boolean;
  /** Events replayed for a subscription that started from `after` alone. */
  countReplayed(count: number): void;
  begin(input: {
    caller: string;
    identityId: string;
    boxes: readonly string[];
    handle: ResumeHandle;
    requestId: string;
  }): Promise<ResumeStart>;
  /** Writes every pending position now (SIGTERM, before the client sockets close). */
  flushAll(): Promise<void>;
  /** Stops the flush timer (after the last flushAll). */
  close(): void;
}

/**
 * Whether an ended subscription's positions wait for a resume: not after its own completion, an
 * error or the client's `complete` (a WebSocket `return` while its connection is still open).
 */
export function keepsPositions(reason: string, handle: ResumeHandle): boolean {
  if (reason === 'shutdown') return true;
  if (reason !== 'client') return false;
  return handle.transport === 'sse' || handle.connectionClosed?.() === true;
}

export interface ResumerOptions {
  store: PositionStore;
  windowMs: number;
  flushMs: number;
  metrics: ResumeMetrics;
  logger: Logger;
  /** The flush timer's and the records' clock (retention); a test passes a manual one. */
  clock?: Clock;
}

interface Tracked {
  key: string;
  caller: string;
  owner: string;
  subscription?: Resumable;
  /** Unconditional at its first write: the claim of a resumed or new key. */
  claimed: boolean;
  ended: boolean;
  /** Taken over by another: writes nothing more. */
  lost: boolean;
  /** Keeps the recent moves in its record, for Last-Event-ID. */
  sse: boolean;
}

export function createResumer(options: ResumerOptions): Resumer {
  const { store, windowMs, metrics, logger } = options;
  const clock = options.clock ?? realClock;
  const replica = randomUUID();
  // Running subscriptions, and ended ones until their last positions are written: a client
  // reconnecting to this replica resumes from these, fresher than the store.
  const local = new Map<string, Tracked>();
  const dirty = new Set<Tracked>();
  let lastRefresh = clock.now();

  const toWrite = (tracked: Tracked): PositionWrite | undefined => {
    if (!tracked.subscription || tracked.lost) return undefined;
    const snapshot = tracked.subscription.snapshot();
    const record: ResumeRecord = {
      caller: tracked.caller,
      boxes: Object.fromEntries(snapshot.boxes),
      owner: tracked.owner,
      ended: tracked.ended,
      at: clock.now(),
      ...(tracked.sse ? { recent: snapshot.recent } : {}),
    };
    const write = { key: tracked.key, record, ifOwner: tracked.claimed };
    tracked.claimed = true;
    return write;
  };

  const flush = async () => {
    // A running subscription's record is rewritten well within its expiry even with no event.
    if (clock.now() - lastRefresh > windowMs / 2) {
      lastRefresh = clock.now();
      for (const tracked of local.values()) if (!tracked.ended) dirty.add(tracked);
    }
    const batch = [...dirty];
    dirty.clear();
    const writes = batch.map(toWrite).filter((w): w is PositionWrite => w !== undefined);
    if (writes.length === 0) return;
    try {
      const refusedKeys = await store.write(writes);
      metrics.writes.inc(writes.length - refusedKeys.size);
      for (const tracked of batch) {
        if (tracked.ended && local.get(tracked.key) === tracked) local.delete(tracked.key);
        if (!refusedKeys.has(tracked.key) || tracked.lost) continue;
        // Another replica resumed this operation: this one's client is gone.
        tracked.lost = true;
        if (local.get(tracked.key) === tracked) local.delete(tracked.key);
        tracked.subscription?.complete('taken_over');
      }
    } catch (error) {
      metrics.writeFailures.inc();
      logger.warn({ err: error, positions: writes.length }, 'subscription positions not written');
      for (const tracked of batch) if (!tracked.lost) dirty.add(tracked);
    }
  };

  let flushing: Promise<void> = Promise.resolve();
  const timer = clock.setInterval(() => {
    flushing = flushing.then(flush);
  }, options.flushMs);
  timer.unref();

  const outcomeOf = async (
    key: string,
    boxes: readonly string[],
    seen: number | undefined,
  ): Promise<{ outcome: ResumeOutcome; positions?: Map<string, string | null> }> => {
    // SSE: the client said which event it got last; what was sent after it is sent again.
    const at = (snapshot: Snapshot) =>
      seen === undefined ? snapshot.boxes : positionsAt(snapshot, seen);
    const here = local.get(key);
    if (here?.subscription && !here.lost) {
      const positions = at(here.subscription.snapshot());
      here.lost = true;
      local.delete(key);
      if (here.ended) return { outcome: 'resumed', positions };
      here.subscription.complete('taken_over');
      return { outcome: 'taken_over', positions };
    }
    const record = await store.get(key);
    const sameBoxes =
      record !== undefined &&
      Object.keys(record.boxes).length === boxes.length &&
      boxes.every((box) => box in record.boxes);
    if (!record || !sameBoxes) return { outcome: 'not_found' };
    if (clock.now() - record.at > windowMs) return { outcome: 'expired' };
    const positions = at({
      boxes: new Map(Object.entries(record.boxes)),
      sequence: 0,
      recent: record.recent ?? [],
    });
    return { outcome: record.ended ? 'resumed' : 'taken_over', positions };
  };

  return {
    enabled: windowMs > 0,
    countReplayed: (count) => metrics.replayed.inc(count),
    async begin({ caller, identityId, boxes, handle, requestId }) {
      const key = resumeKey(caller, identityId, handle);
      const { outcome, positions } = await outcomeOf(key, boxes, handle.lastSeen);
      metrics.resumes.inc({ outcome, transport: handle.transport });
      const log = (replayed: number) => {
        const line = { requestId, transport: handle.transport, outcome, replayed };
        // Every new graphql-ws subscription looks up its id: a miss there is the common case.
        if (outcome === 'not_found' && handle.transport === 'ws')
          logger.debug(line, 'subscription resume');
        else logger.info(line, 'subscription resume');
      };
      if (!positions) log(0);
      const tracked: Tracked = {
        key,
        caller,
        owner: `${replica}:${randomUUID()}`,
        claimed: false,
        ended: false,
        lost: false,
        sse: handle.transport === 'sse',
      };
      return {
        positions,
        outcome,
        attach(subscription) {
          tracked.subscription = subscription;
          local.set(key, tracked);
          dirty.add(tracked);
        },
        advanced() {
          if (!tracked.lost) dirty.add(tracked);
        },
        replayed(count) {
          metrics.replayed.inc(count);
          if (positions) log(count);
        },
        end(keep) {
          if (tracked.lost) return;
          if (keep) {
            // Stays in `local` until written (flush), for a reconnect to this replica.
            tracked.ended = true;
            dirty.add(tracked);
            return;
          }
          if (local.get(key) === tracked) local.delete(key);
          tracked.lost = true;
          dirty.delete(tracked);
          store.delete(key).catch(() => {});
        },
      };
    },
    async flushAll() {
      flushing = flushing.then(flush);
      await flushing;
    },
    close: () => clock.clearTimeout(timer),
  };
}
