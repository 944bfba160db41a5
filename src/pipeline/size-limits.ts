// Step "size and token limits", before anything parses: the token count of the document
// (graphql-api.md §6) and the nesting of the variables, which graphql-js coerces and
// JSON.stringify walks recursively (100,000 levels overflow the stack: a 500, or on a stream a
// response that never ends). The request body's size is bounded by the transports themselves
// (Fastify's bodyLimit, ws's maxPayload), both from MAX_BODY_BYTES. JSON.parse itself takes
// 100,000 nested arrays in its stride; it is what reads the result next that recurses.
import type { Limits } from '../config';
import { QueryTooComplexError } from '../errors/gateway-errors';
import { exceedsTokens, tooComplex } from '../limits/armor';

export function checkTokens(source: string, limits: Limits): void {
  if (exceedsTokens(source, limits.maxTokens)) throw tooComplex('tokens', limits.maxTokens);
}

/** Whether `value` has arrays or objects nested more than `max` levels deep; iterative. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The refusal of variables nested deeper than MAX_VARIABLES_DEPTH, on every transport. */
export function variablesTooDeep(maxDepth: number): QueryTooComplexError {
  const error = new QueryTooComplexError(
    `variables are nested more than ${maxDepth} levels deep; at most ${maxDepth} are allowed`,
    { limit: maxDepth },
  );
  error.extensions.http = { status: 400 };
  return error;
}

/** `variables` and `extensions` (which the log line and APQ read) alike. */
export function checkVariablesDepth(
  request: { variables?: unknown; extensions?: unknown },
  maxDepth: number,
): void {
  if (
    nestedDeeperThan(request.variables, maxDepth) ||
    nestedDeeperThan(request.extensions, maxDepth)
  ) {
    throw variablesTooDeep(maxDepth);
  }
}
