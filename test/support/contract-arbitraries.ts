// Contract fuzzing: fast-check generators for every command's input (valid-shaped from its zod schema, and hostile)
// and a runner that calls each command through the real transports; shared by the integration test and
// scripts/fuzz-contract.ts.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request, createServer } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import WebSocket from 'ws';
import { z } from 'zod';
import { commands, type CommandName } from '../../src/contract/commands';
import { errorMessages } from '../../src/contract/errors';
import { Status } from '../../src/contract/schemas';
import type { CallContext, Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { startWebHarness, type WebHarness } from '../../src/hosts/web';
import { signInAsAdmin, TEST_ADMIN } from './people';

export const FUZZ_PASSPHRASE = 'fuzz passphrase, not a secret';
const repoRoot = resolve(import.meta.dirname, '../..');
const LOCAL: CallContext = { origin: 'cli', connection: 'cli-fuzz' };

// ---------------------------------------------------------------------------------------------------------------
// The abstract input a generator produces. Special nodes are resolved when a case is sent: `Raw` is JSON text that
// JSON.stringify cannot produce (1e999, 10 000 levels of nesting) with its in-process value; `PoolId` picks an id the
// core handed out earlier (documents, pages, batches, uploads) so that valid inputs reach the handlers.

export class Raw {
  constructor(
    readonly text: string,
    private readonly make: () => unknown,
    readonly label: string,
  ) {}
  value(): unknown {
    return this.make();
  }
}
export class PoolId {
  constructor(readonly n: number) {}
}
/** The input is left out of the request altogether. */
export const OMIT = Symbol('omit');

const deep = (depth: number, kind: 'array' | 'object') =>
  new Raw(
    kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
    () => {
      let v: unknown = kind === 'array' ? [] : 1;
      for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
      return v;
    },
    `${kind} nested ${depth} deep`,
  );
const num = (text: string, value: number) => new Raw(text, () => value, text);

/** Characters that have broken parsers, databases and file systems before. */
const NASTY = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202e',
  '\ufeff',
  '\ufffe',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '"',
  "'",
  '\\',
  '/',
  '../',
  '%00',
  '%s',
  '${x}',
  '*',
  '?',
  'NEAR(',
  'OR',
  '"NOT"',
  '-',
  '^',
  ':',
  '\n',
  '\r',
  '\t',
  ' ',
  'é',
  'ß',
  '💥',
  'İ',
  '\u0301',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

export const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme-ascii', maxLength: 4 })), { maxLength: 12 })
    .map((p) => p.join('')),
  fc.constantFrom(...PROTO_KEYS),
);

/** Strings from 100 kB to 4 MB (under the harness's 16 MiB frame limit, even when escaped). */
export const hugeString = fc
  .tuple(fc.integer({ min: 100_000, max: 4_000_000 }), fc.constantFrom('A', 'é', '\u0000', '\ud800', 'a"\\', '💥', ' ', '0'))
  .map(([n, c]) => c.repeat(Math.max(1, Math.floor(n / c.length / (c === '\u0000' || c === '\ud800' ? 6 : 1)))));

/** Objects whose own keys are `__proto__`, `constructor`, `prototype`: prototype pollution attempts. */
const protoObject = fc
  .constantFrom(
    '{"__proto__":{"fuzzPolluted":1}}',
    '{"constructor":{"prototype":{"fuzzPolluted":1}}}',
    '{"prototype":{"fuzzPolluted":1},"__proto__":null}',
    '{"__proto__":[]}',
  )
  .map((t) => new Raw(t, () => JSON.parse(t), t));

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -0,
      -1,
      1.5,
      2 ** 31,
      2 ** 32,
      2 ** 53,
      -(2 ** 53),
      2 ** 53 + 2,
      1e308,
      -1e308,
      5e-324,
      '',
      ' ',
      '0',
      'null',
      'true',
      [],
      {},
      [null],
      [''],
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      num('1e999', Infinity),
      num('-1e999', -Infinity),
      num('123456789012345678901234567890', 1.2345678901234568e29),
      num('-0.0e-999', -0),
    ),
  },
  { weight: 1, arbitrary: fc.constant(new Raw('null', () => NaN, 'NaN')) },
  { weight: 3, arbitrary: nastyString },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: protoObject },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(100, 10_000, 100_000), fc.constantFrom('array' as const, 'object' as const))
      .map(([d, k]) => deep(d, k)),
  },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4, withNullPrototype: false }).filter((v) => v !== undefined) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => Array.from({ length: n }, () => 0)) },
);

