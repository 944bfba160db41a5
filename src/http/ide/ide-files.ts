// Where the IDE's files live: their names, as the page, the boot script and the asset route
// use them, and the versioned folder they are served from.
import { version } from '@graphql-yoga/render-graphiql/package.json';

/** File names, each served at `<assetsPath>/<name>`. */
export const IDE_FILES = {
  script: 'graphiql.js',
  stylesheet: 'graphiql.css',
  boot: 'boot.js',
  favicon: 'favicon.ico',
  /** By Monaco's worker label (what its getWorkerUrl is asked for). */
  workers: {
    editorWorkerService: 'editor.worker.js',
    json: 'json.worker.js',
    graphql: 'graphql.worker.js',
  },
} as const;

/**
 * `/graphql/ide/<package version>`: a gateway that upgrades the package serves new URLs, so
 * browsers may keep each file for a year.
 */
export function ideAssetsPath(graphqlPath: string): string {
  return `${graphqlPath}/ide/${version}`;
}
