// The operation armor on its own: armor's rejections become QUERY_TOO_COMPLEX errors naming the
// limit and the value (this pins armor's message wording, which tooComplex reads), the token
// count stops at the limit, suggestions are stripped, and the two armor defaults we turned off
// really would refuse or mangle what we serve.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import type { Limits } from '../../src/config';
import { QueryTooComplexError } from '../../src/errors/gateway-errors';
import { createOperationArmor, exceedsTokens } from '../../src/limits/armor';
import { buildGatewaySchema } from '../../src/schema/build-schema';

const BOX = 'b0000000-0000-4000-8000-000000000001';
const LIMITS: Limits = {
  maxDepth: 3,
  maxAliases: 2,
  maxTokens: 50,
  maxBodyBytes: 1024,
  maxMutations: 10,
  maxUpstreamCalls: 200,
  upstreamConcurrency: 16,
  requestTimeoutMs: 30_000,
  maxVariablesDepth: 32,
};

let schema: GraphQLSchema;
beforeAll(() => {
  schema = buildGatewaySchema();
});

function validateWith(
  rules: ReturnType<typeof createOperationArmor>['validationRules'],
  query: string,
) {
  return validate(schema, parse(query), rules);
}

describe('armor rejections become QUERY_TOO_COMPLEX', () => {
  const { validationRules } = createOperationArmor(LIMITS, { maxDirectives: 2 });

  it.each([
    [
      'depth',
      `{ box(id: "${BOX}") { events { box { id } } } }`,
      'operation is 4 levels deep; at most 3 are allowed',
      { depth: 4, limit: 3 },
    ],
    [
      'aliases',
      `{ box(id: "${BOX}") { a: id b: id c: id } }`,
      'operation has 3 aliases; at most 2 are allowed',
      { aliases: 3, limit: 2 },
    ],
    [
      'directives',
      `{ box(id: "${BOX}") { id @skip(if: false) a: id @skip(if: false) b: id @skip(if: false) } }`,
      'operation has 3 directives; at most 2 are allowed',
      { directives: 3, limit: 2 },
    ],
  ])('%s', (_limit, query, message, extensions) => {
    const errors = validateWith(validationRules, query);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(QueryTooComplexError);
    expect(errors[0]!.message).toBe(message);
    expect(errors[0]!.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      ...extensions,
      http: { status: 400 },
    });
  });

  it('counts fields, not fragments, towards depth', () => {
    const query = `{ box(id: "${BOX}") { ...F } } fragment F on Box { events { ... on BoxEvent { id } } }`;
    expect(validateWith(validationRules, query)).toEqual([]);
  });

  it('leaves an operation at every limit alone', () => {
    const query = `{ box(id: "${BOX}") { a: id @skip(if: false) b: events { id @include(if: true) } } }`;
    expect(validateWith(validationRules, query)).toEqual([]);
  });
});

describe('exceedsTokens', () => {
  it('allows exactly the limit and refuses one more', () => {
    expect(exceedsTokens('{ a b c }', 5)).toBe(false);
    expect(exceedsTokens('{ a b c d }', 5)).toBe(true);
  });

  it('does not count comments or commas', () => {
    expect(exceedsTokens('# a long comment\n{ a, b, c }', 5)).toBe(false);
  });

  it('stops at the first token over the limit, before a lexical error further on', () => {
    expect(exceedsTokens(`{ ${'a '.repeat(10)} "unterminated`, 5)).toBe(true);
  });

  it('leaves a lexical error within the limit to the parser', () => {
    expect(exceedsTokens('{ "unterminated', 5)).toBe(false);
  });
});

describe('suggestions', () => {
  async function strip(message: string): Promise<string> {
    const plugin = createOperationArmor(LIMITS, { hideSuggestions: true }).plugins.at(-1)!;
    const listener = await plugin.requestDidStart!({} as never);
    const error = new GraphQLError(message);
    await listener!.didEncounterErrors!({ errors: [error] } as never);
    return error.message;
  }

  it.each([
    [
      'Cannot query field "evnts" on type "Box". Did you mean "events"?',
      'Cannot query field "evnts" on type "Box".',
    ],
    [
      'Unknown argument "limt" on field "Box.events". Did you mean "limit" or "offset"?',
      'Unknown argument "limt" on field "Box.events".',
    ],
    [
      'Variable "$m" got invalid value "PUBLC"; Value "PUBLC" does not exist in "AccessMode" enum. Did you mean the enum value "PUBLIC"?',
      'Variable "$m" got invalid value "PUBLC"; Value "PUBLC" does not exist in "AccessMode" enum.',
    ],
    ['Unknown type "Boxx".', 'Unknown type "Boxx".'],
  ])('%s', async (message, stripped) => {
    expect(await strip(message)).toBe(stripped);
  });

  it('are kept when not asked to hide them', () => {
    expect(createOperationArmor(LIMITS).plugins).toHaveLength(1);
  });
});

describe('why armor defaults are off', () => {
  const only = (protection: 'costLimit' | 'blockFieldSuggestion') =>
    new ApolloArmor({
      costLimit: { enabled: protection === 'costLimit' },
      blockFieldSuggestion: { enabled: protection === 'blockFieldSuggestion' },
      maxAliases: { enabled: false },
      maxDepth: { enabled: false },
      maxDirectives: { enabled: false },
      maxTokens: { enabled: false },
    }).protect();

  it('its default cost limit refuses one legitimate 500-event connection page', () => {
    const query = `{ box(id: "${BOX}") { eventsConnection(first: 500) { edges { cursor node { id type } } } } }`;
    const errors = validate(schema, parse(query), only('costLimit').validationRules);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Syntax Error: Query Cost limit of 5000 exceeded/),
    ]);
  });

  it('its suggestion blocker leaves a dangling "?" and misses enum values', async () => {
    const plugin = only('blockFieldSuggestion').plugins[0]!;
    const listener = await plugin.requestDidStart!({} as never);
    const field = new GraphQLError(
      'Cannot query field "evnts" on type "Box". Did you mean "events"?',
    );
    const value = new GraphQLError(
      'Value "PUBLC" does not exist in "AccessMode" enum. Did you mean the enum value "PUBLIC"?',
    );
    await listener!.didEncounterErrors!({ errors: [field, value] } as never);
    expect(field.message).toBe('Cannot query field "evnts" on type "Box". [Suggestion hidden]?');
    expect(value.message).toMatch(/Did you mean the enum value "PUBLIC"\?$/);
  });
});
