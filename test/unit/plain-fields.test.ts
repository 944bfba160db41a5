// buildGatewaySchema leaves plain fields without a resolver (graphql-jit then inlines the
// property read) and keeps every @FieldResolver; a field whose middlewares, roles or renamed
// schema name simpleResolvers would skip stops the build instead.
import { isObjectType } from 'graphql';
import { Field, ObjectType, UseMiddleware } from 'type-graphql';
import { buildGatewaySchema } from '../../src/schema/build-schema';

describe('plain fields read as properties', () => {
  it('leaves plain fields without a resolver and keeps field resolvers', () => {
    const schema = buildGatewaySchema();
    const text = schema.getType('TextMessageEvent');
    const box = schema.getType('Box');
    if (!isObjectType(text) || !isObjectType(box)) throw new Error('schema types missing');
    for (const name of ['id', 'boxId', 'sender', 'encrypted', 'lastEditedAt']) {
      expect({ name, resolve: text.getFields()[name].resolve }).toEqual({
        name,
        resolve: undefined,
      });
    }
    for (const name of ['events', 'eventsCount', 'fileEvents', 'fileEventsCount']) {
      expect(typeof box.getFields()[name].resolve).toBe('function');
    }
    // A getter is served by type-graphql's own resolver, which calls it.
    expect(typeof text.getFields().box.resolve).toBe('function');
  });

  it('refuses to build when a field has a middleware simpleResolvers would skip', () => {
    jest.isolateModules(() => {
      // A fresh module registry: the built schema of the test above is not reused.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { buildGatewaySchema: build } = require('../../src/schema/build-schema') as {
        buildGatewaySchema: typeof buildGatewaySchema;
      };
      @ObjectType()
      class Audited {
        @Field()
        @UseMiddleware(async (_data, next) => next())
        readonly secret!: string;
      }
      expect(Audited).toBeDefined();
      expect(() => build()).toThrow(/Audited\.secret has middlewares/);
    });
  });
});
