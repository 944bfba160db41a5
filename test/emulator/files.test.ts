// POST /boxes/:bid/encrypted-files and GET /encrypted-files/:id (upstream-api.md §13.7, D8–D11,
// D23): a multipart upload parsed as it arrives, stored with its event atomically, published and
// counted; the download's bytes and its access rule; every §13.14 error of both routes in order.
import { request } from 'node:http';
import { seededFileBytes } from '../../emulator/chat-state';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import {
  DEMO_BOX_IDS,
  DEMO_EXTRA_TOKENS,
  DEMO_FILE_IDS,
  DEMO_IDENTITY_IDS,
  DEMO_TOKENS,
  DEMO_UNREAD,
} from '../../emulator/seed';
import { box, file, identity, join } from '../../emulator/seed-builders';
import { SEED_ORG_ID } from '../../emulator/seed-loader';
import { UPSTREAM_MAX_UPLOAD_BYTES } from '../../emulator/upload-request';
import {
  BARE_403,
  call,
  CSRF,
  eventsPath,
  expectError,
  filesPath,
  NOT_MEMBER,
  useEmulator,
  type CallOptions,
} from './http';
import { multipart, uploadParts, type Part } from './multipart';
import { openSocket, sync } from './ws';
import { waitFor } from '../helpers/wait-for';

const { welcome: W, closed: C } = DEMO_BOX_IDS;
const I = DEMO_IDENTITY_IDS;
const { alice, bob, eve } = DEMO_TOKENS;
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';
const uploadPath = (boxId: string) => `/boxes/${boxId}/encrypted-files`;
const download = (emu: Emulator, fileId: string, options: CallOptions) =>
  call(emu, 'GET', `/encrypted-files/${fileId}`, options);

type View = Record<string, unknown>;

function upload(emu: Emulator, boxId: string, parts: Part[], options: CallOptions = {}) {
  const { body, contentType } = multipart(parts);
  return call(emu, 'POST', uploadPath(boxId), {
    token: bob,
    rawBody: body,
    ...options,
    headers: { 'content-type': contentType, ...options.headers },
  });
}

const fileCount = async (emu: Emulator, boxId = W) =>
  (await call(emu, 'HEAD', filesPath(boxId), { token: alice })).headers.get('x-total-count');

