// The IDE for browsers at GET /graphql (docs/frontend.md#the-ide), in place of Apollo's landing
// page, which loads its IDE from Apollo's CDN. Apollo keeps deciding when a request wants the page
// (a GET whose Accept prefers text/html, its own negotiation); the page, its headers and its
// files are ours. createGateway calls this only when the IDE is on.
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { gzipped, ideAsset } from './ide-assets';
import { ideAssetsPath } from './ide-files';
import { IDE_CONTENT_SECURITY_POLICY, renderIdePage, type IdeTab } from './ide-page';

export interface IdeOptions {
  /** @default '/graphql' */
  graphqlPath?: string;
  /** The tab the IDE opens on; none = GraphiQL's own welcome text. */
  tab?: IdeTab;
}

/** A year: asset URLs carry the package version, so a changed file is a new URL. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const ACCEPTS_GZIP = /(?:^|,)\s*gzip\s*(?:,|$|;\s*q=(?!0(?:\.0*)?\s*(?:,|$)))/i;

/** Registers the asset route and the page's headers; returns the Apollo plugin serving the page. */
export function registerIde(app: FastifyInstance, options: IdeOptions = {}): ApolloServerPlugin {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const assetsPath = ideAssetsPath(graphqlPath);
  const html = renderIdePage({ graphqlPath, assetsPath, tab: options.tab });

  app.get<{ Params: { file: string } }>(`${assetsPath}/:file`, async (request, reply) => {
    const asset = ideAsset(request.params.file);
    if (!asset) return reply.callNotFound();
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', ASSET_CACHE)
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'accept-encoding');
    if (!ACCEPTS_GZIP.test(request.headers['accept-encoding'] ?? '')) return asset.body;
    reply.header('content-encoding', 'gzip');
    return gzipped(asset);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const isPage =
      request.method === 'GET' &&
      request.routeOptions.url === graphqlPath &&
      String(reply.getHeader('content-type')).startsWith('text/html');
    if (isPage) {
      reply
        .header('content-security-policy', IDE_CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        // The page embeds the demo tab of this process: never served from a shared cache.
        .header('cache-control', 'no-store');
    }
    return payload;
  });

  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
