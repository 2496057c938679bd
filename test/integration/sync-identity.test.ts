import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput, CommandName, CommandOutput } from '../../src/contract/commands';
import type { CallContext, Core } from '../../src/core/core';
import { startZgwServer, type RequestLogEntry, type ZgwServer } from '../zgw-server';
import { TEST_ADMIN, TEST_PIN } from '../support/people';
import { call, makePdf, openStoreWithConnection, tempDir, zaakUrl } from './sync-support';

// The person towards the zaaksysteem: every request a delivery makes carries, in its JWT, the person who queued the
// document (user_id = their id in the zaaksysteem, else their login; user_representation = their name), whoever runs
// the delivery and whatever happened to the person since. The test zaaksysteem records the verified claims of every
// request and the object each one created, so each EIO, ZIO and zaak is traced to the request that made it.

const ZAAK = 'ZAAK-2026-0000000001';
const PEOPLE = {
  jdevries: { name: 'J. de Vries', zgwUserId: 'mdw-0042' },
  pbakker: { name: 'P. Bakker', zgwUserId: 'mdw-0077' },
  // No id in the zaaksysteem: the login stands in.
  kjansen: { name: 'K. Jansen', zgwUserId: null },
} as const;
type Login = keyof typeof PEOPLE;

let server: ZgwServer;
let core: Core;
let cleanup: () => void;
const sessions = new Map<Login, CallContext>();

beforeAll(async () => {
  server = await startZgwServer({ seed: 'minimal', validate: true });
  const t = tempDir('sync-identity');
  cleanup = t.cleanup;
  // Made by the test administrator (all roles, no zaaksysteem id), who also saves the connection.
  core = await openStoreWithConnection(t.dir, server);
  for (const [login, p] of Object.entries(PEOPLE) as [Login, (typeof PEOPLE)[Login]][]) {
    await call(core, 'people.add', { login, name: p.name, roles: ['medewerker'], zgwUserId: p.zgwUserId, pin: TEST_PIN });
    const ctx: CallContext = { origin: 'cli', connection: `sync-identity-${login}` };
    await as(ctx, 'auth.signIn', { login, pin: TEST_PIN });
    sessions.set(login, ctx);
  }
});

afterAll(async () => {
  await core?.close();
  await server?.close();
  cleanup?.();
});

/** Calls the contract on `ctx` as whoever is signed in there; a failure fails the test. */
async function as<C extends CommandName>(ctx: CallContext, cmd: C, input: CommandInput<C>): Promise<CommandOutput<C>> {
  const r = await core.call(cmd, input, ctx);
  if (!r.ok) throw new Error(`${cmd}: ${r.error.code} ${r.error.message}`);
  return r.data as CommandOutput<C>;
}

