// The IDE's HTML page and the Content-Security-Policy it is served with. The page holds no
// inline script or style: the GraphiQL options travel as a JSON data block that boot.js reads.
import { IDE_FILES } from './ide-files';

/** The tab the IDE opens on (src/process/ passes the demo one in embedded-emulator mode). */
export interface IdeTab {
  query: string;
  /** Shown in GraphiQL's Headers editor and sent with every request from it. */
  headers: Record<string, string>;
}

export interface IdePageOptions {
  graphqlPath: string;
  assetsPath: string;
  tab?: IdeTab;
}

/**
 * Everything comes from the gateway itself; `data:` only where the package's stylesheet embeds
 * its fonts and icons. `style-src 'unsafe-inline'` is the one relaxation: Monaco (the editor
 * GraphiQL 5 is built on) creates <style> elements at run time for its themes, token colours and
 * decorations: without it, loading the page and running the demo query gave 466 CSP
 * violations. Styles cannot run code; scripts stay limited to the gateway's own files.
 */
export const IDE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function renderIdePage({ graphqlPath, assetsPath, tab }: IdePageOptions): string {
  const options = {
    assetsPath,
    graphiql: {
      // No `endpoint`: the page is served at the endpoint itself, and GraphiQL's default (the
      // page's own path) is it. Given one, Yoga's GraphiQL 5.24.1 spreads its options over the
      // SSE executor's, so `endpoint` replaced `subscriptionsEndpoint` and subscriptions were
      // POSTed to /graphql (Yoga serves SSE there; this gateway's graphql-sse route is below).
      title: 'Box Events GraphQL',
      // Subscriptions over GraphQL over SSE on /graphql/stream (docs/graphql-api.md#endpoints),
      // POSTed like queries: the same fetch carries the Headers editor's Authorization, which a
      // WebSocket could only send in connection_init (the IDE puts headers in each operation
      // instead). Used only by a subscription, so the IDE works the same before the gateway serves
      // them.
      subscriptionsProtocol: 'GRAPHQL_SSE',
      subscriptionsEndpoint: `${graphqlPath}/stream`,
      method: 'POST',
      ...(tab ? { query: tab.query, headers: JSON.stringify(tab.headers, null, 2) } : {}),
    },
  };
  // `<` escaped so that no string in the options can close the data block.
  const data = JSON.stringify(options).replace(/</g, '\\u003c');
  const asset = (file: string) => `${assetsPath}/${file}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Box Events GraphQL</title>
    <link rel="icon" href="${asset(IDE_FILES.favicon)}" />
    <link rel="stylesheet" href="${asset(IDE_FILES.stylesheet)}" />
  </head>
  <body class="no-focus-outline">
    <noscript>The GraphQL IDE needs JavaScript.</noscript>
    <div id="root"></div>
    <script id="ide-options" type="application/json">${data}</script>
    <script src="${asset(IDE_FILES.script)}"></script>
    <script src="${asset(IDE_FILES.boot)}"></script>
  </body>
</html>
`;
}
