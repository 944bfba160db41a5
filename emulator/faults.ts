// Scripted failures (style habit 14): rules are matched in the order added, each for `times`
// matching requests, the way undici's tests script a counter-driven server.
import type { ServerResponse } from 'node:http';
import { envelopeForStatus } from './errors';
import { UnreachableCaseError } from './event-types';

export type Fault =
  | { kind: 'status'; status: number; body?: unknown }
  | { kind: 'reset' }
  | { kind: 'reset-mid-body' }
  | { kind: 'delay'; ms: number }
  | { kind: 'garbage' }
  | { kind: 'no-total-count' };

export interface FaultRule {
  method?: string;
  path?: string | RegExp;
  /** @default 1; Infinity allowed */
  times?: number;
  fault: Fault;
}

interface ArmedRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultPlan {
  private armed: ArmedRule[] = [];

  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!(times === Infinity || (Number.isInteger(times) && times > 0))) {
      throw new TypeError(`FaultRule.times must be a positive integer or Infinity, got ${times}`);
    }
    validateFault(rule.fault);
    this.armed.push({ rule, remaining: times });
  }

  clear(): void {
    this.armed = [];
  }

  /** Consumes one use of the first rule matching this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const index = this.armed.findIndex(({ rule }) => matches(rule, method, path));
    if (index < 0) return undefined;
    const armed = this.armed[index] as ArmedRule;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.armed.splice(index, 1);
    return armed.rule.fault;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  if (typeof rule.path === 'string') return rule.path === path;
  rule.path.lastIndex = 0; // a /g or /y RegExp would otherwise remember the last match
  return rule.path.test(path);
}

function validateFault(fault: Fault): void {
  switch (fault.kind) {
    case 'status':
      if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
        throw new TypeError(`status fault needs an HTTP status 100-599, got ${fault.status}`);
      }
      return;
    case 'delay':
      if (!(fault.ms >= 0)) throw new TypeError(`delay fault needs ms >= 0, got ${fault.ms}`);
      return;
    case 'reset':
    case 'reset-mid-body':
    case 'garbage':
    case 'no-total-count':
      return;
    default:
      throw new TypeError(`unknown fault kind ${(fault as { kind: unknown }).kind}`);
  }
}

const GARBAGE = '<html><body>502 Bad Gateway</body></html>';
/** The start of a plausible event list, cut short. */
const PARTIAL_BODY = '[{"type":"msg.text","content":{"encrypted":"cGFydGlhbA","public_key":';

/**
 * Answers a faulted request directly. 'delay' is handled by the caller (it answers normally
 * after waiting), so here it is unreachable in practice but kept for exhaustiveness.
 */
export function sendFault(
  fault: Exclude<Fault, { kind: 'delay' }>,
  method: string,
  res: ServerResponse,
): void {
  const isHead = method === 'HEAD';
  switch (fault.kind) {
    case 'status': {
      const noBody = isHead || fault.status === 204 || fault.status === 304 || fault.status < 200;
      if (noBody) {
        res.writeHead(fault.status).end();
        return;
      }
      const body = fault.body === undefined ? envelopeForStatus(fault.status) : fault.body;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res
        .writeHead(fault.status, {
          'content-type': 'application/json; charset=UTF-8',
          'content-length': Buffer.byteLength(text),
        })
        .end(text);
      return;
    }
    case 'reset':
      res.socket?.destroy();
      return;
    case 'reset-mid-body':
      // Content-Length promises more than is sent, so the client sees a premature close.
      res.writeHead(200, {
        'content-type': 'application/json; charset=UTF-8',
        'content-length': 4096,
      });
      res.flushHeaders();
      if (isHead) {
        res.socket?.destroy();
        return;
      }
      res.write(PARTIAL_BODY, () => res.socket?.destroy());
      return;
    case 'garbage':
      if (isHead) {
        res.writeHead(204, { 'x-total-count': 'lots' }).end();
        return;
      }
      res
        .writeHead(method === 'POST' ? 201 : 200, {
          'content-type': 'application/json; charset=UTF-8',
          'content-length': Buffer.byteLength(GARBAGE),
        })
        .end(GARBAGE);
      return;
    case 'no-total-count':
      res.writeHead(204).end();
      return;
    default:
      throw new UnreachableCaseError(fault);
  }
}