describe('upload', () => {
  const emu = useEmulator();
  const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));

  it('201 + the msg.file view; the bytes download unchanged; listed first in /files', async () => {
    const res = await upload(emu(), W, uploadParts(bytes));
    expect(res.status).toBe(201);
    const view = res.json as View;
    const content = view.content as View;
    const fileId = content.encrypted_file_id as string;
    expect(view).toEqual({
      type: 'msg.file',
      content: {
        encrypted: 'ZW5jcnlwdGVk',
        public_key: 'pk',
        encrypted_file_id: fileId,
        is_saved: false,
      },
      box_id: W,
      id: view.id,
      server_event_created_at: view.server_event_created_at,
      referrer_id: null,
      sender: {
        id: I.bob,
        display_name: 'Bob Durand',
        avatar_url: null,
        identifier_value: '',
        identifier_kind: '',
      },
    });
    expect(Object.keys(content)).toEqual([
      'encrypted',
      'public_key',
      'encrypted_file_id',
      'is_saved',
    ]);
    const got = await fetch(`${emu().url}/encrypted-files/${fileId}`, {
      headers: { cookie: `accesstoken=${alice}; tokentype=bearer` },
    });
    expect([
      got.status,
      got.headers.get('content-type'),
      got.headers.get('content-length'),
    ]).toEqual([200, 'application/octet-stream', String(bytes.length)]);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    const files = (await call(emu(), 'GET', filesPath(W, '?limit=1'), { token: alice })).json;
    expect(files).toEqual([view]);
  });

  it('publishes event.new to the members (creator transparent) and counts it for the others', async () => {
    const aliceInbox = await openSocket(emu(), I.alice, { token: alice });
    const bobInbox = await openSocket(emu(), I.bob, { token: bob });
    const view = (await upload(emu(), W, uploadParts(bytes))).json as View;
    const sender = view.sender as View;
    expect(await sync(bobInbox, I.bob)).toEqual([
      { type: 'event.new', object: { ...view, owner_org_id: SEED_ORG_ID } },
    ]);
    expect(await sync(aliceInbox, I.alice)).toEqual([
      {
        type: 'event.new',
        object: {
          ...view,
          sender: { ...sender, identifier_value: 'bob@example.com', identifier_kind: 'email' },
          owner_org_id: SEED_ORG_ID,
        },
      },
    ]);
    const unread = async (token: string) =>
      ((await call(emu(), 'GET', `/boxes/${W}`, { token })).json as View).events_count;
    expect([await unread(alice), await unread(bob)]).toEqual([
      DEMO_UNREAD.alice.welcome + 1,
      DEMO_UNREAD.bob.welcome,
    ]);
  });

  it('the request log keeps the route, the text parts, the file name and size, and every byte counted', async () => {
    emu().clearRequests();
    const { body } = multipart(uploadParts(bytes));
    await upload(emu(), W, uploadParts(bytes));
    expect(emu().requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: uploadPath(W),
        route: '/boxes/:bid/encrypted-files',
        body: {
          msg_encrypted_content: 'ZW5jcnlwdGVk',
          msg_public_key: 'pk',
          encrypted_file: { filename: 'blob', size: bytes.length },
        },
        bodyBytes: body.length,
      }),
    ]);
  });

  it('parses as the body arrives: half the bytes are in before the client sends the rest', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 1);
    const { body, contentType } = multipart(uploadParts(big));
    const half = Math.floor(body.length / 2);
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${emu().url}${uploadPath(W)}`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'content-length': String(body.length),
          cookie: `accesstoken=${bob}; tokentype=bearer; _csrf=${CSRF}`,
          'x-csrf-token': CSRF,
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, half));
      waitFor(
        `${half} bytes in`,
        () => (emu().requests.at(-1)?.bodyBytes ?? 0) >= half,
        10_000,
      ).then(() => req.end(body.subarray(half)), reject);
    });
    const res = await answered;
    expect(res.status).toBe(201);
    const fileId = (JSON.parse(res.text) as { content: View }).content.encrypted_file_id as string;
    const got = await download(emu(), fileId, { token: alice });
    expect(got.text.length).toBe(big.length);
  });

  it('a client that goes away mid-body leaves no event, and the emulator keeps serving', async () => {
    const before = await fileCount(emu());
    const { body, contentType } = multipart(uploadParts(Buffer.alloc(1024 * 1024, 3)));
    const req = request(`${emu().url}${uploadPath(W)}`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'content-length': String(body.length),
        cookie: `accesstoken=${bob}; tokentype=bearer; _csrf=${CSRF}`,
        'x-csrf-token': CSRF,
      },
    });
    req.on('error', () => undefined);
    req.write(body.subarray(0, 100_000));
    await waitFor(
      'the first bytes',
      () => (emu().requests.at(-1)?.bodyBytes ?? 0) >= 100_000,
      10_000,
    );
    req.destroy();
    expect((await upload(emu(), W, uploadParts(bytes))).status).toBe(201);
    expect(Number(await fileCount(emu()))).toBe(Number(before) + 1);
  });

  it('a machine token may upload (any-client, no CSRF with Authorization) but not download (D23)', async () => {
    const machine = DEMO_EXTRA_TOKENS.machine;
    const joined = await call(emu(), 'POST', eventsPath(W), {
      bearer: machine,
      body: { type: 'member.join' },
    });
    expect(joined.status).toBe(201);
    const { body, contentType } = multipart(uploadParts(bytes));
    const res = await call(emu(), 'POST', uploadPath(W), {
      bearer: machine,
      rawBody: body,
      headers: { 'content-type': contentType },
    });
    expect(res.status).toBe(201);
    const fileId = ((res.json as View).content as View).encrypted_file_id as string;
    expectError(
      await download(emu(), fileId, { bearer: machine }),
      401,
      'unauthorized',
      {},
      'cookies',
    );
  });

  describe('refusals, in the upstream order; none creates an event', () => {
    let before: string | null;
    beforeEach(async () => {
      before = await fileCount(emu());
    });
    afterEach(async () => {
      expect(await fileCount(emu())).toBe(before);
    });

    it('CSRF first (an unknown box too)', async () => {
      const res = await upload(emu(), UNKNOWN, uploadParts(bytes), { csrf: false });
      expectError(res, 403, 'forbidden', { csrf_token: 'invalid' });
    });

    it('then auth', async () => {
      const { body, contentType } = multipart(uploadParts(bytes));
      const res = await call(emu(), 'POST', uploadPath(W), {
        rawBody: body,
        headers: { 'content-type': contentType },
      });
      expectError(res, 401, 'unauthorized');
    });

    it.each([
      ['a multipart type without boundary', 'multipart/form-data', Buffer.from('x')],
      [
        'a truncated multipart body',
        'multipart/form-data; boundary=b',
        Buffer.from(
          '--b\r\nContent-Disposition: form-data; name="encrypted_file"; filename="f"\r\n\r\nabc',
        ),
      ],
      ['a body echo cannot bind (415 → 400, as §0 #10)', 'text/plain', Buffer.from('hello')],
    ])('then the parse: %s → 400 origin body', async (_name, type, rawBody) => {
      const res = await call(emu(), 'POST', uploadPath(W), {
        token: bob,
        rawBody,
        headers: { 'content-type': type },
      });
      expectError(res, 400, 'bad_request', {}, 'body');
    });

    it.each([
      ['no file part', [{ name: 'msg_encrypted_content', data: 'aGk' }]],
      ['a file part without filename', [{ name: 'encrypted_file', data: 'abc' }]],
      ['the file under another name', [{ name: 'file', filename: 'blob', data: 'abc' }]],
    ] as Array<[string, Part[]]>)(
      'then the file part: %s → 400 origin body encrypted_file required',
      async (_name, parts) => {
        const res = await upload(emu(), W, parts);
        expectError(res, 400, 'bad_request', { encrypted_file: 'required' }, 'body');
        expect((res.json as View).desc).toBe('http: no such file');
      },
    );

    it('the file part is looked for before the box id: a JSON body to a bad id', async () => {
      const res = await call(emu(), 'POST', uploadPath('nope'), { token: bob, body: {} });
      expectError(res, 400, 'bad_request', { encrypted_file: 'required' }, 'body');
    });

    it('then one 400 for box id, message fields and size, under the Go field names (D19)', async () => {
      const res = await upload(emu(), 'nope', [
        { name: 'encrypted_file', filename: 'blob', data: '' },
      ]);
      expectError(res, 400, 'bad_request', {
        box_id: 'malformed',
        msg_enc_content: 'required',
        msg_pub_key: 'required',
        size: 'required',
      });
    });

    it('encrypted content must be unpadded URL-safe base64', async () => {
      const res = await upload(emu(), W, uploadParts(bytes, 'aGk='));
      expectError(res, 400, 'bad_request', { msg_enc_content: 'malformed' });
    });

    it.each([
      ['a public box eve could join', W, eve],
      ['an unknown box', UNKNOWN, bob],
      ['a box bob was kicked from', C, bob],
    ])('then membership: %s → 403 not_member', async (_name, boxId, token) => {
      const res = await upload(emu(), boxId, uploadParts(bytes), { token });
      expect([res.status, res.json]).toEqual([403, NOT_MEMBER]);
    });
  });
});

describe('the size limit (D8)', () => {
  it('defaults to 126 MiB; the option refuses values outside 1..126 MiB', async () => {
    expect(UPSTREAM_MAX_UPLOAD_BYTES).toBe(132_120_576);
    await expect(startEmulator({ maxUploadBytes: 0 })).rejects.toThrow(TypeError);
    await expect(startEmulator({ maxUploadBytes: UPSTREAM_MAX_UPLOAD_BYTES + 1 })).rejects.toThrow(
      TypeError,
    );
  });

  it('a file of the limit passes; one byte more → 400 size invalid and no event', async () => {
    const emu = await startEmulator({ maxUploadBytes: 1000 });
    try {
      expect((await upload(emu, W, uploadParts(Buffer.alloc(1000, 2)))).status).toBe(201);
      const before = await fileCount(emu);
      const res = await upload(emu, W, uploadParts(Buffer.alloc(1001, 2)));
      expectError(res, 400, 'bad_request', { size: 'invalid' });
      expect(await fileCount(emu)).toBe(before);
    } finally {
      await emu.close();
    }
  });
});

describe('download', () => {
  const emu = useEmulator();

  it('a seeded file: the bytes of seededFileBytes, for a member', async () => {
    const res = await download(emu(), DEMO_FILE_IDS.closed, { token: alice });
    expect([res.status, res.text]).toEqual([200, seededFileBytes(DEMO_FILE_IDS.closed).toString()]);
  });

  it.each([
    ['not a UUID', 'nope'],
    ['uppercase', DEMO_FILE_IDS.closed.toUpperCase()],
  ])('%s → 400 file_id malformed', async (_name, id) => {
    expectError(await download(emu(), id, { token: alice }), 400, 'bad_request', {
      file_id: 'malformed',
    });
  });

  it('an unknown file → 404 id not_found, even for a caller who could read nothing (D11)', async () => {
    const res = await download(emu(), UNKNOWN, { token: eve });
    expect([res.status, res.json]).toEqual([
      404,
      {
        code: 'not_found',
        origin: 'not_defined',
        desc: 'finding msg.file event',
        details: { id: 'not_found' },
      },
    ]);
  });

  it.each([
    ['a non-member', eve],
    ['a kicked former member', bob],
  ])('%s → 403 bare', async (_name, token) => {
    const res = await download(emu(), DEMO_FILE_IDS.closed, { token });
    expect([res.status, res.json]).toEqual([403, BARE_403]);
  });

  it('a deleted message takes its blob with it: 404 afterwards (D9)', async () => {
    const view = (await upload(emu(), W, uploadParts(Buffer.from('bytes')))).json as View;
    const fileId = (view.content as View).encrypted_file_id as string;
    const del = await call(emu(), 'POST', eventsPath(W), {
      token: bob,
      body: { type: 'msg.delete', referrer_id: view.id },
    });
    expect(del.status).toBe(201);
    expectError(await download(emu(), fileId, { token: bob }), 404, 'not_found', {
      id: 'not_found',
    });
  });

  it('deleting the box deletes its blobs', async () => {
    const del = await call(emu(), 'DELETE', `/boxes/${C}`, {
      token: alice,
      body: { user_confirmation: 'delete' },
    });
    expect(del.status).toBe(204);
    expectError(await download(emu(), DEMO_FILE_IDS.closed, { token: alice }), 404, 'not_found', {
      id: 'not_found',
    });
  });
});

describe('download rights: membership of a box holding the file, or a save', () => {
  const ann = identity('ann');
  const ben = identity('ben');
  const cyd = identity('cyd');
  const dom = identity('dom');
  const FILE = '90000000-0000-4000-8000-00000000f11e';
  const emu = useEmulator(() => ({
    identities: [ann, ben, cyd, dom],
    boxes: [
      box('Files', ann, {
        events: [join(ben), file(ann, undefined, FILE, { bytes: Buffer.from('x') })],
      }),
    ],
    savedFiles: [{ identity: cyd.id, fileId: FILE }],
  }));

  it.each([
    ['the creator', ann.token, 200],
    ['a joined member', ben.token, 200],
    ['a non-member who saved it', cyd.token, 200],
    ['a non-member who did not', dom.token, 403],
  ])('%s', async (_name, token, status) => {
    const res = await download(emu(), FILE, { token });
    expect([res.status, res.text]).toEqual(
      status === 200 ? [200, 'x'] : [403, JSON.stringify(BARE_403)],
    );
  });
});
