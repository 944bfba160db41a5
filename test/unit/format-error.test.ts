// formatError through a real ApolloServer (executeOperation), so the wrapping by graphql-js and
// Apollo (resolver errors, variable and literal coercion errors) is the real one; stacktraces are
// switched on in Apollo to prove formatError strips them.
import { ApolloServer } from '@apollo/server';
import {
  GraphQLError,
  GraphQLID,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  type GraphQLFormattedError,
} from 'graphql';
import { createFormatError, type ErrorLogger } from '../../src/errors/format-error';
import {
  BadUserInputError,
  GatewayError,
  UnauthenticatedError,
} from '../../src/errors/gateway-errors';
import { toGraphQLError } from '../../src/errors/to-graphql-error';
import {
  UpstreamHttpError,
  UpstreamProtocolError,
  UpstreamTimeoutError,
} from '../../src/upstream/upstream-errors';

const call = { method: 'GET', route: '/boxes/:id/events' };

const Uuid = new GraphQLScalarType({
  name: 'UUID',
  parseValue(value) {
    if (typeof value !== 'string' || !/^[0-9a-f-]{36}$/.test(value)) {
      throw new BadUserInputError('Expected a lowercase UUID', { id: 'malformed' });
    }
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !/^[0-9a-f-]{36}$/.test(ast.value)) {
      throw new BadUserInputError('Expected a lowercase UUID', { id: 'malformed' });
    }
    return ast.value;
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      box: {
        type: GraphQLString,
        args: { id: { type: new GraphQLNonNull(Uuid) } },
        resolve: (_source, args: { id: string }) => args.id,
      },
      gateway: { type: GraphQLString, resolve: () => Promise.reject(new UnauthenticatedError()) },
      mapped: {
        type: GraphQLString,
        resolve: () => {
          throw toGraphQLError(new UpstreamHttpError(403, null, call));
        },
      },
      upstreamForbidden: {
        type: GraphQLString,
        resolve: () => {
          throw new UpstreamHttpError(
            403,
            {
              code: 'forbidden',
              origin: 'acr',
              desc: 'acr is too low',
              details: { required_acr: '2' },
            },
            call,
          );
        },
      },
      upstreamTimeout: {
        type: GraphQLString,
        resolve: () => Promise.reject(new UpstreamTimeoutError(200, call)),
      },
      upstreamProtocol: {
        type: GraphQLString,
        resolve: () =>
          Promise.reject(new UpstreamProtocolError('upstream did not return a JSON array', call)),
      },
      bug: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('database password is hunter2');
        },
      },
      codedByHand: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('secret internals', { extensions: { code: 'SOMETHING_ELSE' } });
        },
      },
      nonNull: { type: new GraphQLNonNull(GraphQLID), resolve: () => null },
    },
  }),
});

function makeLogger() {
  const logger = { error: jest.fn(), warn: jest.fn() } satisfies ErrorLogger;
  return logger;
}

async function run(query: string, variables?: Record<string, unknown>) {
  const logger = makeLogger();
  const server = new ApolloServer({
    schema,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: true,
    logger: { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() },
  });
  await server.start();
  try {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { errors: response.body.singleResult.errors ?? [], logger };
  } finally {
    await server.stop();
  }
}

