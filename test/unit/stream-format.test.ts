// formatResult and formatJson of the streaming transports (src/pipeline/format.ts): a result
// shared by many subscribers (execution/shared-subscribe.ts) is formatted and serialised once,
// to exactly the JSON the unformatted result would give; errors are still formatted and coded.
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

test('a result shared by many subscribers is formatted and serialised once, to the JSON of the result', () => {
  const result = executeSync({ schema, document: parse('{ box { id title } }') });
  const first = operations.formatResult(result);
  expect(first.data).toBe(result.data);
  expect(JSON.stringify(first)).toBe(JSON_OF_BOX);
  expect(operations.formatResult(result)).toBe(first);
  // A formatted result passed back is returned as it is.
  expect(operations.formatResult(first)).toBe(first);
  const json = operations.formatJson(result);
  expect(json).toBe(JSON_OF_BOX);
  // The same string object for every later subscriber: serialised once.
  const spy = jest.spyOn(JSON, 'stringify');
  try {
    expect(operations.formatJson(result)).toBe(json);
    expect(spy).not.toHaveBeenCalled();
  } finally {
    spy.mockRestore();
  }
  // Another result object, even equal, is formatted on its own.
  const other = executeSync({ schema, document: parse('{ box { id title } }') });
  expect(operations.formatResult(other).data).toBe(other.data);
  expect(operations.formatJson(other)).toBe(JSON_OF_BOX);
});

test('errors are formatted through formatError', () => {
  const result = { data: null, errors: [new GraphQLError('boom', { path: ['box'] })] };
  expect(operations.formatResult(result)).toEqual({
    data: null,
    errors: [{ message: 'boom', path: ['box'], extensions: { code: 'CODED' } }],
  });
});
