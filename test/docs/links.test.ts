// Every relative link of README.md and docs/ resolves inside the repository, so the docs work in
// a fresh clone (nothing points at files beside the repository, such as ../shared).
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ROOT, documentationFiles, headingAnchors, linkTargets, read } from './markdown';

const files = documentationFiles();
const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

describe('links of README.md and docs/', () => {
  it('finds the front door and the docs index', () => {
    const names = files.map((file) => relative(ROOT, file));
    expect(names).toEqual(expect.arrayContaining(['README.md', join('docs', 'README.md')]));
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))(
    '%s: every relative link resolves inside the repository',
    (_name, file) => {
      const problems: string[] = [];
      const text = read(file);
      if (text.includes('../shared')) problems.push('mentions ../shared');
      for (const target of linkTargets(text)) {
        if (isExternal(target)) continue;
        const [pathPart, anchor] = target.split('#', 2);
        const path = decodeURIComponent(pathPart);
        if (isAbsolute(path)) {
          problems.push(`${target}: absolute path`);
          continue;
        }
        const resolved = path === '' ? file : resolve(dirname(file), path);
        const inside = relative(ROOT, resolved);
        if (inside.startsWith('..') || isAbsolute(inside)) {
          problems.push(`${target}: outside the repository`);
          continue;
        }
        if (!existsSync(resolved)) {
          problems.push(`${target}: no such file`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile()) {
          if (!headingAnchors(read(resolved)).has(anchor)) {
            problems.push(`${target}: no heading with anchor #${anchor}`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
