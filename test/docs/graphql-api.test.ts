// docs/graphql-api.md against the code, as test/schema.test.ts holds schema.graphql to it: its
// type reference is what `npm run docs:emit` renders from schema.graphql, and its error table
// names every code of src/errors/error-codes.ts and no other.
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/errors/error-codes';
import { withApiReference } from '../../src/scripts/api-reference';
import { ROOT, read } from './markdown';

const PAGE = join(ROOT, 'docs', 'graphql-api.md');

/** The text with table cells trimmed and blank lines dropped: the padding prettier adds. */
const tablesUnpadded = (markdown: string): string =>
  markdown
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map((cell) => cell.trim().replace(/^-{3,}$/, '---'))
            .join('|')
        : line,
    )
    .join('\n');

describe('docs/graphql-api.md', () => {
  it('holds the type reference rendered from schema.graphql (run `npm run docs:emit`)', () => {
    const page = read(PAGE);
    const rendered = withApiReference(page, read(join(ROOT, 'schema.graphql')));
    expect(tablesUnpadded(page)).toBe(tablesUnpadded(rendered));
  });

  it('lists every error code of error-codes.ts in its errors table, and no other', () => {
    const section = read(PAGE).split('## Errors')[1].split('\n## ')[0];
    const listed = [...section.matchAll(/^\|\s*`([A-Z_]+)`/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual([...ERROR_CODES].sort());
  });
});
