// The one cache of parsed and validated documents, for every transport: Apollo reads and writes
// it as its `documentStore` (POST/GET /graphql), the streaming transports through `get`/`set`.
// Bounded in bytes, counting what an entry really holds: graphql-js keeps the whole source text
// on the AST (`loc.source.body`), which Apollo's default store does not count (it sizes an entry
// by the AST's JSON, where `loc` prints as two numbers), so 1 MB of whitespace around
// `{ __typename }` cost 1 MB of heap and ~20 bytes of its budget.
import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { visit, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Heap of one AST node with its `loc`, measured roughly (a field node and its location). */
const BYTES_PER_NODE = 200;

export interface DocumentCache {
  /** A validated document by its query hash (sha256 of the source, hex, as Apollo computes it). */
  get(hash: string): DocumentNode | undefined;
  set(hash: string, document: DocumentNode): void;
  /** The same entries as Apollo's `documentStore` (its keys carry a schema-hash prefix). */
  apolloStore: KeyValueCache<DocumentNode>;
  /** Bytes held now, for tests and metrics. */
  readonly bytes: number;
}

/** Apollo's queryHash: sha256 of the source text, hex. */
export const queryHash = (source: string): string =>
  createHash('sha256').update(source).digest('hex');

/** What an entry holds: its source text (UTF-16 in the heap: 2 bytes a char) and its nodes. */
export function documentBytes(document: DocumentNode): number {
  let nodes = 0;
  visit(document, {
    enter() {
      nodes++;
    },
  });
  return 2 * (document.loc?.source.body.length ?? 0) + nodes * BYTES_PER_NODE;
}

export function createDocumentCache(maxBytes: number): DocumentCache {
  const cache = new LRUCache<string, DocumentNode>({
    maxSize: maxBytes,
    // An entry over a quarter of the budget is not kept: it would evict everything else.
    maxEntrySize: Math.floor(maxBytes / 4),
    sizeCalculation: (document) => Math.max(1, documentBytes(document)),
  });
  // One schema per process: the prefix Apollo puts before the hash says nothing here.
  const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
  return {
    get: (hash) => cache.get(hash),
    set: (hash, document) => void cache.set(hash, document),
    apolloStore: {
      get: async (key) => cache.get(hashOf(key)),
      set: async (key, document) => void cache.set(hashOf(key), document),
      delete: async (key) => void cache.delete(hashOf(key)),
    },
    get bytes() {
      return cache.calculatedSize;
    },
  };
}
