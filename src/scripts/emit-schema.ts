// `npm run schema:emit`: writes schema.graphql at the repository root from the type-graphql
// classes. test/schema.test.ts fails when the committed file differs from what this writes.
import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildGatewaySchema } from '../schema/build-schema';
import { renderSchemaSDL } from '../schema/render-schema-sdl';

/** The nearest folder holding package.json: the same from src/ (ts-node) and dist/src/. */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const target = join(repositoryRoot(__dirname), 'schema.graphql');
writeFileSync(target, renderSchemaSDL(buildGatewaySchema()));
process.stdout.write(`wrote ${target}\n`);
