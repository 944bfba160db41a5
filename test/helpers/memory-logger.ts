// A real pino logger writing JSON lines into memory, so tests can assert what was logged
// (and that no token ever was) without touching the console.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger';

export interface MemoryLogger {
  logger: Logger;
  /** Raw JSON lines, in order. */
  lines: string[];
  /** Parsed entries. */
  entries(): Array<Record<string, unknown>>;
}

export function memoryLogger(level = 'debug'): MemoryLogger {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(line);
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
