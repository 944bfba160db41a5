// The pieces loadConfig reads the environment with: each reader records one line per bad
// variable in `problems` and returns the fallback, so every bad setting is named at once.

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export interface EnvReader {
  /** The trimmed value; undefined when unset or blank. */
  read(name: string): string | undefined;
  int(name: string, fallback: number, min: number, max?: number): number;
  bool(name: string, fallback: boolean): boolean;
}

export function envReader(env: Env, problems: string[]): EnvReader {
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const int = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      problems.push(`${name}=${JSON.stringify(raw)} is invalid: expected an integer ${range}`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name}=${JSON.stringify(raw)} is invalid: expected true or false`);
    return fallback;
  };
  return { read, int, bool };
}

export function isHttpUrl(value: string): boolean {
  return isUrl(value, ['http:', 'https:']);
}

export function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value))
    if (child && typeof child === 'object') deepFreeze(child);
  return Object.freeze(value);
}
