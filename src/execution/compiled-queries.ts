// The compiled queries of one gateway: compiled by graphql-jit once a query has been seen
// `compileAfter` times (a one-off query never pays the compile cost, up to ~100 ms for a large
// one), kept per (query hash, operation name), least recently used dropped first. A query over
// the field budget (compiled-fields.ts) or one graphql-jit refuses is remembered as null and
// always runs on graphql-js.
import type { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { compiledFields } from './compiled-fields';

export interface CompileOptions {
  /** Entries kept, compiled and seen-count alike. */
  max: number;
  /** Largest operation compiled, in fields as graphql-jit expands them. */
  maxFields: number;
  /** The run of a query that compiles it: 1 compiles on first sight. */
  compileAfter: number;
  logger?: { warn(obj: object, msg?: string): void; debug(obj: object, msg?: string): void };
}

/**
 * String, Int, Boolean, ID and enum values are served as the resolvers return them, with an
 * inline null check: graphql-jit otherwise calls a serializer per leaf with two arrays and an
 * object built for the error it might report (a tenth of a 500-event page's CPU). This is only
 * byte-identical to graphql-js because every such value is already of its type: the mapping
 * (schema/event/upstream-content.ts) checks each upstream string and boolean, counts are safe
 * integers (upstream/box-events-api.ts), and enum values are their GraphQL names
 * (schema/access/*.enum.ts). The custom scalars (UUID, DateTime, JSON) still serialize.
 */
const LEAVES_AS_RESOLVED = { disableLeafSerialization: true } as const;

/** A bounded Map that forgets its least recently used key. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

/** The compiled query to run, or null: graphql-js runs this one (not seen enough, or unfit). */
export function compiledQueries(options: CompileOptions) {
  const compiled = new Lru<CompiledQuery | null>(options.max);
  const seen = new Lru<number>(options.max);
  return (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    queryHash: string,
    operationName: string | undefined,
  ): CompiledQuery | null => {
    const key = operationName === undefined ? queryHash : `${queryHash}:${operationName}`;
    const known = compiled.get(key);
    if (known !== undefined) return known;
    const runs = (seen.get(key) ?? 0) + 1;
    if (runs < options.compileAfter) {
      seen.set(key, runs);
      return null;
    }
    seen.delete(key);
    const query = compile(schema, document, operation, operationName, options);
    compiled.set(key, query);
    return query;
  };
}

function compile(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  operationName: string | undefined,
  { maxFields, logger }: CompileOptions,
): CompiledQuery | null {
  try {
    if (compiledFields(schema, document, operation, maxFields) > maxFields) {
      logger?.debug({ maxFields }, 'operation too large to compile: graphql-js runs it');
      return null;
    }
    const result = compileQuery(schema, document, operationName, LEAVES_AS_RESOLVED);
    if (isCompiledQuery(result)) return result;
    logger?.warn(
      { errors: result.errors?.map((e: GraphQLError) => e.message) },
      'graphql-jit cannot compile this operation: graphql-js runs it',
    );
  } catch (error) {
    logger?.warn({ err: error }, 'graphql-jit cannot compile this operation: graphql-js runs it');
  }
  return null;
}
