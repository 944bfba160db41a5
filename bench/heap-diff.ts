// What N more of something cost on the V8 heap, by constructor: the objects of heap snapshot B
// that snapshot A (an earlier one of the same process: node ids are stable) does not have, their
// self sizes summed by kind and divided by N. With bench/realtime-memory.ts's snapshots:
// `node dist/bench/heap-diff.js subscribers-500.heapsnapshot subscribers-1000.heapsnapshot 500`.
// Self sizes, not retained ones: each byte is counted once, under the object that holds it.
// `[entries, default 40]` as a fourth argument.
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Snapshot;

function fields(s: Snapshot) {
  const names = s.snapshot.meta.node_fields;
  return {
    width: names.length,
    type: names.indexOf('type'),
    name: names.indexOf('name'),
    id: names.indexOf('id'),
    size: names.indexOf('self_size'),
  };
}

/** Strings, numbers and code under one name each; objects and closures by constructor or function name. */
function kindOf(type: string, name: string): string {
  if (type.includes('string')) return '(strings)';
  if (type === 'number' || type === 'code' || type === 'array') return `(${type})`;
  if (type === 'closure') return `closure ${name || '(anonymous)'}`;
  return `${type} ${name.slice(0, 60)}`;
}

function main(): void {
  const [fileA, fileB, countText, entriesText] = process.argv.slice(2);
  const count = Number(countText);
  if (!fileA || !fileB || !(count > 0)) {
    throw new Error('usage: heap-diff <before.heapsnapshot> <after.heapsnapshot> <N> [entries]');
  }
  const a = read(fileA);
  const fa = fields(a);
  const known = new Set<number>();
  for (let i = 0; i < a.nodes.length; i += fa.width) known.add(a.nodes[i + fa.id]);

  const b = read(fileB);
  const fb = fields(b);
  const types = b.snapshot.meta.node_types[0];
  const byKind = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let i = 0; i < b.nodes.length; i += fb.width) {
    if (known.has(b.nodes[i + fb.id])) continue;
    const kind = kindOf(types[b.nodes[i + fb.type]], b.strings[b.nodes[i + fb.name]]);
    const entry = byKind.get(kind) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += b.nodes[i + fb.size];
    byKind.set(kind, entry);
    total += b.nodes[i + fb.size];
  }
  const rows = [...byKind].sort((x, y) => y[1].bytes - x[1].bytes);
  const lines = [
    `new objects per unit (${count} units): ${(total / count).toFixed(0)} bytes`,
    '',
    '| bytes per unit | objects per unit | kind |',
    '| -------------: | ---------------: | ---- |',
    ...rows
      .slice(0, Number(entriesText ?? 40))
      .map(
        ([kind, v]) =>
          `| ${(v.bytes / count).toFixed(0)} | ${(v.count / count).toFixed(2)} | ${kind.replace(/\|/g, '\\|')} |`,
      ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
