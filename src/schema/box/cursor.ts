// Connection cursors: opaque to clients, but simply the absolute position of an item in the
// newest-first list, base64url("offset:<n>"). `after: c` starts at position(c) + 1.

const CURSOR_PATTERN = /^offset:(0|[1-9]\d{0,14})$/;

export function encodeCursor(position: number): string {
  return Buffer.from(`offset:${position}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  if (!/^[\w-]+$/.test(cursor)) return null;
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}
