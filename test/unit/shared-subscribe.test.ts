// sharedSubscribe: subscriptions that run the same document and variables on the same update
// object share one execution; anything else executes on its own; return() ends at once.
import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionResult,
} from 'graphql';
import { sharedSubscribe } from '../../src/execution/shared-subscribe';

/** A source every subscriber reads: push(update) hands the same object to each. */
function broadcast() {
  const waiting: Array<(value: IteratorResult<object>) => void> = [];
  return {
    push(update: object) {
      for (const resolve of waiting.splice(0)) resolve({ value: update, done: false });
    },
    iterator(): AsyncIterableIterator<object> {
      const it: AsyncIterableIterator<object> = {
        next: () => new Promise((resolve) => waiting.push(resolve)),
        return: async () => ({ value: undefined, done: true }),
        [Symbol.asyncIterator]: () => it,
      };
      return it;
    },
  };
}

function setup() {
  const source = broadcast();
  let executions = 0;
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        updates: {
          type: GraphQLString,
          args: { prefix: { type: GraphQLString } },
          subscribe: () => source.iterator(),
          resolve: (update: { text: string }, args: { prefix?: string }) => {
            executions++;
            return `${args.prefix ?? ''}${update.text}`;
          },
        },
      },
    }),
  });
  return { source, schema, executions: () => executions };
}

const document = parse('subscription($p: String) { updates(prefix: $p) }');

async function open(schema: GraphQLSchema, variables: Record<string, unknown>) {
  const result = await sharedSubscribe({ schema, document, variableValues: variables });
  if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result));
  return result as AsyncIterableIterator<ExecutionResult>;
}

test('the same document and variables on one update execute once for every subscriber', async () => {
  const { source, schema, executions } = setup();
  const subscribers = await Promise.all([1, 2, 3].map(() => open(schema, { p: '>' })));
  const received = Promise.all(subscribers.map((s) => s.next()));
  source.push({ text: 'a' });
  const results = await received;
  expect(results.map((r) => r.value)).toEqual(
    Array.from({ length: 3 }, () => ({ data: { updates: '>a' } })),
  );
  expect(executions()).toBe(1);
  // A new update object is a new execution.
  const again = Promise.all(subscribers.map((s) => s.next()));
  source.push({ text: 'b' });
  expect((await again).map((r) => r.value)).toEqual(
    Array.from({ length: 3 }, () => ({ data: { updates: '>b' } })),
  );
  expect(executions()).toBe(2);
});

test('other variables, or another update object, execute on their own', async () => {
  const { source, schema, executions } = setup();
  const [a, b] = [await open(schema, { p: '1:' }), await open(schema, { p: '2:' })];
  const received = Promise.all([a.next(), b.next()]);
  source.push({ text: 'x' });
  expect((await received).map((r) => r.value)).toEqual([
    { data: { updates: '1:x' } },
    { data: { updates: '2:x' } },
  ]);
  expect(executions()).toBe(2);
});

test('return() ends the subscription at once, with no event pending', async () => {
  const { schema } = setup();
  const subscriber = await open(schema, {});
  const pending = subscriber.next();
  await expect(subscriber.return?.()).resolves.toEqual({ value: undefined, done: true });
  void pending;
});

test('a request error (variables that do not coerce) is returned, not iterated', async () => {
  const { schema } = setup();
  const result = await sharedSubscribe({ schema, document, variableValues: { p: 42 } });
  expect(Symbol.asyncIterator in result).toBe(false);
  expect((result as ExecutionResult).errors?.[0].message).toMatch(/\$p/);
});
