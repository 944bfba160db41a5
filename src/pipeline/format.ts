// Step "format" of the streaming transports: errors through the one formatError Apollo also
// uses (errors/format-error.ts), suggestions hidden with introspection off, a request error of
// variable coercion coded as Apollo codes it. A subscription result is shared by every
// subscriber of its update and operation (execution/shared-subscribe.ts), so it is formatted
// and serialised once for all of them (formatJson; the transports write the JSON into each
// subscriber's frame, http/frame-pump.ts).
import type {
  ExecutionResult,
  FormattedExecutionResult,
  GraphQLError,
  GraphQLFormattedError,
} from 'graphql';
import { variablesInvalid } from '../errors/request-errors';
import { withoutSuggestions } from '../limits/armor';

export interface Formatter {
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[];
  /** Idempotent: a result this formatter returned comes back as it is. */
  formatResult(result: ExecutionResult | FormattedExecutionResult): FormattedExecutionResult;
  /** The formatted result as JSON, serialised once per result object. */
  formatJson(result: ExecutionResult): string;
}

export interface FormatterOptions {
  hideSuggestions: boolean;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

export function createFormatter(options: FormatterOptions): Formatter {
  /** Result object → its formatted form, keyed weakly: it lives as long as the result. */
  const formattedResults = new WeakMap<object, FormattedExecutionResult>();
  const outputs = new WeakSet<object>();
  const serialised = new WeakMap<object, string>();

  const formatErrors = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      if (options.hideSuggestions) error.message = withoutSuggestions(error.message);
      // A formatted error the transport passes back (onError after our own refusal).
      if (typeof error.toJSON !== 'function') return error as GraphQLFormattedError;
      return options.formatError(error.toJSON(), error);
    });

  const formatOnce = (result: ExecutionResult): FormattedExecutionResult => {
    // No `data` at all: a request error (variables that do not coerce), coded as Apollo does.
    const errors = result.errors?.map((error) =>
      !('data' in result) && error.originalError === undefined && !error.extensions.code
        ? variablesInvalid(error)
        : error,
    );
    const formatted = {
      ...(result.data === undefined ? {} : { data: result.data }),
      ...(errors ? { errors: formatErrors(errors) } : {}),
      ...(result.extensions ? { extensions: result.extensions } : {}),
    };
    outputs.add(formatted);
    return formatted;
  };

  const formatResult = (
    result: ExecutionResult | FormattedExecutionResult,
  ): FormattedExecutionResult => {
    if (outputs.has(result)) return result as FormattedExecutionResult;
    let formatted = formattedResults.get(result);
    if (!formatted) {
      formatted = formatOnce(result as ExecutionResult);
      formattedResults.set(result, formatted);
    }
    return formatted;
  };

  return {
    formatErrors,
    formatResult,
    formatJson(result) {
      let json = serialised.get(result);
      if (json === undefined) {
        json = JSON.stringify(formatResult(result));
        serialised.set(result, json);
      }
      return json;
    },
  };
}
