// docs/configuration.md lists exactly the environment variables src/config reads: a new setting
// without a row fails here, as a stale row does. The variables are taken from the code twice
// over: every name loadConfig touches (an env that records reads, on the paths the defaults and
// tracing take) and every name written as a literal in src/config's reader calls.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { ROOT, read } from './markdown';

/** The part of the page that documents the gateway's settings, before the other commands'. */
const OTHER_COMMANDS = '## Variables of other commands';

function variablesReadByLoadConfig(): Set<string> {
  const seen = new Set<string>();
  const recording = (given: Record<string, string>) =>
    new Proxy(given, {
      get(target, name) {
        if (typeof name === 'string') seen.add(name);
        return target[name as string];
      },
    });
  loadConfig(recording({}));
  loadConfig(recording({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }));
  loadConfig(
    recording({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    }),
  );
  return seen;
}

function variablesNamedInSource(): Set<string> {
  const names = new Set<string>();
  const dir = join(ROOT, 'src', 'config');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    for (const match of read(join(dir, file)).matchAll(
      /\b(?:read|int|bool)\(\s*'([A-Z][A-Z0-9_]*)'/g,
    )) {
      names.add(match[1]);
    }
  }
  return names;
}

function variablesDocumented(): Set<string> {
  const page = read(join(ROOT, 'docs', 'configuration.md'));
  const gatewayPart = page.split(OTHER_COMMANDS)[0];
  const names = new Set<string>();
  for (const match of gatewayPart.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`/gm)) names.add(match[1]);
  return names;
}

describe('docs/configuration.md', () => {
  const inCode = new Set([...variablesReadByLoadConfig(), ...variablesNamedInSource()]);

  it('reads a plausible set from the code (the derivation itself works)', () => {
    for (const name of ['UPSTREAM_URL', 'PORT', 'WORKERS', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
      expect(inCode.has(name)).toBe(true);
    }
  });

  it('has one row for each variable src/config reads, and no other', () => {
    const documented = variablesDocumented();
    const missing = [...inCode].filter((name) => !documented.has(name)).sort();
    const extra = [...documented].filter((name) => !inCode.has(name)).sort();
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });
});
