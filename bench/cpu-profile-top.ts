// The top entries of a V8 .cpuprofile (what `node --cpu-prof` writes, and what
// `BENCH_CPU_PROF=<dir> npm run bench` leaves for the gateway), as markdown tables: self time by
// function and by where the code lives (a package of node_modules, this repository's src/, node
// itself), and inclusive time by function (the samples with that function anywhere on the stack:
// who pays for what a fixed per-request cost calls). Times are sample counts, so each entry's
// share of all samples is its share of CPU time.
//
// `node dist/bench/cpu-profile-top.js <file.cpuprofile> [entries, default 25] [skip seconds]`:
// skipping the first seconds leaves the start-up (schema build, first compilations) out.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds from the previous sample (the first: from startTime). */
  timeDeltas: number[];
}

/** `@apollo/server`, `src/execution`, `node:internal`, or the pseudo-frame's own name. */
function origin(url: string, functionName: string): string {
  if (url === '') return `(${functionName.replace(/[()]/g, '') || 'native'})`;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1];
  const own = /\/dist\/((?:src|bench|emulator)\/[^/]+)/.exec(url);
  if (own) return own[1].replace(/\.js$/, '');
  if (url.startsWith('node:')) return 'node';
  return url;
}

function shortUrl(url: string): string {
  const packageMatch = /node_modules\/(.*)$/.exec(url);
  if (packageMatch) return packageMatch[1];
  const own = /\/dist\/(.*)$/.exec(url);
  return own ? own[1] : url;
}

function table(
  title: string,
  counts: Map<string, number>,
  total: number,
  limit: number,
  column = 'self %',
) {
  const rows = [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return [
    `| ${title} | ${column} |`,
    '| --- | ---: |',
    ...rows.map(
      ([key, n]) => `| ${key.replace(/\|/g, '\\|')} | ${((100 * n) / total).toFixed(1)} |`,
    ),
  ].join('\n');
}

function main(): void {
  const [file, limitArg, skipArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-top <file.cpuprofile> [entries] [skip seconds]');
  const limit = Number(limitArg ?? '25');
  const skipMicros = Number(skipArg ?? '0') * 1e6;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nameOf = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url === '' ? '' : ` ${shortUrl(url)}:${lineNumber + 1}`;
    return `${functionName || '(anonymous)'}${where}`;
  };
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  let elapsed = 0;
  // `samples` lists the node of every sample; hitCount is absent from some Node versions' output.
  for (const [i, id] of profile.samples.entries()) {
    elapsed += profile.timeDeltas[i] ?? 0;
    if (elapsed < skipMicros) continue;
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)') continue;
    total += 1;
    const fn = nameOf(node);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
    const from = origin(url, functionName);
    byOrigin.set(from, (byOrigin.get(from) ?? 0) + 1);
    // Each function once per sample, however often it recurs on the stack.
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at);
      if (frame && frame.callFrame.functionName !== '(root)') onStack.add(nameOf(frame));
    }
    for (const name of onStack) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
  }
  process.stdout.write(
    `${total} busy samples (idle excluded)\n\n${table('function', byFunction, total, limit)}\n\n` +
      `${table('code', byOrigin, total, limit)}\n\n` +
      `${table('function', inclusive, total, limit, 'inclusive %')}\n`,
  );
}

main();
