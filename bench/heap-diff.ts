// What N more of something cost on the V8 heap, by constructor: the self sizes of heap snapshot
// B minus those of snapshot A (both taken after a GC, as V8 always does before one), summed by
// kind and divided by N. With bench/realtime-memory.ts's snapshots:
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

/** Objects and self bytes of one snapshot by kind. */
function byKind(s: Snapshot): Map<string, { count: number; bytes: number }> {
  const f = fields(s);
  const types = s.snapshot.meta.node_types[0];
  const kinds = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < s.nodes.length; i += f.width) {
    const kind = kindOf(types[s.nodes[i + f.type]], s.strings[s.nodes[i + f.name]]);
    const entry = kinds.get(kind) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += s.nodes[i + f.size];
    kinds.set(kind, entry);
  }
  return kinds;
}

function main(): void {
  const [fileA, fileB, countText, entriesText] = process.argv.slice(2);
  const count = Number(countText);
  if (!fileA || !fileB || !(count > 0)) {
    throw new Error('usage: heap-diff <before.heapsnapshot> <after.heapsnapshot> <N> [entries]');
  }
  const before = byKind(read(fileA));
  const after = byKind(read(fileB));
  const rows = [...after].map(([kind, b]) => {
    const a = before.get(kind) ?? { count: 0, bytes: 0 };
    return { kind, count: (b.count - a.count) / count, bytes: (b.bytes - a.bytes) / count };
  });
  for (const [kind, a] of before) {
    if (!after.has(kind)) rows.push({ kind, count: -a.count / count, bytes: -a.bytes / count });
  }
  rows.sort((x, y) => y.bytes - x.bytes);
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  const lines = [
    `heap growth per unit (${count} units): ${total.toFixed(0)} bytes`,
    '',
    '| bytes per unit | objects per unit | kind |',
    '| -------------: | ---------------: | ---- |',
    ...rows
      .slice(0, Number(entriesText ?? 40))
      .map(
        (row) =>
          `| ${row.bytes.toFixed(0)} | ${row.count.toFixed(2)} | ${row.kind.replace(/\|/g, '\\|')} |`,
      ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
