// Loaded before every test file: type-graphql needs reflect-metadata first, and a test that
// writes to the console is a test that leaks logs (inject a logger instead).
import 'reflect-metadata';

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[method] = (...args: unknown[]) => {
    throw new Error(`test wrote to console.${method}: ${args.map(String).join(' ')}`);
  };
}
