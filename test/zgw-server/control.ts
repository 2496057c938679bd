// Control API for other processes (a CLI-driven demo): fault rules and state counts over HTTP,
// outside the ZGW paths and guarded by the server secret (header X-Control-Secret).
//
//   POST   /_control/faults   JSON FaultRule; `path` is a regular expression string; `times` may be
//                             a number, null or "Infinity" (JSON has no Infinity)
//   DELETE /_control/faults   remove all rules
//   GET    /_control/state    counts of the state, pending rules, offline flag

import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { validateFaultRule, type Faults, type FaultRule } from './faults';
import type { ServerState } from './state';

export interface ControlRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  secret: string;
  faults: Faults;
  state: ServerState;
}

export interface ControlReply {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
}

function json(status: number, value: unknown): ControlReply {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) };
}

function secretMatches(given: unknown, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function handleControl(r: ControlRequest): ControlReply {
  if (!secretMatches(r.headers['x-control-secret'], r.secret)) return json(403, { error: 'X-Control-Secret ontbreekt of is onjuist' });
  if (r.path === '/_control/faults' && r.method === 'POST') {
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return json(400, { error: 'body is geen JSON' });
    }
    const rule: FaultRule = {
      kind: raw.kind as FaultRule['kind'],
      method: typeof raw.method === 'string' ? raw.method : undefined,
      path: typeof raw.path === 'string' ? raw.path : undefined,
      status: typeof raw.status === 'number' ? raw.status : undefined,
      retryAfterSeconds: typeof raw.retryAfterSeconds === 'number' ? raw.retryAfterSeconds : undefined,
      delayMs: typeof raw.delayMs === 'number' ? raw.delayMs : undefined,
      times: raw.times === null || raw.times === 'Infinity' ? Infinity : typeof raw.times === 'number' ? raw.times : undefined,
      probability: typeof raw.probability === 'number' ? raw.probability : undefined,
    };
    const problem = validateFaultRule(rule);
    if (problem) return json(400, { error: problem });
    r.faults.add(rule);
    return json(201, { pendingFaults: r.faults.pending() });
  }
  if (r.path === '/_control/faults' && r.method === 'DELETE') {
    r.faults.clear();
    return { status: 204, headers: {} };
  }
  if (r.path === '/_control/state' && r.method === 'GET') {
    return json(200, { ...r.state.counts(), pendingFaults: r.faults.pending(), offline: r.faults.isOffline() });
  }
  return json(404, { error: 'onbekende control-opdracht' });
}
