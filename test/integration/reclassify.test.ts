// The archivist reclassifies a delivered document (issue 16): `postkamer classify` queues an update of its EIO that
// reaches the test zaaksysteem exactly once (lock, PATCH informatieobjecttype/vertrouwelijkheidaanduiding, unlock) under
// a reset after commit and across SIGKILLs of the CLI's sync; a type the zaak's zaaktype does not allow is refused at
// once; a refusal by the server is explained and not retried on and on; the audit trail holds the old and new values.
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/contract/commands';
import type { CallContext, Core } from '../../src/core/core';
import { listCorrections } from '../../src/store/eio-corrections';
import { CLI_PERSON, runCli } from '../support/cli';
import { signedInAs } from '../support/people';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { call, ingestPdfs, iotUrl, openStoreWithConnection, openTestCore, PASSPHRASE, tempDir, syncOnceCli } from './sync-support';

const ZAAK = 'ZAAK-2026-0000000001'; // zaaktype Bezwaar: Inkomende brief and Bezwaarschrift, not Factuur

interface Setup {
  server: ZgwServer;
  core: Core;
  dir: string;
  documentId: string;
  eioUrl: string;
}

const open: { s: Setup; cleanup(): void }[] = [];
afterEach(async () => {
  for (const { s, cleanup } of open.splice(0)) {
    await s.core.close().catch(() => undefined);
    await s.server.close();
    cleanup();
  }
});

async function delivered(): Promise<Setup> {
  const server = await startZgwServer({ seed: 'minimal', validate: true });
  const t = tempDir('reclassify');
  const core = await openStoreWithConnection(t.dir, server);
  const [documentId] = await ingestPdfs(core, 1);
  await call(core, 'sync.refresh', {});
  await call(core, 'sync.link', { documentId, zaaknummer: ZAAK });
  expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 1, attention: 0, remaining: 0 });
  const s: Setup = { server, core, dir: t.dir, documentId, eioUrl: (await call(core, 'sync.outbox.get', { documentId }))!.eioUrl! };
  open.push({ s, cleanup: t.cleanup });
  return s;
}

function eio(s: Setup) {
  const rec = [...s.server.state.eios.values()].find((e) => e.url === s.eioUrl)!;
  return { versions: rec.versions, latest: rec.versions[rec.versions.length - 1].fields, locked: rec.lock !== '' };
}

/** A call as a person signed in on `ctx` (not the test administrator that `call` signs in). */
async function as(core: Core, ctx: CallContext, cmd: CommandName, input: unknown) {
  const r = await core.call(cmd, input, ctx);
  return r.ok ? { ok: true as const, data: r.data as Record<string, unknown> } : { ok: false as const, error: r.error };
}

const patches = (s: Setup) => s.server.state.requests.filter((r) => r.method === 'PATCH' && r.path === new URL(s.eioUrl).pathname).length;

function expectReclassified(s: Setup): void {
  const e = eio(s);
  expect(e.versions).toHaveLength(2); // exactly one new version
  expect(e.latest).toMatchObject({
    informatieobjecttype: iotUrl(s.server, 'Bezwaarschrift'),
    vertrouwelijkheidaanduiding: 'vertrouwelijk',
  });
  expect(e.versions[1].content).toEqual(e.versions[0].content);
  expect(e.locked).toBe(false);
}

/** `postkamer classify` on the store (closed in this process meanwhile). */
async function classifyCli(s: Setup, args: string[]) {
  await s.core.close();
  const r = await runCli(['classify', s.documentId.slice(0, 8), ...args, '--data', s.dir], { env: { POSTKAMER_PASSPHRASE: PASSPHRASE } });
  s.core = await openTestCore(s.dir);
  return r;
}

const syncCli = syncOnceCli;

