// Start-up with a trusted-documents manifest, on the real process: a document that no longer
// validates against the schema stops it with one line naming the document, exit code non-zero.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMain, type Build } from '../helpers/real-process';

jest.setTimeout(240_000);

let build: Build | undefined;
let scratch: string;

beforeAll(() => {
  build = buildMain();
  scratch = mkdtempSync(join(tmpdir(), 'persisted-startup-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function start(manifest: string | undefined, env: Record<string, string> = {}) {
  const path = join(scratch, 'persisted-documents.json');
  if (manifest !== undefined) writeFileSync(path, manifest);
  return spawnSync(process.execPath, [build!.main], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      UPSTREAM_URL: 'http://127.0.0.1:9',
      PORT: '0',
      HOST: '127.0.0.1',
      PERSISTED_DOCUMENTS: path,
      ...env,
    },
  });
}

describe('a trusted-documents manifest at start-up', () => {
  it('stops with one line naming a document that does not validate', () => {
    const result = start(
      JSON.stringify({
        aaa1: '{ __typename }',
        bbb2: 'query Gone { box(id: "b0000000-0000-4000-8000-000000000001") { removedField } }',
      }),
    );
    expect(result.status).not.toBe(0);
    expect(result.signal).toBeNull();
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^failed to start: PERSISTED_DOCUMENTS=".*persisted-documents\.json": document bbb2 does not validate against the schema: Cannot query field "removedField" on type "Box"\.$/,
    );
  });

  it('stops with one line on a manifest that is not JSON, or is missing', () => {
    for (const manifest of ['{"aaa1": "{ __typename }"', undefined]) {
      rmSync(join(scratch, 'persisted-documents.json'), { force: true });
      const result = start(manifest);
      expect(result.status).not.toBe(0);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^failed to start: PERSISTED_DOCUMENTS=".*": (is not valid JSON|cannot be read) \(/,
      );
    }
  });

  it('refuses PERSISTED_DOCUMENTS_ONLY=true without a manifest', () => {
    const result = spawnSync(process.execPath, [build!.main], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        UPSTREAM_URL: 'http://127.0.0.1:9',
        PERSISTED_DOCUMENTS_ONLY: 'true',
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'configuration: PERSISTED_DOCUMENTS_ONLY=true needs PERSISTED_DOCUMENTS (the manifest path): without it every operation would be refused',
    );
  });
});
