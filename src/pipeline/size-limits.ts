// Step "size and token limits", before anything parses: the token count of the document
// (graphql-api.md §6) and the nesting of the variables, which graphql-js coerces and
// JSON.stringify walks recursively (100,000 levels overflow the stack: a 500, or on a stream a
// response that never ends). The request body's size is bounded by the transports themselves
// (Fastify's bodyLimit, ws's maxPayload), both from MAX_BODY_BYTES.
import type { Limits } from '../config';
import { BadUserInputError } from '../errors/gateway-errors';
import { exceedsTokens, tooComplex } from '../limits/armor';

export function checkTokens(source: string, limits: Limits): void {
  if (exceedsTokens(source, limits.maxTokens)) throw tooComplex('tokens', limits.maxTokens);
}

/** Refuses variables nested deeper than `maxDepth`, walking without recursion. */
export function checkVariablesDepth(variables: unknown, maxDepth: number): void {
  const stack: Array<[unknown, number]> = [[variables, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) {
      const reason = `nested more than ${maxDepth} levels deep`;
      throw new BadUserInputError(
        `variables are ${reason}`,
        { variables: reason },
        { extensions: { http: { status: 400 } } },
      );
    }
    for (const child of Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
}
