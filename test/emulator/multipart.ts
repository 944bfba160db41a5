// multipart/form-data bodies written by hand, so a test controls every part: a file part with or
// without a filename, text parts, a truncated body.
export interface Part {
  name: string;
  /** Present: a file part (Content-Disposition filename); absent: a text value. */
  filename?: string;
  contentType?: string;
  data: string | Buffer;
}

export const BOUNDARY = 'emulator-test-boundary-7MA4YWxkTrZu0gW';

export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const type =
      part.contentType ?? (part.filename === undefined ? undefined : 'application/octet-stream');
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${filename}\r\n` +
          (type ? `Content-Type: ${type}\r\n` : '') +
          '\r\n',
      ),
      Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return {
    body: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
  };
}

/** The upload the real client sends: a Blob (filename "blob") and the two message fields. */
export function uploadParts(bytes: Buffer, encrypted = 'ZW5jcnlwdGVk', publicKey = 'pk'): Part[] {
  return [
    { name: 'msg_encrypted_content', data: encrypted },
    { name: 'msg_public_key', data: publicKey },
    { name: 'encrypted_file', filename: 'blob', data: bytes },
  ];
}
