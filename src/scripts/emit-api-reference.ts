// `npm run docs:emit`: rewrites the generated type reference of docs/graphql-api.md from
// schema.graphql (run it after `npm run schema:emit`), formatted as `prettier --write` would.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { withApiReference } from './api-reference';

const root = join(__dirname, '..', '..', '..');
const page = join(root, 'docs', 'graphql-api.md');

async function main(): Promise<void> {
  const next = withApiReference(
    readFileSync(page, 'utf8'),
    readFileSync(join(root, 'schema.graphql'), 'utf8'),
  );
  const options = (await prettier.resolveConfig(page)) ?? {};
  writeFileSync(page, await prettier.format(next, { ...options, filepath: page }));
  process.stdout.write(`wrote ${page}\n`);
}

void main();