function only(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError {
  expect(errors).toHaveLength(1);
  expect(JSON.stringify(errors)).not.toContain('stacktrace');
  return errors[0];
}

describe('formatError', () => {
  it('keeps a GatewayError thrown by a resolver, with path and locations', async () => {
    const { errors, logger } = await run('{ gateway }');
    expect(only(errors)).toEqual({
      message: new UnauthenticatedError().message,
      locations: [{ line: 1, column: 3 }],
      path: ['gateway'],
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('keeps a GatewayError a resolver mapped itself, upstream extension included', async () => {
    const { errors } = await run('{ mapped }');
    expect(only(errors).extensions).toEqual({
      code: 'FORBIDDEN',
      upstream: { status: 403, code: 'forbidden', origin: 'not_defined', details: {} },
    });
  });

  it('maps a raw UpstreamError from a resolver', async () => {
    const { errors } = await run('{ upstreamForbidden }');
    const error = only(errors);
    expect(error.path).toEqual(['upstreamForbidden']);
    expect(error.extensions).toEqual({
      code: 'STEP_UP_REQUIRED',
      requiredAcr: 2,
      upstream: { status: 403, code: 'forbidden', origin: 'acr', details: { required_acr: '2' } },
    });
    expect(error.message).not.toContain('acr is too low');
  });

  it('maps an upstream timeout', async () => {
    const { errors } = await run('{ upstreamTimeout }');
    expect(only(errors).extensions).toEqual({ code: 'UPSTREAM_TIMEOUT' });
  });

  it('maps an unusable upstream answer and logs it as a warning', async () => {
    const { errors, logger } = await run('{ upstreamProtocol }');
    expect(only(errors).extensions).toEqual({ code: 'UPSTREAM_ERROR' });
    expect(logger.warn).toHaveBeenCalledWith(
      { err: expect.any(UpstreamProtocolError) },
      expect.any(String),
    );
  });

  it('masks anything else and logs the original at error level', async () => {
    const { errors, logger } = await run('{ bug }');
    expect(only(errors)).toEqual({
      message: 'Internal server error',
      locations: [{ line: 1, column: 3 }],
      path: ['bug'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
    const [logged] = logger.error.mock.calls[0] as [{ err: GraphQLError }];
    expect(logged.err.originalError?.message).toBe('database password is hunter2');
  });

  it('masks a GraphQLError with a code that is neither ours nor Apollo’s', async () => {
    const { errors } = await run('{ codedByHand }');
    expect(only(errors)).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('masks graphql-js execution errors (a null for a non-null field)', async () => {
    const { errors, logger } = await run('{ nonNull }');
    expect(only(errors)).toMatchObject({ message: 'Internal server error', path: ['nonNull'] });
    expect(logger.error).toHaveBeenCalled();
  });

  it('keeps the GatewayError code of a scalar that rejects a variable', async () => {
    const { errors } = await run('query ($id: UUID!) { box(id: $id) }', { id: 'NOT-A-UUID' });
    const error = only(errors);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { id: 'malformed' } });
    expect(error.message).toContain('$id');
    expect(error.message).toContain('Expected a lowercase UUID');
  });

  it('turns a scalar literal rejection into its GatewayError code, not GRAPHQL_VALIDATION_FAILED', async () => {
    const { errors } = await run('{ box(id: "NOT-A-UUID") }');
    const error = only(errors);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { id: 'malformed' } });
    // graphql-js reports a GraphQLError thrown by parseLiteral as is, so it has no locations.
    expect(error.message).toBe('Expected a lowercase UUID');
  });

  it.each([
    ['GRAPHQL_PARSE_FAILED', '{ box('],
    ['GRAPHQL_VALIDATION_FAILED', '{ nope }'],
  ])('passes Apollo’s %s through', async (code, query) => {
    const { errors, logger } = await run(query);
    expect(only(errors).extensions).toEqual({ code });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('passes Apollo’s BAD_USER_INPUT for a missing variable through', async () => {
    const { errors } = await run('query ($id: UUID!) { box(id: $id) }', {});
    expect(only(errors).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});

describe('formatError called directly', () => {
  it('strips stacktrace from pass-through and gateway errors', () => {
    const formatError = createFormatError(makeLogger());
    const formatted = {
      message: 'x',
      extensions: { code: 'BAD_REQUEST', stacktrace: ['at secret.ts:1'] },
    };
    expect(formatError(formatted, new GraphQLError('x'))).toEqual({
      message: 'x',
      extensions: { code: 'BAD_REQUEST' },
    });
    const gateway = new GatewayError('NOT_FOUND', 'Not found');
    expect(
      formatError(
        { message: 'Not found', extensions: { code: 'NOT_FOUND', stacktrace: [] } },
        gateway,
      ),
    ).toEqual({
      message: 'Not found',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('masks a thrown non-error value', () => {
    const logger = makeLogger();
    expect(
      createFormatError(logger)(
        { message: 'oops', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        'oops',
      ),
    ).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logger.error).toHaveBeenCalledWith({ err: 'oops' }, expect.any(String));
  });

  it('survives a cyclic originalError chain', () => {
    const a = new GraphQLError('a') as GraphQLError & { originalError: unknown };
    Object.defineProperty(a, 'originalError', { value: a });
    expect(createFormatError(makeLogger())({ message: 'a' }, a).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });
});
