// Reading the repository's Markdown for the docs tests: which files, the links in them (outside
// code), and the anchors GitHub gives their headings.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** README.md and every .md below docs/, as absolute paths. */
export function documentationFiles(): string[] {
  const files = [join(ROOT, 'README.md')];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk(join(ROOT, 'docs'));
  return files;
}

/** The text without fenced code blocks and inline code spans, where a link is not a link. */
export function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Targets of inline links and images: `[text](target)` and `[text](<target> "title")`. */
export function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of withoutCode(markdown).matchAll(/\]\(([^)]*)\)/g)) {
    const [target = ''] = match[1].trim().split(/\s/, 1);
    targets.push(target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1) : target);
  }
  return targets;
}

/** The anchors GitHub generates for the file's headings (duplicates get -1, -2, …). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const match of text.matchAll(/^#{1,6}[ \t]([^\n]*)$/gm)) {
    const slug = match[1]
      .trim()
      // A link's target is not part of its anchor; '[' goes with the other punctuation below.
      .replace(/\]\([^)]*\)/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

export const read = (path: string): string => readFileSync(path, 'utf8');
