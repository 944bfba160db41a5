// Deterministic time and ids (§0 decision 12): the same seed always yields the same output, so
// nothing here reads the wall clock or a random source.

/** Microseconds since the epoch; a JS number holds these exactly until the year 2255. */
export type Micros = number;

/** The demo clock's first tick. */
export const DEFAULT_CLOCK_START = '2021-03-01T09:00:00Z';
/**
 * Gap between two ticks: over a second, and not round, so timestamps show 1 to 6 fractional
 * digits the way Postgres microseconds do.
 */
export const CLOCK_STEP_MICROS = 1_234_567;

/** RFC 3339 UTC, up to 6 fractional digits, trailing zeros trimmed (Go's RFC3339Nano). */
export function formatTimestamp(micros: Micros): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (fraction === 0) return `${base}Z`;
  return `${base}.${String(fraction)
    .padStart(6, '0')
    .replace(/(?<!0)0+$/, '')}Z`;
}

export class Clock {
  private next: Micros;
  constructor(start: string = DEFAULT_CLOCK_START) {
    const ms = Date.parse(start);
    if (Number.isNaN(ms)) throw new TypeError(`clock start must be an RFC 3339 date, got ${start}`);
    this.next = ms * 1000;
  }
  tick(): Micros {
    const now = this.next;
    this.next += CLOCK_STEP_MICROS;
    return now;
  }
  /** For batch rollback: a failed transaction leaves no trace, not even consumed ticks. */
  mark(): Micros {
    return this.next;
  }
  restore(mark: Micros): void {
    this.next = mark;
  }
}

/** Lowercase UUID v4 shapes built from a counter: `<prefix>0000000-0000-4000-8000-<n>`. */
export class IdSequence {
  private n = 0;
  constructor(private readonly prefix: string) {
    if (!/^[0-9a-f]$/.test(prefix))
      throw new TypeError(`id prefix must be one hex digit, got ${prefix}`);
  }
  next(): string {
    this.n += 1;
    return counterUuid(this.prefix, this.n);
  }
  mark(): number {
    return this.n;
  }
  restore(mark: number): void {
    this.n = mark;
  }
}

export function counterUuid(prefix: string, n: number): string {
  return `${prefix}0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
