// The fetch strategy has one model: over generated operations, the upstream calls the operation
// plan estimates before execution (limits/operation-plan.ts, logged as estimatedUpstreamCalls)
// are exactly the calls the loaders then make, counted from the emulator's request log. If the
// plan and the loaders (page merging, dedup, counts by HEAD) drift apart, a run here fails with
// the operation that shows it.
import fc from 'fast-check';
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import { lastOperationLine } from '../helpers/gateway-checks';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const RUNS = 200;
const BOXES = [DEMO_BOX_IDS.welcome, DEMO_BOX_IDS.archive];

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const window = fc.record({
  offset: fc.integer({ min: 0, max: 1200 }),
  limit: fc.integer({ min: 1, max: 500 }),
});

/** One field of a Box selection, as GraphQL text. */
const boxField = fc.oneof(
  fc.constant('eventsCount'),
  fc.constant('fileEventsCount'),
  window.map(({ offset, limit }) => `events(offset: ${offset}, limit: ${limit}) { id }`),
  window.map(({ offset, limit }) => `fileEvents(offset: ${offset}, limit: ${limit}) { id }`),
  fc.integer({ min: 1, max: 500 }).map((n) => `eventsConnection(first: ${n}) { edges { cursor } }`),
  fc.integer({ min: 1, max: 20 }).map((n) => `events(limit: ${n}) { box { id eventsCount } }`),
  // The chat surface (graphql-api.md §12): the box view, members, accesses.
  fc.constantFrom(
    'title',
    'unreadCount muted',
    'lastEvent { id box { title } }',
    'creator { id }',
    'members { id }',
    'accesses { id }',
  ),
);

const boxSelection = fc
  .array(boxField, { minLength: 1, maxLength: 4 })
  .map((fields) => fields.map((field, i) => `f${i}: ${field}`).join(' '));

const rootField = fc.oneof(
  fc
    .tuple(fc.constantFrom(...BOXES), boxSelection)
    .map(([id, selection]) => `box(id: "${id}") { ${selection} }`),
  fc
    .tuple(fc.subarray(BOXES, { minLength: 1 }), boxSelection)
    .map(
      ([ids, selection]) =>
        `boxes(ids: [${ids.map((id) => `"${id}"`).join(', ')}]) { ${selection} }`,
    ),
);

/**
 * myBoxes' nodes are only known at run time: the plan counts `first` boxes (alice has exactly
 * at least MY_BOXES, so every page asked here is full) and cannot see that a node is also a `box(id)`
 * elsewhere in the operation, so myBoxes is generated beside `me` only.
 */
const MY_BOXES = 3;
const myBoxesField = fc
  .tuple(fc.integer({ min: 1, max: MY_BOXES }), fc.boolean(), boxSelection)
  .map(
    ([first, total, selection]) =>
      `myBoxes(first: ${first}) { ${total ? 'totalCount ' : ''}nodes { id ${selection} } }`,
  );
const meField = fc.constant('me { identityId acr }');

const operation = fc
  .oneof(
    fc.array(fc.oneof(rootField, meField), { minLength: 1, maxLength: 3 }),
    fc
      .tuple(myBoxesField, fc.option(meField, { nil: undefined }))
      .map(([a, b]) => (b ? [a, b] : [a])),
  )
  .map((fields) => `{ ${fields.map((field, i) => `r${i}: ${field}`).join(' ')} }`);

/**
 * Mutations of the chat surface with reads under them: each box read after a write to it is a
 * new generation, markBoxRead and setBoxMuted share one userinfo, createBox's box comes with its
 * view. (Boxes alice creates here only lengthen her list: myBoxes pages above stay full.)
 */
const mutationField = fc.oneof(
  fc
    .tuple(fc.constantFrom(...BOXES), boxSelection)
    .map(([id, selection]) => `markBoxRead(boxId: "${id}") { ${selection} }`),
  fc
    .tuple(fc.constantFrom(...BOXES), boxSelection)
    .map(([id, selection]) => `setBoxMuted(boxId: "${id}", muted: false) { ${selection} }`),
  boxSelection.map(
    (selection) => `createBox(title: "Generated", publicKey: "cGs") { ${selection} }`,
  ),
);
const mutation = fc
  .array(mutationField, { minLength: 1, maxLength: 3 })
  .map((fields) => `mutation { ${fields.map((field, i) => `m${i}: ${field}`).join(' ')} }`);

it(`the plan's estimate equals the upstream calls the loaders make, over ${RUNS} operations`, async () => {
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(fc.oneof({ arbitrary: operation, weight: 3 }, mutation), async (query) => {
      t.resetCalls();
      const res = await t.gql(query, {}, { token: DEMO_TOKENS.alice });
      expect(res.body.errors).toBeUndefined();
      const line = lastOperationLine(t.logs);
      const made = t.upstreamCalls().length;
      expect({ query, estimated: line.estimatedUpstreamCalls }).toEqual({ query, estimated: made });
      checked++;
    }),
    {
      numRuns: RUNS,
      // Found by this test: two 501-item connection windows and a shorter one of one box cost
      // three GETs where the plan counted two, until covered windows always merged.
      examples: [
        [
          `{ r0: boxes(ids: ["${DEMO_BOX_IDS.archive}"]) { f0: eventsConnection(first: 500) { edges { cursor } } } r1: boxes(ids: ["${DEMO_BOX_IDS.archive}"]) { f0: eventsConnection(first: 1) { edges { cursor } } f1: events(limit: 1) { box { id eventsCount } } f2: eventsCount } }`,
        ],
      ],
    },
  );
  expect(checked).toBeGreaterThanOrEqual(RUNS);
}, 300_000);
