import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { commands, type CommandName } from '../../src/contract/commands';
import { errorMessages, type WireError } from '../../src/contract/errors';
import { AUTO_LOCK_MINUTES, PURGE_AFTER_DAYS } from '../../src/contract/schemas';
import { commandRoles, ROLE_LABELS, ROLES, type Role } from '../../src/contract/roles';
import { Core, type CallContext } from '../../src/core/core';
import { storeAsIs } from '../../src/core/process';
import { startWebHarness, type WebHarness } from '../../src/hosts/web';
import { initStore } from '../../src/store/store';
import { PASSPHRASE, tempDir } from '../support/cli';
import { call } from '../support/core-call';
import { signedInAs, TEST_PIN } from '../support/people';
import { makePdf } from './sync-support';

// The role table (src/contract/roles.ts) through the real transports. Every command of the contract is called as
// nobody and as a person holding exactly one role: the UI's commands over the web harness's real WebSocket (the
// one-time token exchanged for the session cookie, a `ws` client, serveChannel's wire format), the local ones
// in-process with a CLI context. The core checks the role before it validates the input, so each call sends `{}`:
// a refusal is `unauthenticated` (nobody signed in) or `forbidden` (the role lacks the right); any other answer means
// the call got past the guard. The commands are read from the contract, so a new one is covered without a change here.

type Caller = 'nobody' | Role;
type Transport = 'web' | 'cli';
type Outcome = 'permitted' | 'unauthenticated' | 'forbidden';
interface Answer {
  ok: boolean;
  data?: any;
  error?: WireError;
}
interface Session {
  call(cmd: string, input?: unknown): Promise<Answer>;
  close(): void;
}

const CALLERS: readonly Caller[] = ['nobody', ...ROLES];
const NAMES = Object.keys(commands) as CommandName[];
const loginOf = (role: Role) => `t-${role}`;

let work: string;
let core: Core;
let harness: WebHarness;
let cookie: string;