// ---------------------------------------------------------------------------------------------------------------
// Valid-shaped inputs from the command's own schema (through zod 4's JSON Schema export).

interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

const idArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.nat({ max: 1 }).map((n) => new PoolId(n)) }, // the seed documents
  { weight: 3, arbitrary: fc.nat().map((n) => new PoolId(n)) },
  { weight: 2, arbitrary: fc.uuid() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
    ),
  },
);

function stringArb(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.format === 'uuid') return idArb;
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 2000;
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    return fc.stringMatching(re, { size: 'small' }).filter((v) => v.length >= min && v.length <= max);
  }
  if (s.format === 'uri') return fc.webUrl();
  const small = Math.min(max, Math.max(min, 40));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: small }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: small }) },
    { weight: 1, arbitrary: nastyString.filter((v) => v.length >= min && v.length <= max) },
    // The boundaries: exactly the longest allowed, one longer.
    { weight: 1, arbitrary: fc.constantFrom(max, max + 1).map((n) => 'x'.repeat(Math.min(n, 9_000_000))) },
  );
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
  const lo =
    s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -Number.MAX_SAFE_INTEGER);
  const hi =
    s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : Number.MAX_SAFE_INTEGER);
  const inRange = integer
    ? fc.integer({ min: Math.max(lo, -Number.MAX_SAFE_INTEGER), max: Math.min(hi, Number.MAX_SAFE_INTEGER) })
    : fc.double({ min: lo, max: hi, noNaN: true });
  return fc.oneof({ weight: 5, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(lo, hi, lo - 1, hi + 1, 0) });
}

export function fromJsonSchema(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map(fromJsonSchema));
  switch (s.type) {
    case 'object': {
      const props = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromJsonSchema(v)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(fromJsonSchema(s.items ?? {}), { minLength: min, maxLength: Math.min(s.maxItems ?? 6, Math.max(min, 6)) });
    }
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return hostileValue;
  }
}

/** Every case for one command: valid-shaped (reaches the handler), one field broken, or a hostile whole input. */
export function inputArbitrary(name: CommandName): fc.Arbitrary<unknown> {
  const schema = z.toJSONSchema(commands[name].input as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const valid = fromJsonSchema(schema);
  const keys = Object.keys(schema.properties ?? {});
  const broken = fc
    .tuple(
      valid,
      fc.nat(),
      hostileValue,
      fc.constantFrom('replace', 'delete', 'extra'),
      fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 })),
    )
    .map(([v, i, h, how, extra]) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return h;
      const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      const key = keys.length ? keys[i % keys.length]! : extra;
      if (how === 'replace') Object.defineProperty(out, key, { value: h, enumerable: true, writable: true, configurable: true });
      else if (how === 'delete') delete out[key];
      else Object.defineProperty(out, extra, { value: h, enumerable: true, writable: true, configurable: true });
      return out;
    });
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 4, arbitrary: broken },
    { weight: 1, arbitrary: fc.oneof(hostileValue, fc.constant(OMIT)) },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The sandbox: every string under a key that names a path, a URL, a directory or a device is replaced by a value
// inside the sandbox folder or on 127.0.0.1, whatever the generator produced. Nothing leaves the machine or the folder.

const SENSITIVE_KEY = /path|url|dir|file|device|zaken|documenten|catalogi|informatieobjecttype|zaaktype|bases/i;
const TIME_KEY = /ms$/i;

export interface Sandbox {
  root: string;
  runId: string;
  /** A port on 127.0.0.1 that nothing listens on (connections are refused at once). */
  closedPort: number;
  /** Every path and URL the fuzzer actually sent. */
  sent: Set<string>;
}

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < Math.min(s.length, 4096); i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return (h ^ s.length) >>> 0;
}

/**
 * Where a generated path lands. Paths read (`paths` of ingest.paths) point at the small prepared inputs, so ingest
 * never meets a real scan (no long OCR work); paths written (`path` of documents.export) point into `out/`, so an
 * export never replaces those inputs.
 */
