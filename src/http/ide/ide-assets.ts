// The IDE's files, all from one npm package: @graphql-yoga/render-graphiql ships GraphiQL (the
// build GraphQL Yoga and Hive Gateway serve) as strings: the page script, its stylesheet, the
// three Monaco editor workers and a favicon. Serving them as files of our own, instead of the
// package's one-page HTML with everything inline, keeps the page under `script-src 'self'` (no
// inline script, no blob: workers) and lets browsers cache them.
//
// The module is 9 MB of JavaScript source: it is loaded on the first asset request, not at
// start-up (every gateway in the test suite has the IDE on and never serves it).
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { BOOT_SCRIPT } from './boot-script';
import { IDE_FILES } from './ide-files';

export interface IdeAsset {
  contentType: string;
  body: Buffer;
  /** Made on the first request that accepts gzip, then kept. */
  gzipped?: Promise<Buffer>;
}

interface GraphiqlBundle {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

const JS = 'text/javascript; charset=utf-8';

let assets: Map<string, IdeAsset> | undefined;

/** The asset named `file`, or undefined when there is none. */
export function ideAsset(file: string): IdeAsset | undefined {
  assets ??= loadAssets();
  return assets.get(file);
}

export function gzipped(asset: IdeAsset): Promise<Buffer> {
  asset.gzipped ??= promisify(gzip)(asset.body);
  return asset.gzipped;
}

function loadAssets(): Map<string, IdeAsset> {
  // A subpath export, which tsconfig's `moduleResolution: node` cannot type: its .d.ts, inline.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundle = require('@graphql-yoga/render-graphiql/graphiql') as GraphiqlBundle;
  const text = (contentType: string, body: string): IdeAsset => ({
    contentType,
    body: Buffer.from(body, 'utf8'),
  });
  const favicon = /^data:([^;]+);base64,(.*)$/s.exec(bundle.favicon);
  const { workers } = IDE_FILES;
  return new Map<string, IdeAsset>([
    [IDE_FILES.script, text(JS, bundle.js)],
    [IDE_FILES.stylesheet, text('text/css; charset=utf-8', bundle.css)],
    [IDE_FILES.boot, text(JS, BOOT_SCRIPT)],
    [workers.editorWorkerService, text(JS, bundle.editorWorkerService)],
    [workers.json, text(JS, bundle.jsonWorker)],
    [workers.graphql, text(JS, bundle.graphqlWorker)],
    ...(favicon
      ? [
          [
            IDE_FILES.favicon,
            { contentType: favicon[1], body: Buffer.from(favicon[2], 'base64') },
          ] as const,
        ]
      : []),
  ]);
}
