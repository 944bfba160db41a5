// formatResult of the streaming transports (src/pipeline/format.ts): a result shared by many subscribers
// (execution/shared-subscribe.ts) is formatted once, as plain objects that serialise to exactly
// the JSON the unformatted result would; errors are still formatted and coded.
import {
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  executeSync,
  parse,
} from 'graphql';
import { createFormatter } from '../../src/pipeline/format';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      box: {
        type: new GraphQLObjectType({
          name: 'Box',
          fields: { id: { type: GraphQLString }, title: { type: GraphQLString } },
        }),
        resolve: () => ({ id: 'b1', title: null }),
      },
    },
  }),
});

const operations = createFormatter({
  hideSuggestions: false,
  formatError: (formatted) => ({ ...formatted, extensions: { code: 'CODED' } }),
});

const JSON_OF_BOX = '{"data":{"box":{"id":"b1","title":null}}}';

test('a result formatted for a second subscriber becomes plain objects with the same JSON, once', () => {
  const result = executeSync({ schema, document: parse('{ box { id title } }') });
  // graphql-js builds data of null-prototype objects.
  expect(Object.getPrototypeOf(result.data)).toBeNull();
  // The first (often the only) client gets it formatted as it is: no copy.
  const first = operations.formatResult(result);
  expect(first.data).toBe(result.data);
  expect(JSON.stringify(first)).toBe(JSON_OF_BOX);
  const second = operations.formatResult(result);
  expect(Object.getPrototypeOf(second.data)).toBe(Object.prototype);
  expect(JSON.stringify(second)).toBe(JSON_OF_BOX);
  expect(operations.formatResult(result)).toBe(second);
  // Another result object, even equal, is formatted on its own.
  const other = executeSync({ schema, document: parse('{ box { id title } }') });
  expect(operations.formatResult(other).data).toBe(other.data);
});

test('errors are formatted through formatError', () => {
  const result = { data: null, errors: [new GraphQLError('boom', { path: ['box'] })] };
  expect(operations.formatResult(result)).toEqual({
    data: null,
    errors: [{ message: 'boom', path: ['box'], extensions: { code: 'CODED' } }],
  });
});