function safePath(sb: Sandbox, s: string, key: string): string {
  const h = hashOf(s);
  const odd = s.replace(/[^\w .-]/g, '_').slice(0, 40); // an odd but harmless name
  const choices =
    key === 'paths'
      ? [
          join(sb.root, 'in', 'empty.pdf'),
          join(sb.root, 'in', 'garbage.pdf'),
          join(sb.root, 'in', 'tiny.png'),
          join(sb.root, 'in'),
          join(sb.root, 'in', 'nope.tif'),
          join(sb.root, 'in', `fz ${odd}.pdf`),
          join(sb.root, 'missing'),
        ]
      : [
          join(sb.root, 'out', `fzout-${sb.runId}-${h % 1000}.pdf`), // a new file in an existing folder
          join(sb.root, 'out'), // an existing folder
          join(sb.root, 'missing', `fzout-${sb.runId}.pdf`), // a folder that does not exist
          join(sb.root, 'out', `fzout-${sb.runId} ${odd}.pdf`),
        ];
  return choices[h % choices.length]!;
}

function safeUrl(sb: Sandbox, s: string, key: string): string {
  if (/zaaktype/i.test(key) && hashOf(s) % 2 === 0) return 'ZT-FUZZ';
  return `http://127.0.0.1:${sb.closedPort}/fuzz/${key.replace(/\W/g, '')}/${hashOf(s) % 100}`;
}

