// One pino logger for the process. Credentials never reach a log line: the redact paths cover
// every place a token, cookie or CSRF value could sit in what we log (request headers, upstream
// request options); the values are replaced, the keys kept so an operator sees they were there.
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-csrf-token"]',
  'upstream.headers.cookie',
  'upstream.headers["x-csrf-token"]',
  'credentials',
  'token',
];

export interface LoggerOptions {
  /** pino level. @default 'info' */
  level?: string;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    { level: options.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    options.destination,
  );
}
