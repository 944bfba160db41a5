// The request half of POST /boxes/:bid/encrypted-files (upstream-api.md §13.7): the multipart
// body parsed as it arrives (busboy), then the upstream's checks in order: parse, presence of the
// file part, then one 400 for the box id, the two message fields and the size.
import busboy from 'busboy';
import { badRequest, type Details } from './errors';
import type { StreamedBody } from './route-types';
import { checkBoxId, isUrlSafeBase64, validationError } from './validation';

/** 126 MiB: upload_encrypted_file.go's limit (§13.7), the default of D8. */
export const UPSTREAM_MAX_UPLOAD_BYTES = 126 * 1024 * 1024;
/** Text parts may be long (an encrypted message), not unbounded. */
const MAX_FIELD_BYTES = 1024 * 1024;

export function checkUploadLimit(bytes: number): number {
  if (!(Number.isInteger(bytes) && bytes >= 1 && bytes <= UPSTREAM_MAX_UPLOAD_BYTES)) {
    throw new TypeError(
      `maxUploadBytes must be an integer from 1 to ${UPSTREAM_MAX_UPLOAD_BYTES}, got ${bytes}`,
    );
  }
  return bytes;
}

export interface UploadFile {
  filename: string;
  /** null when the part was over the limit: its bytes were never kept. */
  bytes: Buffer | null;
  size: number;
}

interface UploadForm {
  /** First value of each text part, as Go's FormValue reads them. */
  fields: Record<string, string>;
  /** The first `encrypted_file` part that carried a filename (Go's FormFile). */
  file?: UploadFile;
}

export interface UploadRequest {
  encrypted: string;
  publicKey: string;
  file: UploadFile & { bytes: Buffer };
}

/** Counts body bytes for the request log, then parses; refusals keep draining the body. */
function parseForm(body: StreamedBody, contentType: string, maxBytes: number): Promise<UploadForm> {
  const { stream } = body;
  let received = 0;
  stream.on('data', (chunk: Buffer) => body.progress((received += chunk.length)));
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    stream.resume();
    // A JSON or URL-encoded body binds no file; anything else is echo's 415, which the upstream
    // turns into a 500 (§5.1) and the emulator into a 400, as §0 #10 decides.
    const bindable = /^application\/(?:json|x-www-form-urlencoded)/i.test(contentType);
    return bindable || contentType === ''
      ? Promise.resolve({ fields: {} })
      : Promise.reject(badRequest('code=415, message=Unsupported Media Type', {}, 'body'));
  }
  return new Promise((resolve, reject) => {
    const form: UploadForm = { fields: {} };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        // busboy flags a file that reaches its limit; one byte more lets exactly maxBytes pass.
        limits: { fileSize: maxBytes + 1, fieldSize: MAX_FIELD_BYTES },
      });
    } catch (err) {
      stream.resume();
      reject(badRequest((err as Error).message, {}, 'body'));
      return;
    }
    parser.on('field', (name, value) => {
      if (!(name in form.fields)) form.fields[name] = value;
    });
    parser.on('file', (name, file, info) => {
      // Go treats a part without a filename as a value: it never counts as the file.
      if (name !== 'encrypted_file' || form.file || info.filename === undefined) {
        file.on('error', () => undefined);
        file.resume();
        return;
      }
      // A body cut short errors the part too; the parser's own error answers the request.
      file.on('error', () => undefined);
      const kept: UploadFile = { filename: info.filename, bytes: null, size: 0 };
      form.file = kept;
      const chunks: Buffer[] = [];
      let over = false;
      file.on('data', (chunk: Buffer) => {
        kept.size += chunk.length;
        if (!over) chunks.push(chunk);
      });
      file.on('limit', () => {
        over = true;
        chunks.length = 0;
        kept.size = maxBytes + 1; // busboy stops passing bytes at the limit
      });
      file.on('end', () => {
        if (!over) kept.bytes = Buffer.concat(chunks);
      });
    });
    parser.on('close', () => resolve(form));
    parser.on('error', (err: Error) => {
      stream.unpipe(parser);
      stream.resume();
      reject(badRequest(err.message, {}, 'body'));
    });
    stream.pipe(parser);
  });
}

/** §13.7 steps 1–3; what the request log keeps is the text parts and the file's name and size. */
export async function readUpload(
  body: StreamedBody,
  contentType: string,
  boxId: string,
  maxBytes: number,
): Promise<UploadRequest> {
  const form = await parseForm(body, contentType, maxBytes);
  body.summary({
    ...form.fields,
    ...(form.file
      ? { encrypted_file: { filename: form.file.filename, size: form.file.size } }
      : {}),
  });
  if (!form.file) {
    throw badRequest('http: no such file', { encrypted_file: 'required' }, 'body');
  }
  const encrypted = form.fields.msg_encrypted_content ?? '';
  const publicKey = form.fields.msg_public_key ?? '';
  // Keys come from the Go field names, not the form names (D19).
  const details: Details = {};
  checkBoxId(boxId, details);
  if (encrypted === '') details.msg_enc_content = 'required';
  else if (!isUrlSafeBase64(encrypted)) details.msg_enc_content = 'malformed';
  if (publicKey === '') details.msg_pub_key = 'required';
  if (form.file.size === 0) details.size = 'required';
  else if (form.file.size > maxBytes || form.file.bytes === null) details.size = 'invalid';
  if (Object.keys(details).length > 0) throw validationError(details);
  return { encrypted, publicKey, file: form.file as UploadRequest['file'] };
}
