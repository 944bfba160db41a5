// Operation-shape limits (docs/graphql-api.md#limits): depth and aliases through graphql-armor's
// validation rules, tokens counted before Apollo parses, plus a directive cap. Every rejection
// becomes a QueryTooComplexError in `tooComplex` below, the one place that names the limit and
// the value; Apollo answers it with HTTP 400 and formatError keeps its code.
//
// Decisions on armor's other protections:
// - costLimit: off. Its generic cost (× `first`, × 1.5 per level) refuses legitimate operations,
//   e.g. one eventsConnection(first: 500); the upstream-call estimate in operation-plan.ts is
//   the cost model that fits this API.
// - maxTokens: armor's Apollo plugin is not used. It re-parses in parsingDidStart and turns every
//   syntax error into a 500 GRAPHQL_VALIDATION_FAILED (graphql-armor issues #571, #751). We count
//   the same lexer tokens ourselves, stopping at the first token over the limit.
// - blockFieldSuggestion: not used. Its regex leaves a dangling "?" and misses "Did you mean the
//   enum value …?"; `hideSuggestions` strips every graphql-js suggestion, variable errors included.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorCallbackConfiguration } from '@escape.tech/graphql-armor-types';
import { GraphQLError, Lexer, Source, TokenKind, type ValidationRule } from 'graphql';
import type { Limits } from '../config';
import { QueryTooComplexError } from '../errors/gateway-errors';

/**
 * Directives per operation. Not a setting: only @skip/@include exist here, so no legitimate
 * operation comes near it, while it bounds directive flooding well below the token limit.
 */
export const DEFAULT_MAX_DIRECTIVES = 50;

export interface ArmorOptions {
  /** Strip "Did you mean …?" from error messages (production, with introspection off). @default false */
  hideSuggestions?: boolean;
  /** @default DEFAULT_MAX_DIRECTIVES */
  maxDirectives?: number;
}

export interface OperationArmor {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
}

type Limit = 'depth' | 'aliases' | 'directives' | 'tokens';

const MESSAGES: Record<Limit, (found: number | undefined, max: number) => string> = {
  depth: (found, max) =>
    `operation is ${found ?? 'too many'} levels deep; at most ${max} are allowed`,
  aliases: (found, max) =>
    `operation has ${found ?? 'too many'} aliases; at most ${max} are allowed`,
  directives: (found, max) =>
    `operation has ${found ?? 'too many'} directives; at most ${max} are allowed`,
  tokens: (_found, max) => `document has more than ${max} tokens; at most ${max} are allowed`,
};

/**
 * The one mapping of an armor rejection to the client's error. Armor reports only a message
 * ("Syntax Error: Query depth limit of 12 exceeded, found 13."); with exposeLimits on, the value
 * found is its last number.
 */
export function tooComplex(
  limit: Limit,
  max: number,
  armorError?: GraphQLError,
): QueryTooComplexError {
  const match = armorError && /found (\d+)\.?$/.exec(armorError.message);
  const found = match ? Number(match[1]) : undefined;
  const error = new QueryTooComplexError(MESSAGES[limit](found, max), {
    ...(found === undefined ? {} : { [limit]: found }),
    limit: max,
  });
  error.extensions.http = { status: 400 };
  return error;
}

export function createOperationArmor(limits: Limits, options: ArmorOptions = {}): OperationArmor {
  const reject = (limit: Limit, max: number) =>
    ({
      n: max,
      exposeLimits: true,
      // Report through the validation context, never throw: Apollo then answers 400 with every
      // validation error, ours included.
      propagateOnRejection: false,
      onReject: [(context, error) => context?.reportError(tooComplex(limit, max, error))],
    }) satisfies GraphQLArmorCallbackConfiguration & { n: number; exposeLimits: boolean };
  const maxDirectives = options.maxDirectives ?? DEFAULT_MAX_DIRECTIVES;
  const armor = new ApolloArmor({
    // Fragments do not add a level: depth is the nesting of fields, as a client reads it.
    maxDepth: { ...reject('depth', limits.maxDepth), flattenFragments: true },
    maxAliases: reject('aliases', limits.maxAliases),
    maxDirectives: reject('directives', maxDirectives),
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const plugins: ApolloServerPlugin[] = [...armor.plugins, tokenLimitPlugin(limits.maxTokens)];
  if (options.hideSuggestions) plugins.push(hideSuggestionsPlugin());
  return { plugins, validationRules: armor.validationRules };
}

/** Lexer tokens (comments and EOF excluded, as armor counts them), stopping past `max`. */
export function exceedsTokens(source: string, max: number): boolean {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > max) return true;
  } catch {
    // A lexical error: Apollo's own parse reports it as GRAPHQL_PARSE_FAILED.
  }
  return false;
}

/**
 * Refuses an oversized document before Apollo parses or validates it. A hook that throws before
 * execution reaches unexpectedErrorProcessingRequest; rethrowing our own error there makes Apollo
 * answer with it (formatted, status 400) instead of a masked 500.
 */
function tokenLimitPlugin(maxTokens: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          if (source !== undefined && exceedsTokens(source, maxTokens)) {
            throw tooComplex('tokens', maxTokens);
          }
        },
      };
    },
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof QueryTooComplexError) throw error;
    },
  };
}

/** graphql-js ends every suggestion with "Did you mean …?"; names never contain "?". */
const SUGGESTION = 'Did you mean ';

/**
 * The message without graphql-js's "Did you mean …?" suggestions (and the space before each).
 * Two indexOf scans, not a regular expression: messages echo variable values, and
 * `/ ?Did you mean [^?]*\?/g` retries from every occurrence when no "?" follows, which is
 * quadratic (12,000 repetitions in a variable froze the event loop for seconds). Here each
 * character is looked at a bounded number of times, and a suggestion with no "?" after it ends
 * the search, since none after it can have one either.
 */
export function withoutSuggestions(message: string): string {
  let kept = '';
  let from = 0;
  for (;;) {
    const start = message.indexOf(SUGGESTION, from);
    if (start < 0) break;
    const end = message.indexOf('?', start + SUGGESTION.length);
    if (end < 0) break;
    const cut = start > from && message.charCodeAt(start - 1) === 0x20 ? start - 1 : start;
    kept += message.slice(from, cut);
    from = end + 1;
  }
  return from === 0 ? message : kept + message.slice(from);
}

/** Validation and variable-coercion errors both pass didEncounterErrors before formatting. */
function hideSuggestionsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutSuggestions(error.message);
        },
      };
    },
  };
}