/** Ingests `count` letters as the person signed in on `ctx` (through the contract, as the CLI does). */
async function ingestAs(ctx: CallContext, count: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-identity-letters-'));
  try {
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
      const p = join(dir, `brief-${randomUUID()}.pdf`);
      writeFileSync(p, await makePdf(Math.floor(Math.random() * 1e9)));
      paths.push(p);
    }
    const r = await as(ctx, 'ingest.paths', { paths, source: 'cli' });
    expect(r.errors).toEqual([]);
    return r.documents.map((d) => d.id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const who = (login: Login) => ({
  clientId: server.info.clientId,
  userId: PEOPLE[login].zgwUserId ?? login,
  userRepresentation: PEOPLE[login].name,
});
const pathOf = (url: string) => new URL(url).pathname;
/** The requests that made the object at `url` or addressed it (its path, or a path below it: lock, unlock, parts). */
const requestsFor = (url: string, requests: RequestLogEntry[]) =>
  requests.filter((r) => r.created === url || r.path === pathOf(url) || r.path.startsWith(`${pathOf(url)}/`));

describe('the JWT names the person who queued a delivery', () => {
  it("carries each person's user_id and user_representation on every request of their documents, whoever runs the delivery", async () => {
    const queued = new Map<string, Login>();
    for (const [login, n] of [
      ['jdevries', 1],
      ['pbakker', 2],
      ['kjansen', 1],
    ] as const) {
      const ctx = sessions.get(login)!;
      for (const id of await ingestAs(ctx, n)) {
        await as(ctx, 'sync.link', { documentId: id, zaaknummer: ZAAK });
        queued.set(id, login);
      }
    }
    // A new zaak too: created on the server for the person who asked for it.
    const [forNewZaak] = await ingestAs(sessions.get('pbakker')!, 1);
    await as(sessions.get('pbakker')!, 'sync.newZaak', {
      documentId: forNewZaak,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'Bezwaar tegen de aanslag',
    });
    queued.set(forNewZaak, 'pbakker');
    // K. Jansen leaves before the delivery: what he queued still goes out in his name.
    await call(core, 'people.update', { login: 'kjansen', disabled: true });

    const before = server.state.requests.length;
    // The administrator runs the delivery (and has no zaaksysteem id: their login would show if it leaked).
    const summary = await call(core, 'sync.run', { maxWaitMs: 5000 });
    expect(summary).toMatchObject({ delivered: queued.size, attention: 0, remaining: 0 });
    const requests = server.state.requests.slice(before);
    expect(server.state.responseErrors).toEqual([]);
    // Every request was verified and names a person who queued something, or the workstation itself.
    expect(requests.every((r) => r.jwt !== undefined)).toBe(true);
    const named = new Set(requests.map((r) => `${String(r.jwt!.userId)} / ${String(r.jwt!.userRepresentation)}`));
    const allowed = new Set([
      ...(Object.keys(PEOPLE) as Login[]).map((l) => `${who(l).userId} / ${who(l).userRepresentation}`),
      'postkamer / postkamer',
    ]);
    expect([...named].filter((n) => !allowed.has(n))).toEqual([]);
    expect(requests.some((r) => r.jwt!.userId === TEST_ADMIN.login)).toBe(false);

    for (const [documentId, login] of queued) {
      const item = (await call(core, 'sync.outbox.get', { documentId }))!;
      expect(item.state).toBe('done');
      const eio = [...server.state.eios.values()].find((e) => e.versions[0].fields.identificatie === item.identificatie)!;
      const zio = [...server.state.zios.values()].find((z) => z.informatieobject === eio.url)!;
      const made = [...requestsFor(eio.url, requests), ...requestsFor(zio.url as string, requests)];
      // Made by a POST each (the EIO and its ZIO), and every request about them carries the person.
      expect(made.filter((r) => r.method === 'POST' && r.created !== undefined).length, documentId).toBe(2);
      for (const r of made) expect(r.jwt, `${r.method} ${r.path}`).toEqual(who(login));
    }
    const zaak = [...server.state.zaken.values()].find((z) => z.omschrijving === 'Bezwaar tegen de aanslag')!;
    expect(requestsFor(zaak.url as string, requests).filter((r) => r.method === 'POST')).toHaveLength(1);
    for (const r of requestsFor(zaak.url as string, requests)) expect(r.jwt).toEqual(who('pbakker'));
    // The seeded zaak the others linked to was only read, never changed.
    expect(requestsFor(zaakUrl(server, ZAAK), requests).every((r) => r.method === 'GET' || r.method === 'HEAD')).toBe(true);
  });

  it('keeps an actor that is no person as it is (a row queued before there were people)', async () => {
    const [documentId] = await ingestAs(sessions.get('jdevries')!, 1);
    await as(sessions.get('jdevries')!, 'sync.link', { documentId, zaaknummer: ZAAK });
    // As a store made before people existed left it: the OS account's name.
    core.store.db.prepare('UPDATE zgw_outbox SET actor = ? WHERE document_id = ?').run('root', documentId);
    const before = server.state.requests.length;
    expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 1, remaining: 0 });
    const eioCreate = server.state.requests
      .slice(before)
      .find((r) => r.method === 'POST' && r.path.endsWith('/enkelvoudiginformatieobjecten'))!;
    expect(eioCreate.jwt).toEqual({ clientId: server.info.clientId, userId: 'root', userRepresentation: 'root' });
  });

  it('tests the connection as the administrator who tests it', async () => {
    await call(core, 'people.add', { login: 'asmit', name: 'A. Smit', roles: ['beheerder'], zgwUserId: 'bh-0001', pin: TEST_PIN });
    const ctx: CallContext = { origin: 'cli', connection: 'sync-identity-asmit' };
    await as(ctx, 'auth.signIn', { login: 'asmit', pin: TEST_PIN });
    const before = server.state.requests.length;
    const r = await as(ctx, 'sync.connection.test', {});
    expect(r.ok).toBe(true);
    const requests = server.state.requests.slice(before);
    expect(requests.length).toBeGreaterThan(0);
    for (const q of requests)
      expect(q.jwt, `${q.method} ${q.path}`).toEqual({ clientId: server.info.clientId, userId: 'bh-0001', userRepresentation: 'A. Smit' });
  });
});
