// An OTLP/HTTP trace receiver on a local port: keeps every export request as received, and
// flattens OTLP/JSON exports into spans with their attributes as a plain object.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedExport {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 2 = SERVER, 3 = CLIENT. */
  kind: number;
  attributes: Record<string, unknown>;
  status?: { code?: number };
}

export interface OtlpReceiver {
  /** The value for OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  exports: ReceivedExport[];
  /** Every span of every OTLP/JSON export so far, resource attributes kept apart. */
  spans(): ReceivedSpan[];
  close(): Promise<void>;
}

interface JsonAttribute {
  key: string;
  value: Record<string, unknown>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const exports: ReceivedExport[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      exports.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    exports,
    spans() {
      return exports.flatMap((received) => {
        const json = JSON.parse(received.body.toString('utf8')) as {
          resourceSpans: Array<{
            scopeSpans: Array<{ spans: Array<ReceivedSpan & { attributes: JsonAttribute[] }> }>;
          }>;
        };
        return json.resourceSpans.flatMap((r) =>
          r.scopeSpans.flatMap((s) =>
            s.spans.map((span) => ({ ...span, attributes: attributeObject(span.attributes) })),
          ),
        );
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `[{ key, value: { intValue: 200 } }]` → `{ key: 200 }` (arrays and ints unwrapped). */
function attributeObject(attributes: JsonAttribute[] = []): Record<string, unknown> {
  const unwrap = (value: Record<string, unknown>): unknown => {
    if ('arrayValue' in value) {
      const values = (value.arrayValue as { values?: Array<Record<string, unknown>> }).values;
      return (values ?? []).map(unwrap);
    }
    if ('intValue' in value) return Number(value.intValue);
    return Object.values(value)[0];
  };
  return Object.fromEntries(attributes.map((a) => [a.key, unwrap(a.value)]));
}
