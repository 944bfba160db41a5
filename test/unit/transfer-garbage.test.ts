// The transfer garbage bound (src/upstream/transfer-garbage.ts): every COLLECT_EVERY_BYTES of
// streamed bytes runs a minor GC, seen as V8 reports it (perf_hooks 'gc' entries); a counted
// stream passes its bytes through unchanged, and destroying it destroys its source.
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import {
  COLLECT_EVERY_BYTES,
  countTransferred,
  noteTransferred,
} from '../../src/upstream/transfer-garbage';
import { waitFor } from '../helpers/wait-for';

it('runs a minor GC for every COLLECT_EVERY_BYTES streamed', async () => {
  const minor: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) =>
    minor.push(
      ...list
        .getEntries()
        .filter(
          (e) =>
            (e as { detail?: { kind?: number } }).detail?.kind ===
            constants.NODE_PERFORMANCE_GC_MINOR,
        ),
    ),
  );
  observer.observe({ entryTypes: ['gc'] });
  try {
    // 64 KiB chunks, as a socket delivers them; V8 alone would run none for these 12 MiB.
    for (let i = 0; i < 3 * 64; i += 1) noteTransferred(COLLECT_EVERY_BYTES / 64);
    // Entries arrive on a later tick.
    await waitFor('three minor GCs reported', () => minor.length >= 3, 5_000);
  } finally {
    observer.disconnect();
  }
});

it('passes the bytes through unchanged, and destroying the counted stream destroys its source', async () => {
  const chunks = [Buffer.from('abc'), Buffer.from('defg')];
  const passed: Buffer[] = [];
  for await (const chunk of countTransferred(Readable.from(chunks))) passed.push(chunk as Buffer);
  expect(Buffer.concat(passed).toString()).toBe('abcdefg');

  const source = new Readable({ read() {} });
  const counted = countTransferred(source);
  counted.destroy();
  await waitFor('the source destroyed', () => source.destroyed);
});
