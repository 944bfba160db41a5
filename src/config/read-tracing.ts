// The OpenTelemetry settings: the standard OTEL_* variables this gateway reads itself.
import type { TracingConfig } from './config-types';
import { isHttpUrl } from './env-reader';

/** The standard OTEL_* variables this gateway honours (the exporter reads the others itself). */
export function readTracing(
  read: (name: string) => string | undefined,
  problems: string[],
): TracingConfig | undefined {
  const signal = read('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = read('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (read('OTEL_SDK_DISABLED') === 'true' || (signal ?? base) === undefined) return undefined;
  const tracesUrl = signal ?? `${base!.replace(/(?<!\/)\/+$/, '')}/v1/traces`;
  const name = signal ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  if (!isHttpUrl(tracesUrl)) {
    problems.push(`${name}=${JSON.stringify(signal ?? base)} is invalid: expected an http(s) URL`);
  }
  const protocolName = read('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = read(protocolName) ?? 'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    problems.push(
      `${protocolName}=${JSON.stringify(protocol)} is invalid: expected http/protobuf or http/json (grpc is not supported)`,
    );
  }
  return {
    tracesUrl,
    protocol: protocol as TracingConfig['protocol'],
    serviceName: read('OTEL_SERVICE_NAME') ?? 'box-events-gateway',
  };
}