function confine(v: unknown, sb: Sandbox, key: string | null): unknown {
  if (v instanceof Raw || v instanceof PoolId || v === OMIT) return v;
  if (typeof v === 'string' && key !== null && SENSITIVE_KEY.test(key)) {
    const safe = /path|dir|file/i.test(key) ? safePath(sb, v, key) : /device/i.test(key) ? 'fz-none' : safeUrl(sb, v, key);
    sb.sent.add(safe);
    return safe;
  }
  // No network discovery (multicast leaves the machine); delivery runs wait at most a second.
  if (typeof v === 'number' && key !== null && /^discoverMs$/i.test(key)) return 0;
  if (typeof v === 'number' && key !== null && TIME_KEY.test(key)) return Math.min(v, 1000) || 0;
  if (Array.isArray(v)) return v.map((x) => confine(x, sb, key));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      Object.defineProperty(out, k, {
        value: confine((v as Record<string, unknown>)[k], sb, k),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return v;
}

/** The JSON text sent over the WebSocket (what the server's JSON.parse sees). */
function toWire(v: unknown, pool: string[]): string {
  if (v instanceof Raw) return v.text;
  if (v instanceof PoolId) return JSON.stringify(pool.length ? pool[v.n % pool.length] : '00000000-0000-4000-8000-000000000000');
  if (Array.isArray(v)) return `[${v.map((x) => toWire(x, pool)).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toWire((v as Record<string, unknown>)[k], pool)}`)
      .join(',')}}`;
  const t = JSON.stringify(v);
  return t === undefined ? 'null' : t;
}

/** The value handed to `core.call` in-process (local commands). */
function toLocal(v: unknown, pool: string[]): unknown {
  if (v === OMIT) return undefined;
  if (v instanceof Raw) return v.value();
  if (v instanceof PoolId) return pool.length ? pool[v.n % pool.length] : '00000000-0000-4000-8000-000000000000';
  if (Array.isArray(v)) return v.map((x) => toLocal(x, pool));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v))
      Object.defineProperty(out, k, {
        value: toLocal((v as Record<string, unknown>)[k], pool),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return v;
}

/** A short, readable form of an input for a report: long strings and deep nesting summarised. */
export function describeInput(v: unknown, pool: string[] = [], depth = 0): string {
  if (v === OMIT) return '<no input>';
  if (v instanceof Raw) return v.text.length > 120 ? `<${v.label}>` : v.text;
  if (v instanceof PoolId)
    return pool.length ? `${JSON.stringify(pool[v.n % pool.length])} (an id the core handed out)` : `<id #${v.n} from the pool>`;
  if (typeof v === 'string') {
    if (v.length <= 120) return JSON.stringify(v);
    return `<string of ${v.length} chars: ${JSON.stringify(v.slice(0, 20))}…>`;
  }
  if (depth > 6) return '…';
  if (Array.isArray(v))
    return v.length > 20
      ? `<array of ${v.length}: [${describeInput(v[0], pool, depth + 1)}, …]>`
      : `[${v.map((x) => describeInput(x, pool, depth + 1)).join(', ')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}: ${describeInput((v as Record<string, unknown>)[k], pool, depth + 1)}`)
      .join(', ')}}`;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return JSON.stringify(v) ?? String(v);
}

// ---------------------------------------------------------------------------------------------------------------
// The transport: a WebSocket client of the real web harness (cookie from the one-time token, Origin as a browser sends).

type WireResult = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

class HarnessClient {
  private ws!: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<number, (r: WireResult | Error) => void>();
  closedReason: string | null = null;

  constructor(private readonly harness: WebHarness) {}

  async connect(): Promise<void> {
    const cookie = await new Promise<string>((ok, ko) => {
      const req = request({ host: '127.0.0.1', port: this.harness.port, path: `/?token=${this.harness.token}` }, (res) => {
        res.resume();
        const c = res.headers['set-cookie']?.[0]?.split(';')[0];
        if (c) ok(c);
        else ko(new Error(`no session cookie (HTTP ${res.statusCode})`));
      });
      req.on('error', ko);
      req.end();
    });
    this.closedReason = null;
    this.ws = new WebSocket(`ws://127.0.0.1:${this.harness.port}/ws`, {
      headers: { Cookie: cookie, Origin: `http://127.0.0.1:${this.harness.port}` },
      maxPayload: 64 * 1024 * 1024,
    });
    await new Promise<void>((ok, ko) => {
      this.ws.once('open', () => ok());
      this.ws.once('error', ko);
    });
    this.ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { t: string; id: number } & WireResult;
      if (m.t !== 'res') return;
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    });
    this.ws.on('close', (code, reason) => {
      this.closedReason = `WebSocket closed by the harness (${code} ${String(reason)})`;
      for (const [, h] of this.pending) h(new Error(this.closedReason));
      this.pending.clear();
    });
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends one request whose input is the given JSON text (or none); rejects on timeout or a closed socket. */
  call(cmd: string, inputJson: string | undefined, timeoutMs: number): Promise<WireResult> {
    const id = this.nextId++;
    return new Promise<WireResult>((ok, ko) => {
      if (!this.open) return ko(new Error(this.closedReason ?? 'WebSocket not open'));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        ko(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        if (r instanceof Error) ko(r);
        else ok(r);
      });
      this.ws.send(`{"t":"req","id":${id},"cmd":${JSON.stringify(cmd)}${inputJson === undefined ? '' : `,"input":${inputJson}`}}`);
    });
  }

  close(): void {
    this.ws?.terminate();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, ko) => (timer = setTimeout(() => ko(new Error(`${what}: no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------------------------
// The environment: a real store in the sandbox, the core over it, the web harness in-process, seed documents.

export interface FuzzEnv {
  sandbox: Sandbox;
  core: Core;
  harness: WebHarness;
  client: HarnessClient;
  /** Ids the core handed out (documents, batches, pages, uploads): what valid inputs refer to. */
  pool: string[];
  callTimeoutMs: number;
  /** Per command: how often each answer came (`ok` or the error code): shows that cases reach the handlers. */
  outcomes: Map<string, Record<string, number>>;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function harvestIds(v: unknown, pool: string[], depth = 0): void {
  if (depth > 8) return;
  if (typeof v === 'string') {
    if (UUID_RE.test(v) && !pool.includes(v)) {
      pool.push(v);
      if (pool.length > 300) pool.splice(2, pool.length - 300); // the seed documents stay first
    }
  } else if (Array.isArray(v)) v.slice(0, 50).forEach((x) => harvestIds(x, pool, depth + 1));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => harvestIds(x, pool, depth + 1));
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

let saneConfigBefore: string | undefined;

/** Sets up the sandbox (store, inputs, SANE without backends), the core, the web harness and two seed documents. */
export async function setupFuzzEnv(opts: { root: string; seedPng: Buffer; callTimeoutMs?: number }): Promise<FuzzEnv> {
  const root = resolve(opts.root);
  const sandbox: Sandbox = { root, runId: Math.random().toString(36).slice(2, 10), closedPort: await closedPort(), sent: new Set() };
  for (const d of ['out', 'in', 'dist', 'sane', 'seed']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'in', 'empty.pdf'), '');
  writeFileSync(join(root, 'in', 'garbage.pdf'), '%PDF-1.7\n1 0 obj <<\n');
  // 16×16 white PNG: decodes, is blank, costs no OCR time.
  writeFileSync(
    join(root, 'in', 'tiny.png'),
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAAAAAA6mKC9AAAAEUlEQVR4nGP8z4APMOGVHbHSAEEsAR8Ov8xTAAAAAElFTkSuQmCC', 'base64'),
  );
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>fuzz</title>');
  writeFileSync(join(root, 'seed', 'brief-1.png'), opts.seedPng);
  writeFileSync(join(root, 'seed', 'brief-2.png'), opts.seedPng);
  // SANE with no backends at all: `scanimage -L` and `scanimage -d …` answer at once and touch no network.
  saneConfigBefore = process.env.SANE_CONFIG_DIR;
  process.env.SANE_CONFIG_DIR = join(root, 'sane');
  writeFileSync(join(root, 'sane', 'dll.conf'), '');

  const core = await openCore(join(root, 'store'), FUZZ_PASSPHRASE, { create: true });
  const harness = await startWebHarness(core, { port: 0, distDir: join(root, 'dist') });
  const client = new HarnessClient(harness);
  await client.connect();
  const pool: string[] = [];
  // The fuzzer acts as a person holding every role, in-process and over the harness's socket.
  await signInAsAdmin(core, LOCAL);
  await signInClient(client);
  const seeded = await core.call('ingest.paths', { paths: [join(root, 'seed')] }, LOCAL);
  if (!seeded.ok) throw new Error(`seeding failed: ${JSON.stringify(seeded.error)}`);
  const docs = (seeded.data as { documents: { id: string }[] }).documents.map((d) => d.id);
  if (docs.length !== 2) throw new Error(`seeding made ${docs.length} documents, not 2: ${JSON.stringify(seeded.data)}`);
  pool.push(...docs); // first: the generators favour them
  harvestIds(seeded.data, pool);
  for (const id of [...pool]) harvestIds(await core.call('documents.pages', { id, includeRemoved: true }, LOCAL), pool);
  const up = await core.call('upload.begin', { name: 'fz.pdf', size: 64 }, LOCAL);
  harvestIds(up, pool);
  return { sandbox, core, harness, client, pool, callTimeoutMs: opts.callTimeoutMs ?? 20_000, outcomes: new Map() };
}

export async function teardownFuzzEnv(env: FuzzEnv): Promise<void> {
  env.client.close();
  await env.harness.close();
  await env.core.close();
  if (saneConfigBefore === undefined) delete process.env.SANE_CONFIG_DIR;
  else process.env.SANE_CONFIG_DIR = saneConfigBefore;
}

// ---------------------------------------------------------------------------------------------------------------
// The property.

const stableCodes = new Set(Object.keys(errorMessages).filter((c) => c !== 'internal'));

/** Runs one case; returns what is wrong with the answer, or null. */
export async function runCase(env: FuzzEnv, name: CommandName, abstract: unknown): Promise<string | null> {
  const def = commands[name];
  const input = confine(abstract, env.sandbox, null);
  if (!env.client.open) {
    try {
      await env.client.connect();
      await signInClient(env.client); // a new socket is a new session
    } catch (e) {
      return `the harness no longer accepts connections: ${(e as Error).message}`;
    }
  }
  // The session may have locked itself meanwhile (a fuzzed settings.set can shorten the auto-lock to a minute).
  await signInClient(env.client);
  await signInAsAdmin(env.core, LOCAL);
  const wire = input === OMIT ? undefined : toWire(input, env.pool);
  const problems: string[] = [];
  let answer: WireResult;
  let seen: unknown;
  try {
    if (def.audience === 'renderer') {
      seen = wire === undefined ? undefined : JSON.parse(wire);
      answer = await env.client.call(name, wire, env.callTimeoutMs);
    } else {
      seen = toLocal(input, env.pool);
      answer = await withTimeout(env.core.call(name, seen, LOCAL), env.callTimeoutMs, name);
      // The same input from the browser is refused before it is even validated (a frame without input as malformed).
      const web = await env.client.call(name, wire, env.callTimeoutMs);
      const expected = wire === undefined ? 'invalid-input' : 'forbidden';
      if (web.ok || web.error.code !== expected)
        problems.push(`over the web harness a local command answered ${JSON.stringify(web.ok ? 'ok' : web.error.code)}, not "${expected}"`);
    }
  } catch (e) {
    return `no answer: ${(e as Error).message}`;
  }
  // A request frame without `input` is malformed on the wire (RequestMessage), so only in-process is it `{}`.
  const tally = env.outcomes.get(name) ?? {};
  const outcome = answer.ok ? 'ok' : answer.error.code;
  tally[outcome] = (tally[outcome] ?? 0) + 1;
  env.outcomes.set(name, tally);
  const valid = def.audience === 'renderer' && wire === undefined ? false : def.input.safeParse(seen ?? {}).success;
  if (answer.ok) {
    harvestIds(answer.data, env.pool);
    if (!valid) problems.push('an input that fails the schema was answered ok');
    const out = (def.output as z.ZodType).safeParse(answer.data);
    if (!out.success) problems.push(`the output does not match the contract: ${out.error.message.slice(0, 300)}`);
  } else {
    const code = answer.error.code;
    if (!stableCodes.has(code)) problems.push(`error code ${JSON.stringify(code)} (${answer.error.message.slice(0, 200)})`);
    else if (!valid && code !== 'invalid-input') problems.push(`an input that fails the schema was answered ${code}, not invalid-input`);
  }
  if (Object.prototype.hasOwnProperty.call(Object.prototype, 'fuzzPolluted')) problems.push('Object.prototype was polluted');
  // A case of auth.* may have locked or ended a session (auth.lock, auth.signOut): sign in again for the next.
  if (name.startsWith('auth.')) {
    await signInAsAdmin(env.core, LOCAL);
    if (env.client.open) await signInClient(env.client);
  }
  // The harness keeps serving.
  try {
    const st = await env.client.call('app.status', '{}', 10_000);
    if (!st.ok || !Status.safeParse(st.data).success) problems.push(`app.status afterwards failed: ${JSON.stringify(st).slice(0, 200)}`);
  } catch (e) {
    problems.push(`app.status afterwards: ${(e as Error).message}`);
  }
  return problems.length ? problems.join('; ') : null;
}

/** Signs the harness client's socket in as the test administrator (the store has them by then). */
async function signInClient(client: HarnessClient): Promise<void> {
  const st = await client.call('auth.state', '{}', 10_000);
  if (st.ok && (st.data as { person: unknown }).person) {
    // Postpone the auto-lock as the UI does on a key or a click: a fuzzed settings.set may have shortened it to a
    // minute, and a session that locked between this check and the case would answer the case `unauthenticated`
    // before validating its input (seen in CI once: auth.activity's first case, right at the minute).
    const a = await client.call('auth.activity', '{}', 10_000);
    if (a.ok) return;
  }
  const r = await client.call('auth.signIn', JSON.stringify({ login: TEST_ADMIN.login, pin: TEST_ADMIN.pin }), 10_000);
  if (!r.ok) throw new Error(`the fuzzer could not sign in over the harness: ${JSON.stringify(r.error)}`);
}

export interface CommandReport {
  command: CommandName | 'upload flow';
  runs: number;
  failed: boolean;
  seed: number;
  ms?: number;
  counterexample?: string;
  problem?: string;
}

/**
 * Fuzzes one command with a fixed seed: first `minRuns` cases whatever the time (the same cases on every run, so a
 * failure among them is found on any machine), then more cases until `timeLimitMs`. A failure is shrunk to a small
 * reproduction.
 */
export async function fuzzCommand(
  env: FuzzEnv,
  name: CommandName,
  opts: { seed: number; minRuns?: number; numRuns: number; timeLimitMs: number },
): Promise<CommandReport> {
  let lastProblem: string | undefined;
  const property = fc.asyncProperty(inputArbitrary(name), async (input) => {
    const problem = await runCase(env, name, input);
    if (problem) {
      lastProblem = problem;
      return false;
    }
    return true;
  });
  const started = Date.now();
  const phases = [
    { seed: opts.seed, numRuns: opts.minRuns ?? 0 },
    { seed: opts.seed + 1, numRuns: opts.numRuns, interruptAfterTimeLimit: 0 },
  ];
  let runs = 0;
  for (const phase of phases) {
    if (phase.numRuns <= 0) continue;
    const limit = phase.interruptAfterTimeLimit === undefined ? undefined : opts.timeLimitMs - (Date.now() - started);
    if (limit !== undefined && limit <= 0) break;
    const result = await fc.check(property, {
      seed: phase.seed,
      numRuns: phase.numRuns,
      endOnFailure: false,
      markInterruptAsFailure: false,
      ...(limit !== undefined ? { interruptAfterTimeLimit: limit } : {}),
    });
    if (process.env.FUZZ_DEBUG)
      process.stderr.write(
        `[fuzz] ${name}: ${JSON.stringify({ seed: phase.seed, failed: result.failed, interrupted: result.interrupted, numRuns: result.numRuns, error: String(result.errorInstance) })}\n`,
      );
    runs += result.numRuns;
    // Interrupted before a single case ran: nothing was found.
    if (result.interrupted && result.numRuns === 0 && !result.counterexample) break;
    if (result.failed) {
      const ce = result.counterexample?.[0];
      return {
        command: name,
        runs,
        failed: true,
        seed: phase.seed,
        counterexample: describeInput(confine(ce, env.sandbox, null), env.pool),
        problem: lastProblem ?? String(result.errorInstance),
      };
    }
  }
  return { command: name, runs, failed: false, seed: opts.seed };
}

/** Small files for the upload flow: no OCR work beyond one blank 16×16 page. */
const smallFile = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 2048 }),
  fc
    .constantFrom('%PDF-1.7\n1 0 obj <<\n', '%PDF-1.4\n%%EOF\n', 'II*\u0000garbage', '\u0089PNG\r\n\u001a\n')
    .map((t) => Buffer.from(t, 'latin1')),
  fc.constant(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAAAAAA6mKC9AAAAEUlEQVR4nGP8z4APMOGVHbHSAEEsAR8Ov8xTAAAAAElFTkSuQmCC', 'base64'),
  ),
);

/**
 * The whole upload as the UI does it (begin, chunks, commit) with hostile file names and small hostile files: the
 * only way a renderer gets bytes and a name into ingest. Every step answers a stable code or a valid output.
 */
export async function fuzzUploadFlow(
  env: FuzzEnv,
  opts: { seed: number; minRuns?: number; numRuns: number; timeLimitMs: number },
): Promise<CommandReport> {
  const name = fc.oneof(
    nastyString.filter((n) => n.length >= 1 && n.length <= 255),
    fc.constantFrom(
      'brief.pdf',
      '../../etc/passwd',
      'C:\\Windows\\win.ini',
      'a\u0000.pdf',
      '.pdf',
      ' ',
      'x'.repeat(255),
      '\u202egpj.exe',
      'CON',
      'scan.tif',
    ),
  );
  let lastProblem: string | undefined;
  const step = async (cmd: CommandName, input: unknown): Promise<WireResult> => {
    const r = await env.client.call(cmd, JSON.stringify(input), env.callTimeoutMs);
    const tally = env.outcomes.get('upload flow') ?? {};
    const outcome = `${cmd} ${r.ok ? 'ok' : r.error.code}`;
    tally[outcome] = (tally[outcome] ?? 0) + 1;
    env.outcomes.set('upload flow', tally);
    const bad = r.ok
      ? (commands[cmd].output as z.ZodType).safeParse(r.data).success
        ? null
        : 'output does not match the contract'
      : stableCodes.has(r.error.code)
        ? null
        : `error code ${r.error.code} (${r.error.message.slice(0, 200)})`;
    if (bad) throw new Error(`${cmd}: ${bad}`);
    return r;
  };
  const property = fc.asyncProperty(
    fc.array(fc.tuple(name, smallFile, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 3 }),
    async (files) => {
      try {
        if (!env.client.open) await env.client.connect();
        const ids: string[] = [];
        for (const [n, bytes, parts] of files) {
          const begun = await step('upload.begin', { name: n, size: bytes.length });
          if (!begun.ok) continue;
          const uploadId = (begun.data as { uploadId: string }).uploadId;
          const size = Math.ceil(bytes.length / parts);
          for (let off = 0; off < bytes.length; off += size)
            await step('upload.chunk', { uploadId, offset: off, data: Buffer.from(bytes.subarray(off, off + size)).toString('base64') });
          ids.push(uploadId);
        }
        if (ids.length) {
          const done = await step('upload.commit', { uploadIds: ids });
          if (!done.ok) throw new Error(`upload.commit of complete uploads answered ${done.error.code}`);
          harvestIds(done.data, env.pool);
        }
        const st = await env.client.call('app.status', '{}', 10_000);
        if (!st.ok) throw new Error('app.status afterwards failed');
        return true;
      } catch (e) {
        lastProblem = (e as Error).message;
        return false;
      }
    },
  );
  let runs = 0;
  for (const [seed, numRuns, limit] of [
    [opts.seed, opts.minRuns ?? 0, undefined],
    [opts.seed + 1, opts.numRuns, opts.timeLimitMs],
  ] as const) {
    if (numRuns <= 0) continue;
    const result = await fc.check(property, {
      seed,
      numRuns,
      endOnFailure: false,
      ...(limit !== undefined ? { interruptAfterTimeLimit: limit, markInterruptAsFailure: false } : {}),
    });
    runs += result.numRuns;
    if (result.failed && result.counterexample) {
      const [files] = result.counterexample;
      return {
        command: 'upload flow',
        runs,
        failed: true,
        seed,
        problem: lastProblem,
        counterexample: files
          .map(
            ([n, b, p]) =>
              `${describeInput(n)} (${b.length} bytes: ${JSON.stringify(Buffer.from(b).subarray(0, 16).toString('latin1'))}…, ${p} chunks)`,
          )
          .join('; '),
      };
    }
  }
  return { command: 'upload flow', runs, failed: false, seed: opts.seed };
}

/** Every command of the contract, in a stable order. */
export const allCommands = Object.keys(commands) as CommandName[];

/**
 * Fuzzes the given commands one after the other within a total budget: each gets an equal share of what is left,
 * so a command whose cases are slow (ingest, PDF/A rebuilds) does not eat the others' time.
 */
export async function fuzzContract(
  env: FuzzEnv,
  opts: {
    seed: number;
    budgetMs: number;
    numRuns: number;
    minRuns?: number;
    commands?: CommandName[];
    onReport?: (r: CommandReport) => void;
  },
): Promise<CommandReport[]> {
  const list = opts.commands ?? allCommands;
  const deadline = Date.now() + opts.budgetMs;
  const reports: CommandReport[] = [];
  for (const [i, name] of list.entries()) {
    const share = Math.max(500, Math.floor((deadline - Date.now()) / (list.length - i + 1))); // +1: the upload flow
    const started = Date.now();
    const r = {
      ...(await fuzzCommand(env, name, { seed: opts.seed, minRuns: opts.minRuns, numRuns: opts.numRuns, timeLimitMs: share })),
      ms: Date.now() - started,
    };
    reports.push(r);
    opts.onReport?.(r);
  }
  const started = Date.now();
  const flow = {
    ...(await fuzzUploadFlow(env, {
      seed: opts.seed,
      minRuns: opts.minRuns,
      numRuns: opts.numRuns,
      timeLimitMs: Math.max(500, deadline - Date.now()),
    })),
    ms: 0,
  };
  flow.ms = Date.now() - started;
  reports.push(flow);
  opts.onReport?.(flow);
  return reports;
}

/**
 * Checks that the fuzzer stayed in its sandbox: every path it sent lies inside the sandbox folder and every URL is on
 * 127.0.0.1; and no file carrying this run's marker appears in the usual places outside it.
 */
export function sandboxViolations(sb: Sandbox): string[] {
  const out: string[] = [];
  for (const s of sb.sent) {
    if (isAbsolute(s)) {
      const rel = relative(sb.root, s);
      if (rel.startsWith('..') || isAbsolute(rel)) out.push(`path outside the sandbox: ${s}`);
    } else if (/^https?:/.test(s)) {
      if (new URL(s).hostname !== '127.0.0.1') out.push(`URL off this machine: ${s}`);
    } else if (s !== 'fz-none' && s !== 'ZT-FUZZ') out.push(`unexpected value: ${s}`);
  }
  for (const dir of [tmpdir(), repoRoot, process.cwd(), homedir(), '/']) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) if (n.includes(sb.runId)) out.push(`written outside the sandbox: ${join(dir, n)}`);
  }
  const outside = join(sb.root, '..');
  for (const n of readdirSync(outside)) if (n.includes(`fzout-${sb.runId}`)) out.push(`written beside the sandbox: ${join(outside, n)}`);
  return out;
}

export function removeSandbox(sb: Sandbox): void {
  rmSync(sb.root, { recursive: true, force: true });
}
