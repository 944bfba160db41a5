// uploadFile and GET /files/{id} (graphql-api.md §12.2) over real HTTP against the emulator:
// what a small upload calls and returns, the download of its bytes, and every refusal that must
// happen before any upstream call (no preflight header, a file over MAX_UPLOAD_BYTES, a bad
// argument, an untrusted document). Streaming and memory are in uploads-streamed.test.ts.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACR2_TOKENS, DEMO_BOX_IDS, DEMO_TOKENS } from '../../emulator';
import { downloadSha256, sendUpload, UPLOAD_FILE } from '../helpers/multipart-upload';
import { describeCalls, startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

const W = DEMO_BOX_IDS.welcome;
const MAX = 1024 * 1024;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const upload = (variables: Record<string, unknown> = {}) => ({
  query: UPLOAD_FILE,
  variables: { boxId: W, file: null, encrypted: 'ZW5j', ...variables },
});

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ env: { MAX_UPLOAD_BYTES: String(MAX) } });
});
afterAll(() => t.close());

const origin = () => new URL(t.gateway.url).origin;
const fileCount = async () =>
  (await t.gql(`{ box(id: "${W}") { fileEventsCount } }`, {}, { token: DEMO_TOKENS.alice })).body
    .data.box.fileEventsCount as number;

describe('uploadFile', () => {
  it('sends the file in one upstream POST and returns the msg.file event with its downloadPath; the download streams the same bytes', async () => {
    t.resetCalls();
    const sent = sendUpload({
      url: t.gateway.url,
      token: DEMO_TOKENS.alice,
      operations: upload(),
      fileBytes: 300 * 1024,
    });
    const answer = await sent.response;
    expect(answer.json.errors).toBeUndefined();
    const event = answer.json.data.uploadFile;
    expect(event).toEqual({
      id: expect.any(String),
      type: 'msg.file',
      encryptedFileId: expect.any(String),
      downloadPath: `/files/${event.encryptedFileId}`,
    });
    expect(describeCalls(t.upstreamCalls())).toEqual([`POST /boxes/${W}/encrypted-files`]);
    const line = t.logs
      .entries()
      .filter((e) => e.msg === 'graphql operation')
      .at(-1)!;
    expect(line.estimatedUpstreamCalls).toBe(1);

    const download = await downloadSha256(origin() + event.downloadPath, {
      authorization: `Bearer ${DEMO_TOKENS.bob}`,
    });
    expect(download).toMatchObject({ status: 200, bytes: 300 * 1024, sha256: sent.sha256() });
    expect(download.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'cache-control': 'private, no-store',
    });
    expect(download.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a multipart request without a preflight header, with no upstream call', async () => {
    t.resetCalls();
    const answer = await sendUpload({
      url: t.gateway.url,
      token: DEMO_TOKENS.alice,
      headers: {},
      operations: upload(),
      fileBytes: 1024,
    }).response;
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.json.errors[0].message).toMatch(/Apollo-Require-Preflight/i);
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('refuses a file whose request length is over MAX_UPLOAD_BYTES before reading it, with no upstream call', async () => {
    t.resetCalls();
    const answer = await sendUpload({
      url: t.gateway.url,
      token: DEMO_TOKENS.alice,
      operations: upload(),
      // Over MAX_UPLOAD_BYTES plus what the two other parts may hold (2 × MAX_BODY_BYTES).
      fileBytes: 4 * MAX,
    }).response;
    expect(answer.status).toBe(413);
    expect(answer.json.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { file: expect.any(String) },
    });
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('cuts a chunked file at MAX_UPLOAD_BYTES: BAD_USER_INPUT, and the upstream upload is aborted (no event)', async () => {
    const before = await fileCount();
    const answer = await sendUpload({
      url: t.gateway.url,
      token: DEMO_TOKENS.alice,
      operations: upload(),
      fileBytes: 2 * MAX,
      contentLength: false,
    }).response;
    expect(answer.json.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { file: expect.any(String) },
    });
    expect(await fileCount()).toBe(before);
  });

  it('refuses a bad argument before any upstream call', async () => {
    t.resetCalls();
    const answer = await sendUpload({
      url: t.gateway.url,
      token: DEMO_TOKENS.alice,
      operations: upload({ encrypted: 'not base64!' }),
      fileBytes: 1024,
    }).response;
    expect(answer.json.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { encrypted: expect.any(String) },
    });
    expect(t.upstreamCalls()).toEqual([]);
  });

  it('refuses an Upload that is not a file part', async () => {
    t.resetCalls();
    const response = await t.gql(
      UPLOAD_FILE,
      { boxId: W, file: 'abc', encrypted: 'ZW5j' },
      {
        token: DEMO_TOKENS.alice,
      },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(t.upstreamCalls()).toEqual([]);
  });
});

describe('GET /files/{encryptedFileId}', () => {
  const get = (path: string, headers: Record<string, string>) =>
    downloadSha256(origin() + path, headers);

  it('answers upstream refusals with their status and a coded JSON body', async () => {
    const mine = await sendUpload({
      url: t.gateway.url,
      token: DEMO_TOKENS.alice,
      operations: upload(),
      fileBytes: 10,
    }).response;
    const path = mine.json.data.uploadFile.downloadPath as string;
    const eve = await get(path, { authorization: `Bearer ${DEMO_ACR2_TOKENS.eve}` });
    expect(eve.status).toBe(403);
    expect(JSON.parse(eve.text).errors[0].extensions.code).toBe('FORBIDDEN');
    const unknown = await get('/files/f0000000-0000-4000-8000-00000000dead', {
      authorization: `Bearer ${DEMO_TOKENS.alice}`,
    });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses a missing credential and a malformed id without an upstream call', async () => {
    t.resetCalls();
    const anonymous = await get('/files/f0000000-0000-4000-8000-00000000dead', {});
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const malformed = await get('/files/nope', { authorization: `Bearer ${DEMO_TOKENS.alice}` });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(t.upstreamCalls()).toEqual([]);
  });
});

describe('with PERSISTED_DOCUMENTS_ONLY=true', () => {
  let trusted: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uploads-'));
    const manifest = join(dir, 'persisted-documents.json');
    writeFileSync(manifest, JSON.stringify({ [sha256(UPLOAD_FILE)]: UPLOAD_FILE }));
    trusted = await startTestGateway({
      env: { PERSISTED_DOCUMENTS: manifest, PERSISTED_DOCUMENTS_ONLY: 'true' },
    });
  });
  afterAll(async () => {
    await trusted.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads with a documentId, and refuses a document sent in full before any upstream call', async () => {
    const { query: _query, variables } = upload();
    const ok = await sendUpload({
      url: trusted.gateway.url,
      token: DEMO_TOKENS.alice,
      operations: { documentId: sha256(UPLOAD_FILE), variables },
      fileBytes: 1000,
    }).response;
    expect(ok.json.errors).toBeUndefined();
    expect(ok.json.data.uploadFile.type).toBe('msg.file');

    trusted.resetCalls();
    const refused = await sendUpload({
      url: trusted.gateway.url,
      token: DEMO_TOKENS.alice,
      operations: upload(),
      fileBytes: 1000,
    }).response;
    expect(refused.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(trusted.upstreamCalls()).toEqual([]);
  });
});
