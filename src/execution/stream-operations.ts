// Operations arriving over the streaming transports (graphql-ws on /graphql, graphql-sse on
// /graphql/stream) get what Apollo gives POST /graphql: the token limit before parsing, the
// armor validation rules (depth, aliases, directives), the argument and upstream-call checks of
// the operation plan, suggestions hidden in production, and formatError on every error. They run
// through graphql-js (`subscribe` / `execute`, chosen by the transports), never graphql-jit.
// With trusted documents, the manifest's rule comes first, as on POST /graphql.
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Limits } from '../config';
import type { RequestHeaders } from '../auth/credentials';
import type { GatewayContext, Transport } from '../context';
import type { ResumeHandle } from '../resume/resume-key';
import { GatewayError } from '../errors/gateway-errors';
import {
  noQueryDocument,
  noSuchOperation,
  parseFailed,
  validationFailed,
  variablesInvalid,
} from '../errors/request-errors';
import { exceedsTokens, tooComplex, withoutSuggestions } from '../limits/armor';
import { enforceOperationLimits, planCache } from '../limits/operation-limits-plugin';
import {
  refuseUntrusted,
  resolveStreamDocument,
  type TrustedDocuments,
} from '../persisted/resolve-document';

export interface StreamRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: Record<string, unknown> | null;
  /** A trusted document's id (graphql-api.md §11), instead of `query`. */
  documentId?: unknown;
}

export interface StreamOperations {
  /** Execution arguments, or the request errors (already coded) that refuse it. */
  prepare(request: StreamRequest, contextValue: GatewayContext): ExecutionArgs | GraphQLError[];
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[];
  formatResult(result: ExecutionResult): FormattedExecutionResult;
}

/** What both streaming transports (http/graphql-ws-server.ts, http/graphql-sse-route.ts) need. */
export interface StreamTransportDeps {
  schema: GraphQLSchema;
  operations: StreamOperations;
  createContext(request: {
    id: string;
    headers: RequestHeaders;
    transport: Transport;
    resume?: ResumeHandle;
  }): GatewayContext;
  allowedOrigins: readonly string[];
}

export interface StreamOperationsOptions {
  schema: GraphQLSchema;
  limits: Limits;
  validationRules: ValidationRule[];
  hideSuggestions: boolean;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** PERSISTED_DOCUMENTS: ids resolve through the manifest; with `only`, nothing else runs. */
  trusted?: TrustedDocuments;
}

export function createStreamOperations(options: StreamOperationsOptions): StreamOperations {
  const { schema, limits } = options;
  const rules = [...specifiedRules, ...options.validationRules];
  const planFor = planCache();
  const documents = new Map<string, DocumentNode>();

  const formatErrors = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      if (options.hideSuggestions) error.message = withoutSuggestions(error.message);
      return options.formatError(error.toJSON(), error);
    });

  const parseCached = (query: string): DocumentNode => {
    let document = documents.get(query);
    if (!document) {
      document = parse(query);
      if (documents.size >= 1000) documents.clear();
      documents.set(query, document);
    }
    return document;
  };

  return {
    prepare(incoming, contextValue) {
      const request = { ...incoming };
      if (options.trusted) {
        try {
          refuseUntrusted(
            options.trusted.only,
            resolveStreamDocument(options.trusted.manifest, request),
          );
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      }
      const { query, operationName } = request;
      if (typeof query !== 'string' || query.trim() === '') {
        return [noQueryDocument()];
      }
      if (exceedsTokens(query, limits.maxTokens)) return [tooComplex('tokens', limits.maxTokens)];
      let document: DocumentNode;
      try {
        document = parseCached(query);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        return [parseFailed(error)];
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) {
        return invalid.map((error) =>
          error instanceof GatewayError || error.originalError instanceof GatewayError
            ? error
            : validationFailed(error),
        );
      }
      const name = typeof operationName === 'string' ? operationName : undefined;
      const operation = getOperationAST(document, name);
      if (!operation) {
        return [noSuchOperation()];
      }
      const variables =
        typeof request.variables === 'object' && request.variables !== null
          ? (request.variables as Record<string, unknown>)
          : {};
      if (operation.operation !== 'subscription') {
        try {
          enforceOperationLimits(limits, planFor, {
            schema,
            document,
            operation,
            variables,
            contextValue,
          });
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      }
      return {
        schema,
        document,
        operationName: name,
        variableValues: variables,
        contextValue,
      };
    },
    formatErrors,
    formatResult(result) {
      const known = formattedResults.get(result);
      if (!known) {
        // Most results reach one client (a query, a caller's only subscription): no copy.
        const formatted = formatOnce(result);
        formattedResults.set(result, { formatted, plain: false });
        return formatted;
      }
      if (!known.plain) {
        // A second subscriber of this result: the copy pays for itself from the next frame on.
        known.formatted = plainCopy(known.formatted);
        known.plain = true;
      }
      return known.formatted;
    },
  };

  function formatOnce(result: ExecutionResult): FormattedExecutionResult {
    // No `data` at all: a request error (variables that do not coerce), coded as Apollo does.
    const errors = result.errors?.map((error) =>
      !('data' in result) && error.originalError === undefined && !error.extensions.code
        ? variablesInvalid(error)
        : error,
    );
    return {
      ...(result.data === undefined ? {} : { data: result.data }),
      ...(errors ? { errors: formatErrors(errors) } : {}),
      ...(result.extensions ? { extensions: result.extensions } : {}),
    };
  }
}

/**
 * Result object → its formatted form. A subscription result is shared by every subscriber of its
 * update and operation (execution/shared-subscribe.ts), so it is formatted once for all of them;
 * keyed weakly, it lives as long as the result. `plain`: already converted by plainCopy.
 */
const formattedResults = new WeakMap<
  ExecutionResult,
  { formatted: FormattedExecutionResult; plain: boolean }
>();

/**
 * The same JSON as plain objects. graphql-js builds `data` of null-prototype objects, which V8
 * keeps in dictionary mode and JSON.stringify walks slowly; each subscriber's frame stringifies
 * the formatted result again (the transports own the frame), so a shared one is converted here
 * (bench:realtime: ~1.5 µs instead of ~2.3 µs per frame of the bench's selection). Byte for byte
 * the same output: the result is sent as JSON anyway.
 */
const plainCopy = (formatted: FormattedExecutionResult): FormattedExecutionResult =>
  JSON.parse(JSON.stringify(formatted)) as FormattedExecutionResult;
