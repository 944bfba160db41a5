// The pipeline as the streaming transports run it (http/graphql-ws-server.ts,
// http/graphql-sse-route.ts): the same steps, in the same order, as Apollo runs for POST/GET
// /graphql through apollo-adapter.ts. trusted document → size and token limits → parse (the one
// document cache) → validate → plan and budget → rate limit → execute → format → observe.
// Queries and mutations run on graphql-js here (graphql-jit serves only HTTP queries).
import {
  GraphQLError,
  execute,
  getOperationAST,
  parse,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { RequestHeaders } from '../auth/credentials';
import type { Limits } from '../config';
import type { GatewayContext, Transport } from '../context';
import type { ResumeHandle } from '../resume/resume-key';
import { noQueryDocument, noSuchOperation, parseFailed } from '../errors/request-errors';
import { sharedSubscribe } from '../execution/shared-subscribe';
import {
  refuseUntrusted,
  resolveStreamDocument,
  type TrustedDocuments,
} from '../persisted/resolve-document';
import { queryHash, type DocumentCache } from './document-cache';
import type { Formatter } from './format';
import type { Observe } from './observe';
import { enforcePlan, type PlanFor } from './plan';
import type { RateLimit } from './rate-limit';
import { checkTokens, checkVariablesDepth } from './size-limits';
import { validateDocument } from './validate';

export interface StreamRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: Record<string, unknown> | null;
  /** A trusted document's id (graphql-api.md §11), instead of `query`. */
  documentId?: unknown;
}

export interface StreamPipelineDeps {
  schema: GraphQLSchema;
  limits: Limits;
  /** Beyond graphql-js's specified rules (validate.ts gatewayRules). */
  rules: ValidationRule[];
  documents: DocumentCache;
  planFor: PlanFor;
  rateLimit: RateLimit | undefined;
  formatter: Formatter;
  observe: Observe;
  /** PERSISTED_DOCUMENTS: ids resolve through the manifest; with `only`, nothing else runs. */
  trusted?: TrustedDocuments;
}

export interface StreamPipeline {
  /** Execution arguments, or the coded errors that refuse the operation (already observed). */
  prepare(
    request: StreamRequest,
    contextValue: GatewayContext,
  ): Promise<ExecutionArgs | GraphQLError[]>;
  /** Queries and mutations: the formatted result, observed. */
  execute(args: ExecutionArgs): Promise<FormattedExecutionResult>;
  /** Subscriptions: the update stream, or the formatted failure; its start is observed. */
  subscribe(
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | FormattedExecutionResult>;
  formatter: Formatter;
}

/** What both streaming transports (http/graphql-ws-server.ts, http/graphql-sse-route.ts) need. */
export interface StreamTransportDeps {
  schema: GraphQLSchema;
  pipeline: StreamPipeline;
  createContext(request: {
    id: string;
    headers: RequestHeaders;
    transport: Transport;
    /** The transport's name for a subscription, for a transparent resume (src/resume/). */
    resume?: ResumeHandle;
  }): GatewayContext;
  allowedOrigins: readonly string[];
}

/** What observe needs of an operation prepared earlier. */
interface Started {
  started: bigint;
  operation: OperationDefinitionNode;
}

export function createStreamPipeline(deps: StreamPipelineDeps): StreamPipeline {
  const { schema, limits, formatter } = deps;
  const started = new WeakMap<object, Started>();

  const refuse = (
    ctx: GatewayContext,
    errors: GraphQLError[],
    since: bigint,
    request: StreamRequest,
    operation?: OperationDefinitionNode,
  ): GraphQLError[] => {
    deps.observe(ctx, {
      operationName:
        operation?.name?.value ??
        (typeof request.operationName === 'string' ? request.operationName : undefined),
      operationType: operation?.operation,
      errors: errors.map((error) => ({ extensions: error.extensions })),
      hasData: false,
      started: since,
    });
    return errors;
  };

  const documentFor = (query: string): DocumentNode | GraphQLError[] => {
    const hash = queryHash(query);
    const known = deps.documents.get(hash);
    if (known) return known;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return [parseFailed(error)];
    }
    const invalid = validateDocument(schema, document, deps.rules);
    if (invalid.length > 0) return invalid;
    deps.documents.set(hash, document);
    return document;
  };

  const observeResult = (args: ExecutionArgs, result: FormattedExecutionResult) => {
    const ctx = args.contextValue as GatewayContext;
    const known = started.get(ctx);
    deps.observe(ctx, {
      operationName: known?.operation.name?.value,
      operationType: known?.operation.operation,
      errors: result.errors,
      hasData: result.data !== undefined && result.data !== null,
      started: known?.started ?? process.hrtime.bigint(),
    });
  };

  return {
    formatter,
    async prepare(incoming, ctx) {
      const since = ctx.startedAt;
      const request = { ...incoming };
      let operation: OperationDefinitionNode | undefined;
      try {
        if (deps.trusted) {
          refuseUntrusted(deps.trusted.only, resolveStreamDocument(deps.trusted.manifest, request));
        }
        const { query } = request;
        if (typeof query !== 'string' || query.trim() === '') {
          return refuse(ctx, [noQueryDocument()], since, request);
        }
        checkTokens(query, limits);
        const variables =
          typeof request.variables === 'object' && request.variables !== null
            ? (request.variables as Record<string, unknown>)
            : {};
        checkVariablesDepth(request, limits.maxVariablesDepth);
        const document = documentFor(query);
        if (Array.isArray(document)) return refuse(ctx, document, since, request);
        const name = typeof request.operationName === 'string' ? request.operationName : undefined;
        operation = getOperationAST(document, name) ?? undefined;
        if (!operation) return refuse(ctx, [noSuchOperation()], since, request);
        enforcePlan(limits, deps.planFor, {
          schema,
          document,
          operation,
          variables,
          contextValue: ctx,
        });
        await deps.rateLimit?.(ctx);
        started.set(ctx, { started: since, operation });
        return {
          schema,
          document,
          operationName: name,
          variableValues: variables,
          contextValue: ctx,
        };
      } catch (error) {
        if (error instanceof GraphQLError) return refuse(ctx, [error], since, request, operation);
        throw error;
      }
    },
    async execute(args) {
      (args.contextValue as GatewayContext).executor = 'graphql-js';
      const formatted = formatter.formatResult(await execute(args));
      observeResult(args, formatted);
      return formatted;
    },
    async subscribe(args) {
      (args.contextValue as GatewayContext).executor = 'graphql-js';
      const source = await sharedSubscribe(args);
      if (Symbol.asyncIterator in source) {
        observeResult(args, { data: {} });
        return source;
      }
      const formatted = formatter.formatResult(source);
      observeResult(args, formatted);
      return formatted;
    },
  };
}
