// Types for every operation in src/, generated from the gateway's committed SDL (../../schema.graphql).
// persistedDocuments: the preset also writes src/gql/persisted-documents.json, the trusted-documents
// manifest the gateway loads with PERSISTED_DOCUMENTS, and embeds each document's hash in it.
import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.{ts,tsx,graphql}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        // Plain hex sha256 keys (the preset's default prefixes them with "sha256:"): the form the
        // gateway's manifest is specified in, and the form Apollo's persistedQuery.sha256Hash takes.
        persistedDocuments: { hashAlgorithm: (document: string) => sha256Hex(document) },
        fragmentMasking: false,
      },
      // The manifest holds the documents the gateway executes: they must ask for __typename
      // themselves, or Apollo's cache could not tell the BoxEvent types apart.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        scalars: { UUID: 'string', DateTime: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
        // Apollo's recommended typing: null (not an optional key) for nullable fields, and
        // __typename always present (the transform above selects it everywhere).
        avoidOptionals: { field: true, inputValue: false },
        nonOptionalTypename: true,
      },
    },
    './src/gql/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { module: 'es2015', useExplicitTyping: true },
    },
  },
};

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export default config;