describe('reclassifying a delivered document', () => {
  it('PATCHes the EIO once (CLI), audited with the old and the new values, and documents --json shows it', async () => {
    const s = await delivered();
    const r = await classifyCli(s, ['--documenttype', 'Bezwaarschrift', '--vertrouwelijkheid', 'vertrouwelijk']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/geclassificeerd: .*documenttype.*vertrouwelijkheid.*wordt bijgewerkt/s);
    expect(await call(s.core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ attention: 0, remaining: 0 });
    expectReclassified(s);
    expect(patches(s)).toBe(1);
    const audit = s.core.store.db
      .prepare("SELECT actor, details FROM audit WHERE action = 'document.classified' AND object_id = ?")
      .all(s.documentId) as { actor: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe(CLI_PERSON.POSTKAMER_USER);
    expect(JSON.parse(audit[0].details)).toMatchObject({
      documenttypeOud: 'Inkomende brief',
      documenttypeNieuw: 'Bezwaarschrift',
      vertrouwelijkheidNieuw: 'vertrouwelijk',
      delivery: 'correctie-klaargezet',
    });
    await s.core.close();
    const list = await runCli(['documents', '--json', '--data', s.dir], { env: { POSTKAMER_PASSPHRASE: PASSPHRASE } });
    s.core = await openTestCore(s.dir);
    const doc = (JSON.parse(list.stdout) as { id: string; fields: Record<string, { value: unknown; source: unknown }> }[]).find(
      (d) => d.id === s.documentId,
    )!;
    expect(doc.fields.documenttype).toMatchObject({ value: 'Bezwaarschrift', source: 'manual' });
    expect(doc.fields.vertrouwelijkheid).toMatchObject({ value: 'vertrouwelijk', source: 'manual' });
  });

  it("refuses at once a type the zaak's zaaktype does not allow, naming the ones it does (exit 1), and queues nothing", async () => {
    const s = await delivered();
    const r = await classifyCli(s, ['--documenttype', 'Factuur']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Bezwaar.*Inkomende brief|Bezwaarschrift/);
    expect(listCorrections(s.core.store.db, s.documentId)).toEqual([]);
    expect(eio(s).versions).toHaveLength(1);
  });

  it('is the archivist’s: a clerk is refused by the core, and the clerk’s edit refuses the type of a delivered document', async () => {
    const s = await delivered();
    const clerk = await signedInAs(s.core, ['medewerker']);
    expect(await as(s.core, clerk, 'documents.classify', { id: s.documentId, vertrouwelijkheid: 'geheim' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await as(s.core, clerk, 'documents.edit', { id: s.documentId, set: { documenttype: 'Bezwaarschrift' } })).toMatchObject({
      ok: false,
      error: { code: 'field-not-editable' },
    });
    expect(listCorrections(s.core.store.db, s.documentId)).toEqual([]);
  });

  it('a PATCH whose answer is lost (reset after commit) is not sent again', async () => {
    const s = await delivered();
    const archivist = await signedInAs(s.core, ['archivaris']);
    s.server.faults.add({ kind: 'reset-after-commit', method: 'PATCH' });
    const r = await as(s.core, archivist, 'documents.classify', {
      id: s.documentId,
      documenttype: 'Bezwaarschrift',
      vertrouwelijkheid: 'vertrouwelijk',
    });
    expect(r).toMatchObject({ ok: true, data: { delivery: 'correctie-klaargezet' } });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 8000 })).toMatchObject({ attention: 0, remaining: 0 });
    expectReclassified(s);
    expect(patches(s)).toBe(1);
  });

  it('a refusal by the server (403: a closed zaak) is explained and left for a person, not retried on and on', async () => {
    const s = await delivered();
    s.server.faults.add({ kind: 'status', status: 403, method: 'PATCH', times: Infinity });
    await call(s.core, 'documents.classify', { id: s.documentId, vertrouwelijkheid: 'geheim' });
    await call(s.core, 'sync.run', { maxWaitMs: 5000 });
    await call(s.core, 'sync.run', { maxWaitMs: 2000 });
    const [c] = listCorrections(s.core.store.db, s.documentId);
    expect(c).toMatchObject({ state: 'attention', lastErrorCode: 'zgw-forbidden', lock: null });
    expect(c.lastError).toMatch(/afgesloten.*geforceerd-bijwerken/s);
    expect(patches(s)).toBe(1);
    expect(eio(s)).toMatchObject({ locked: false });
    expect(eio(s).versions).toHaveLength(1);
  });

  for (const point of ['after-correction-locked', 'after-correction-patch', 'after-correction-unlock']) {
    it(`killed at ${point}: the next run ends with exactly one new version, unlocked`, async () => {
      const s = await delivered();
      expect((await classifyCli(s, ['--documenttype', 'Bezwaarschrift', '--vertrouwelijkheid', 'vertrouwelijk'])).code).toBe(0);
      await s.core.close();
      const killed = await syncCli(s.dir, { POSTKAMER_SYNC_KILL_POINT: `${point}:1` });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      const r = await syncCli(s.dir);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ attention: 0, remaining: 0 });
      s.core = await openTestCore(s.dir);
      expectReclassified(s);
      expect(patches(s)).toBe(1);
    });
  }
});

describe('classifying before delivery', () => {
  it('sets the type and confidentiality the queued delivery then carries', async () => {
    const server = await startZgwServer({ seed: 'minimal', validate: true });
    const t = tempDir('classify-before');
    const core = await openStoreWithConnection(t.dir, server);
    open.push({ s: { server, core, dir: t.dir, documentId: '', eioUrl: '' }, cleanup: t.cleanup });
    const [documentId] = await ingestPdfs(core, 1);
    await call(core, 'sync.refresh', {});
    const archivist = await signedInAs(core, ['archivaris', 'medewerker']);
    expect(await as(core, archivist, 'sync.link', { documentId, zaaknummer: ZAAK })).toMatchObject({ ok: true });
    const out = await as(core, archivist, 'documents.classify', {
      id: documentId,
      documenttype: 'Bezwaarschrift',
      vertrouwelijkheid: 'intern',
    });
    expect(out).toMatchObject({
      ok: true,
      data: { delivery: 'outbox-bijgewerkt', changed: expect.arrayContaining(['documenttype', 'vertrouwelijkheid']) },
    });
    expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 1, attention: 0 });
    const e = [...server.state.eios.values()][0].versions;
    expect(e).toHaveLength(1);
    expect(e[0].fields).toMatchObject({ informatieobjecttype: iotUrl(server, 'Bezwaarschrift'), vertrouwelijkheidaanduiding: 'intern' });
  });
});