beforeAll(async () => {
  work = tempDir('postkamer-roles-transport-');
  const dist = join(work, 'dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Postkamer</title>');
  core = new Core(await initStore(join(work, 'data'), { passphrase: PASSPHRASE }), { processor: storeAsIs, close: async () => undefined });
  // The first administrator, then one person per role (t-medewerker, t-archivaris, …), made through the contract.
  for (const role of ROLES) await core.call('auth.signOut', {}, await signedInAs(core, [role]));
  harness = await startWebHarness(core, { distDir: dist, log: () => undefined });
  const res = await fetch(harness.url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  cookie = res.headers.get('set-cookie')!.split(';')[0];
});

afterAll(async () => {
  await harness?.close();
  await core?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A WebSocket of the web harness's session: a connection of its own, as a browser tab has. */
async function webSession(): Promise<Session> {
  const ws = new WebSocket(`ws://127.0.0.1:${harness.port}/ws`, { headers: { cookie, origin: `http://127.0.0.1:${harness.port}` } });
  ws.on('error', () => undefined);
  await new Promise<void>((ok, ko) => {
    ws.once('open', () => ok());
    ws.once('unexpected-response', (_q, r) => ko(new Error(`refused: ${r.statusCode}`)));
  });
  let next = 1;
  const waiting = new Map<number, (m: Answer) => void>();
  ws.on('message', (m) => {
    const msg = JSON.parse(String(m));
    if (msg.t === 'res') waiting.get(msg.id)?.(msg);
  });
  return {
    call: (cmd, input = {}) =>
      new Promise((ok) => {
        const id = next++;
        waiting.set(id, ok);
        ws.send(JSON.stringify({ t: 'req', id, cmd, input }));
      }),
    close: () => ws.close(),
  };
}

/** The CLI's way in: the core in-process, on a connection of its own. */
function cliSession(): Session {
  const ctx: CallContext = { origin: 'cli', connection: `roles-transport-${randomUUID()}` };
  return { call: (cmd, input = {}) => core.call(cmd, input, ctx), close: () => core.releaseConnection(ctx.connection!) };
}

const open = (transport: Transport) => (transport === 'web' ? webSession() : cliSession());

/** Signs `session` in as `caller` (nobody: signs out whoever is there); fails the test when that does not work. */
async function become(session: Session, caller: Caller): Promise<void> {
  const r =
    caller === 'nobody' ? await session.call('auth.signOut') : await session.call('auth.signIn', { login: loginOf(caller), pin: TEST_PIN });
  expect(r.ok, `${caller}: ${r.error?.message}`).toBe(true);
  expect(r.data.person?.login ?? null).toBe(caller === 'nobody' ? null : loginOf(caller));
}

/** What the contract declares for `name` called as `caller` over `transport`. */
function declared(name: CommandName, caller: Caller, transport: Transport): Outcome {
  // A local command takes paths or secrets: the UI's channels may not call it at all, whoever is signed in.
  if (transport === 'web' && commands[name].audience === 'local') return 'forbidden';
  const p = commandRoles[name];
  if (p === 'before-sign-in') return 'permitted';
  if (caller === 'nobody') return 'unauthenticated';
  return (p as readonly Role[]).includes(caller) ? 'permitted' : 'forbidden';
}

function outcome(a: Answer): Outcome {
  if (a.ok) return 'permitted';
  return a.error?.code === 'unauthenticated' || a.error?.code === 'forbidden' ? a.error.code : 'permitted';
}

/** Every refusal's text is Dutch: the code's Dutch message, and for a role refusal which roles it takes, in Dutch. */
function expectDutchRefusal(name: CommandName, caller: Caller, transport: Transport, error: WireError): void {
  const where = `${transport} ${caller} ${name}`;
  expect(error.message.startsWith(errorMessages[error.code as 'forbidden' | 'unauthenticated'].nl), where).toBe(true);
  if (error.code !== 'forbidden' || commands[name].audience === 'local' || caller === 'nobody') return;
  const needed = commandRoles[name] as readonly Role[];
  expect(error.details, where).toMatchObject({ command: name, needed: [...needed] });
  expect(error.message, where).toContain('nodig is de rol');
  for (const r of needed) expect(error.message, where).toContain(ROLE_LABELS[r].nl);
  expect(error.message, where).toContain(`u bent ${ROLE_LABELS[caller].nl}`);
}

describe('the role table through the real transports', () => {
  it('refuses and permits every command of the contract exactly as commandRoles declares, for nobody and each role', async () => {
    const rows: { transport: Transport; name: CommandName }[] = [
      ...NAMES.filter((n) => commands[n].audience === 'renderer').map((name) => ({ transport: 'web' as const, name })),
      ...NAMES.filter((n) => commands[n].audience === 'local').map((name) => ({ transport: 'cli' as const, name })),
      // The audience guard too: the UI's channel is refused every local command, whatever its role.
      ...NAMES.filter((n) => commands[n].audience === 'local').map((name) => ({ transport: 'web' as const, name })),
    ];
    const got: string[] = [];
    const want: string[] = [];
    let signedInAgain = 0;
    for (const caller of CALLERS)
      for (const transport of ['web', 'cli'] as const) {
        const session = await open(transport);
        await become(session, caller);
        for (const { name } of rows.filter((r) => r.transport === transport)) {
          const a = await session.call(name, {});
          got.push(`${transport} ${caller} ${name}: ${outcome(a)}`);
          want.push(`${transport} ${caller} ${name}: ${declared(name, caller, transport)}`);
          if (outcome(a) !== 'permitted') expectDutchRefusal(name, caller, transport, a.error!);
          // A permitted call may end or lock the session it came over (auth.signOut, auth.lock): sign in again.
          const state = await session.call('auth.state');
          if ((state.data.person?.login ?? null) !== (caller === 'nobody' ? null : loginOf(caller))) {
            await become(session, caller);
            signedInAgain++;
          }
        }
        session.close();
      }
    expect(got).toEqual(want);
    // Every command of the contract was called by everyone over its transport, and the table is not one-sided.
    expect(new Set(rows.map((r) => r.name))).toEqual(new Set(NAMES));
    expect(got).toHaveLength(rows.length * CALLERS.length);
    for (const caller of ROLES) {
      expect(got.filter((g) => g.includes(` ${caller} `) && g.endsWith('permitted')).length, caller).toBeGreaterThan(0);
      expect(got.filter((g) => g.includes(` ${caller} `) && g.endsWith('forbidden')).length, caller).toBeGreaterThan(0);
    }
    // auth.signOut and auth.lock (the UI's commands), permitted with `{}`, ended each role's WebSocket session.
    expect(signedInAgain).toBeGreaterThanOrEqual(2 * ROLES.length);
  });

  it('has Dutch and English texts for both refusals', () => {
    for (const code of ['unauthenticated', 'forbidden'] as const) {
      const { nl, en } = errorMessages[code];
      expect(nl.length).toBeGreaterThan(10);
      expect(en.length).toBeGreaterThan(10);
      expect(en).not.toBe(nl);
    }
    expect(errorMessages.unauthenticated.nl).toMatch(/meld u .*aan/i);
    expect(errorMessages.unauthenticated.en).toMatch(/sign in/i);
  });
});

describe("a clerk's session", () => {
  it("cannot run an archivist's, supervisor's or administrator's command with valid input, over the WebSocket or in-process; nothing changes", async () => {
    const [documentId] = (
      await call(core, 'ingest.paths', {
        paths: [await writePdf()],
        source: 'cli',
      })
    ).documents.map((d) => d.id);
    const before = await snapshot();
    const attempts: [CommandName, unknown][] = [
      ['documents.revealBsn', { id: documentId, reason: 'Controle van de identiteit van de afzender' }],
      ['documents.search', { query: '111222333', reason: 'Zoeken naar alle post van deze burger' }],
      ['people.add', { login: 'indringer', name: 'Indringer', roles: ['beheerder'], pin: '999999' }],
      ['people.update', { login: loginOf('medewerker'), roles: ['medewerker', 'beheerder'] }],
      ['people.setPin', { login: 'test-beheerder', pin: '000000' }],
      ['people.list', {}],
      ['audit.list', { limit: 10 }],
      ['audit.verify', {}],
      ['purge.run', { dryRun: false }],
      ['settings.set', { maxFileBytes: 8 * 1024 * 1024 }],
      ['settings.set', { autoLockMinutes: AUTO_LOCK_MINUTES.max }],
      ['settings.set', { purgeAfterDays: PURGE_AFTER_DAYS.max }],
      ['sync.settings.set', { concurrency: 2 }],
      [
        'sync.connection.set',
        {
          env: 'prod',
          zaken: 'https://zaken.example.org/zaken/api/v1',
          documenten: 'https://zaken.example.org/documenten/api/v1',
          catalogi: 'https://zaken.example.org/catalogi/api/v1',
          clientId: 'indringer',
          secret: 'geheim',
          rsin: '002220647',
          activate: true,
        },
      ],
    ];
    for (const transport of ['web', 'cli'] as const) {
      const clerk = await open(transport);
      await become(clerk, 'medewerker');
      for (const [name, input] of attempts) {
        const a = await clerk.call(name, input);
        expect(a.ok, `${transport} ${name}`).toBe(false);
        expect(a.error!.code, `${transport} ${name}: ${a.error!.message}`).toBe('forbidden');
        expect(a.error!.message.startsWith(errorMessages.forbidden.nl), `${transport} ${name}`).toBe(true);
      }
      // The clerk's own work goes on over the same session.
      expect((await clerk.call('documents.get', { id: documentId })).ok).toBe(true);
      clerk.close();
    }
    const after = await snapshot();
    expect(after.people).toEqual(before.people);
    expect(after.settings).toEqual(before.settings);
    expect(after.connections).toEqual([]);
    expect(after.concurrency).toBe(before.concurrency);
    // The audit trail holds the clerk's sign-ins and nothing done: a refusal may be recorded, as a refusal.
    const since = after.audit.filter((e) => e.seq > before.headSeq);
    expect(since.filter((e) => e.action === 'auth.signed-in').map((e) => e.actor)).toEqual([loginOf('medewerker'), loginOf('medewerker')]);
    expect(since.filter((e) => e.result === 'ok' && !e.action.startsWith('auth.'))).toEqual([]);
  });
});

async function writePdf(): Promise<string> {
  const p = join(work, `brief-${randomUUID()}.pdf`);
  writeFileSync(p, await makePdf(1));
  return p;
}

/** What the refused commands would have changed, read by the administrator. */
async function snapshot() {
  const audit = await call(core, 'audit.list', { limit: 1000 });
  const status = await call(core, 'sync.status', {});
  return {
    people: await call(core, 'people.list', {}),
    settings: await call(core, 'settings.get', {}),
    connections: status.connections,
    concurrency: status.concurrency,
    audit,
    headSeq: Math.max(0, ...audit.map((e) => e.seq)),
  };
}
