// graphql-js's `subscribe` with one execution per update and operation instead of one per
// subscriber. The registry pushes the same item object to every subscription of one
// upstream socket (one credential and identity), so subscriptions that run the same document with
// the same variables on it get the same result: it is computed for the first and reused by the
// rest (graphql-js would coerce the variables and arguments and resolve every field again for
// each). Keyed by the update object itself (a WeakMap), so a result lives as long as its update
// and never crosses callers: another caller's update is another object.
//
// Each update executes in a fresh scope (GatewayContext.forUpdate): new loaders and statistics,
// so `event { box { eventsCount } }` reads the count as of this update, not as of the first,
// with the subscription's plan (src/pipeline/plan.ts) serving the update's box windows.
import {
  createSourceEventStream,
  execute,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Update object → operation key → its result. */
const results = new WeakMap<object, Map<string, Result>>();
/** A key per document object (the streaming transports cache parsed documents by text). */
const documentKeys = new WeakMap<DocumentNode, number>();
let nextDocumentKey = 0;

function operationKey(args: ExecutionArgs): string {
  let documentKey = documentKeys.get(args.document);
  if (documentKey === undefined) {
    documentKey = nextDocumentKey++;
    documentKeys.set(args.document, documentKey);
  }
  return `${documentKey}\n${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}`;
}

/** The update's own scope when the context offers one (src/context.ts), else the context. */
function scopeFor(args: ExecutionArgs, payload: object): unknown {
  const context = args.contextValue as
    { forUpdate?: (boxId: string) => unknown } | null | undefined;
  const boxId = (payload as { boxId?: unknown }).boxId;
  return context?.forUpdate && typeof boxId === 'string'
    ? context.forUpdate(boxId)
    : args.contextValue;
}

function executeShared(args: ExecutionArgs, key: string, payload: unknown): Result {
  if (typeof payload !== 'object' || payload === null)
    return execute({ ...args, rootValue: payload });
  let byOperation = results.get(payload);
  if (!byOperation) {
    byOperation = new Map();
    results.set(payload, byOperation);
  }
  let result = byOperation.get(key);
  if (!result) {
    result = execute({ ...args, rootValue: payload, contextValue: scopeFor(args, payload) });
    byOperation.set(key, result);
  }
  return result;
}

/**
 * Drop-in for graphql's `subscribe`. Like graphql-js's own mapping, `return` and `throw` go
 * straight to the source (an async generator would hold them until the next event arrives).
 * Plain `then` chains rather than async functions: a delivery to each subscriber waits on one
 * promise hop here instead of several (the result of all but the first subscriber is already there).
 */
export async function sharedSubscribe(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const key = operationKey(args);
  const iterator = source[Symbol.asyncIterator]();
  const map = (
    next: IteratorResult<unknown>,
  ): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> => {
    if (next.done) return next;
    const result = executeShared(args, key, next.value);
    return result instanceof Promise
      ? result.then((value) => ({ value, done: false }))
      : { value: result, done: false };
  };
  const done = { value: undefined, done: true } as const;
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    next: () => iterator.next().then(map),
    return: async () => (iterator.return ? map(await iterator.return()) : done),
    throw: async (error?: unknown) => {
      if (iterator.throw) return map(await iterator.throw(error));
      throw error;
    },
    [Symbol.asyncIterator]: () => mapped,
  };
  return mapped;
}
