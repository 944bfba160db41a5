// The trusted-documents manifest (PERSISTED_DOCUMENTS): `{ "<id>": "<document>" }`, the file
// graphql-codegen's client preset writes with `persistedDocuments: true`. Its ids are the
// documents' sha256, as `sha256:<hex>` by default or plain hex with a custom hashAlgorithm: both
// key forms are read, and an id sent in either form finds either. Read and checked once, at start-up: a document that no longer validates
// against the schema (a field was removed, an argument renamed) stops the gateway with one line
// naming it, instead of failing for every client that sends it.
import { readFile } from 'node:fs/promises';
import { parse, validate, type GraphQLSchema } from 'graphql';

export interface PersistedManifest {
  readonly size: number;
  /** The document for `id`, as plain hex or in the `sha256:<hex>` form of GraphQL over HTTP. */
  get(id: string): string | undefined;
}

/** Why start-up stopped; `message` is one line naming the file and the document. */
export class PersistedDocumentsError extends Error {
  constructor(path: string, problem: string) {
    super(
      `PERSISTED_DOCUMENTS=${JSON.stringify(path)}: ${problem.replace(/(?<!\s)\s*\n\s*/g, ' ')}`,
    );
    this.name = 'PersistedDocumentsError';
  }
}

const SHA256_PREFIX = 'sha256:';

export async function loadManifest(
  path: string,
  schema: GraphQLSchema,
): Promise<PersistedManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new PersistedDocumentsError(path, `${reason} (${(error as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PersistedDocumentsError(path, 'expected a JSON object of document id → document');
  }
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(raw)) {
    if (typeof document !== 'string' || id === '') {
      throw new PersistedDocumentsError(
        path,
        `entry ${JSON.stringify(id)} is not a document string`,
      );
    }
    let problem: string | undefined;
    try {
      problem = validate(schema, parse(document))[0]?.message;
    } catch (error) {
      problem = (error as Error).message;
    }
    if (problem !== undefined) {
      throw new PersistedDocumentsError(
        path,
        `document ${id} does not validate against the schema: ${problem}`,
      );
    }
    documents.set(withoutPrefix(id), document);
  }
  return {
    size: documents.size,
    get: (id) => documents.get(withoutPrefix(id)),
  };
}

function withoutPrefix(id: string): string {
  return id.startsWith(SHA256_PREFIX) ? id.slice(SHA256_PREFIX.length) : id;
}
