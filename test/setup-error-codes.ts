// Loaded after the test framework in every test file: every response a test receives from a
// gateway's /graphql (through fetch, as the helpers and the tests call it) is checked against
// ERROR_CODES, and a test fails if any carried a code outside it, whatever the test asserted.
import { ERROR_CODES } from '../src/errors/error-codes';

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);
const strays: string[] = [];
const realFetch = globalThis.fetch;

function check(url: string, body: unknown): void {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return;
  for (const error of errors) {
    const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    if (typeof code !== 'string' || !KNOWN.has(code))
      strays.push(`${JSON.stringify(code)} from ${url}`);
  }
}

globalThis.fetch = async (input, init) => {
  const response = await realFetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  const isGraphql = new URL(url).pathname.endsWith('/graphql');
  const type = response.headers.get('content-type') ?? '';
  if (isGraphql && /json/.test(type)) {
    const text = await response.clone().text();
    try {
      check(url, JSON.parse(text));
    } catch {
      // not JSON after all: the test that sent it asserts on it
    }
  }
  return response;
};

afterEach(() => {
  const found = strays.splice(0);
  if (found.length > 0) {
    throw new Error(`a gateway response carried a code outside ERROR_CODES: ${found.join('; ')}`);
  }
});
