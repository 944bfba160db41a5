// The compile decision of compiled execution: a query compiles on its `compileAfter`-th run,
// once; one over the field budget never compiles; the cache forgets its least recently used.
import { getOperationAST, parse } from 'graphql';
import { compiledQueries, type CompileOptions } from '../../src/execution/compiled-queries';
import { buildGatewaySchema } from '../../src/schema/build-schema';

const schema = buildGatewaySchema();
const BOX = 'b0000000-0000-4000-8000-000000000001';

function runner(options: Partial<CompileOptions> = {}) {
  const compiled = compiledQueries({ max: 10, maxFields: 1000, compileAfter: 2, ...options });
  return (source: string) => {
    const document = parse(source);
    return compiled(schema, document, getOperationAST(document)!, source, undefined);
  };
}

const SMALL = `{ box(id: "${BOX}") { id eventsCount } }`;
// `events` is abstract: graphql-jit compiles `box { id }` once per event type (~20), so this
// small document is ~60 compiled fields.
const LARGE = `{ box(id: "${BOX}") { events { box { id } } } }`;

it('compiles on the second run by default, then reuses the same compiled query', () => {
  const run = runner();
  expect(run(SMALL)).toBeNull();
  const second = run(SMALL);
  expect(second).not.toBeNull();
  expect(run(SMALL)).toBe(second);
});

it('compileAfter 1 compiles at first sight; 3 waits for the third run', () => {
  expect(runner({ compileAfter: 1 })(SMALL)).not.toBeNull();
  const run = runner({ compileAfter: 3 });
  expect([run(SMALL), run(SMALL)]).toEqual([null, null]);
  expect(run(SMALL)).not.toBeNull();
});

it('never compiles a query over the field budget, however often it runs', () => {
  const run = runner({ compileAfter: 1, maxFields: 20 });
  for (let i = 0; i < 3; i++) expect(run(LARGE)).toBeNull();
  expect(runner({ compileAfter: 1, maxFields: 1000 })(LARGE)).not.toBeNull();
});

it('forgets the least recently used entry beyond max', () => {
  const run = runner({ compileAfter: 1, max: 2 });
  const a = `{ box(id: "${BOX}") { id } }`;
  const b = `{ box(id: "${BOX}") { eventsCount } }`;
  const c = `{ box(id: "${BOX}") { filesCount } }`;
  const first = run(a);
  run(b);
  run(c); // a is dropped
  expect(run(a)).not.toBe(first);
});
