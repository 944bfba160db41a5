// Deeply nested variables are refused before anything reads them. JSON.parse takes 100,000
// nested arrays in its stride, but what reads the result next (variable coercion, the plan
// cache's key, JSON.stringify in a log line) recurses, overflows the stack and answered 500
// with a stack trace in the log. No input type of this schema nests more than a few levels, so
// a bound far above them refuses nothing legitimate; the walk below is iterative and stops at
// the first value past it.
import type { FastifyInstance } from 'fastify';
import { sendHttpError, type HttpErrorOptions } from './error-handler';

/** Whether `value` has arrays or objects nested more than `max` levels deep. */
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

/** GET sends variables and extensions as JSON text; an unparsable one is Apollo's to refuse. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * A 400 QUERY_TOO_COMPLEX for a request whose JSON nests deeper than `maxDepth` below its
 * variables: the whole POST body is walked (a batch or any other member counts as well), and
 * GET's `variables` and `extensions` parameters.
 */
export function registerVariablesDepthLimit(
  app: FastifyInstance,
  options: HttpErrorOptions & { maxDepth: number },
): void {
  // The body is parsed by preValidation; callback style, as the other per-request hooks.
  app.addHook('preValidation', (request, reply, done) => {
    const query = request.query as Record<string, unknown> | undefined;
    const tooDeep =
      request.body !== undefined
        ? nestedDeeperThan(request.body, options.maxDepth + 1)
        : nestedDeeperThan(parsed(query?.variables), options.maxDepth) ||
          nestedDeeperThan(parsed(query?.extensions), options.maxDepth);
    if (!tooDeep) return done();
    sendHttpError(options, reply, 400, {
      code: 'QUERY_TOO_COMPLEX',
      message: `variables are nested more than ${options.maxDepth} levels deep; at most ${options.maxDepth} are allowed`,
      extensions: { limit: options.maxDepth },
    });
  });
}
