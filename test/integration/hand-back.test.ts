// A supervisor hands a document in attention back to the clerk with a note (issue 17): its link is undone while
// nothing of it reached the zaaksysteem, it waits in te-controleren with the note as its reason (the stage rule and its
// SQL agree), the clerk links it again and it is delivered; refused once something was sent, and for a clerk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { runCli } from '../support/cli';
import { signedInAs } from '../support/people';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { call, ingestPdfs, openStoreWithConnection, openTestCore, PASSPHRASE, tempDir } from './sync-support';

let server: ZgwServer;
let t: ReturnType<typeof tempDir>;
let core: Core;
let stuck: string;
let delivered: string;
const NOTE = 'Verkeerd zaaknummer gelezen: zoek de zaak op via de afzender.';

beforeAll(async () => {
  process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
  server = await startZgwServer({ seed: 'minimal' });
  t = tempDir('hand-back');
  core = await openStoreWithConnection(t.dir, server);
  [stuck, delivered] = await ingestPdfs(core, 2, { offset: 960 });
  // Kept as they came (no OCR here): recognised, as a letter in the mail room is by the time it is linked.
  core.store.db.prepare(`UPDATE documents SET status = 'ready', qc_flags = '[]'`).run();
  await call(core, 'sync.link', { documentId: stuck!, zaaknummer: 'ZAAK-2026-0000009999' });
  await call(core, 'sync.link', { documentId: delivered!, zaaknummer: 'ZAAK-2026-0000000001' });
  expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 1, attention: 1 });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await server?.close();
  t?.cleanup();
});

describe('hand back to the clerk', () => {
  it('is the supervisor’s: a clerk is refused by the core', async () => {
    const clerk = await signedInAs(core, ['medewerker']);
    expect(await core.call('sync.handBack', { documentId: stuck, note: NOTE }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await call(core, 'documents.get', { id: stuck })).stage).toBe('aandacht-nodig');
  });

  it('undoes the link and puts the document in te-controleren with the note (CLI), audited without the note', async () => {
    await core.close();
    const r = await runCli(['handback', stuck.slice(0, 8), '--notitie', NOTE, '--json', '--data', t.dir], {
      env: { POSTKAMER_PASSPHRASE: PASSPHRASE, POSTKAMER_USER: 'test-beheerder' },
    });
    core = await openTestCore(t.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      stage: 'te-controleren',
      stageReason: NOTE,
      handBack: { note: NOTE, by: 'test-beheerder' },
    });
    expect(await call(core, 'sync.outbox.get', { documentId: stuck })).toBeNull();
    // The stage rule and its SQL agree: the filter and the counts hold it where the list puts it.
    const filtered = await call(core, 'documents.list', { stage: 'te-controleren', limit: 100 });
    expect(filtered.map((d) => d.id)).toContain(stuck);
    expect((await call(core, 'documents.list', { stage: 'aandacht-nodig', limit: 100 })).map((d) => d.id)).not.toContain(stuck);
    const audit = core.store.db.prepare(`SELECT actor, details FROM audit WHERE action = 'document.handed-back'`).all() as {
      actor: string;
      details: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).not.toContain('zaaknummer gelezen');
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ reason: expect.stringMatching(/zaak/) });
  });

  it('the clerk links it again: the note has served, and it is delivered', async () => {
    const attempts = () =>
      (core.store.db.prepare('SELECT eio_attempts AS n FROM zgw_outbox WHERE document_id = ?').get(stuck) as { n: number }).n;
    await call(core, 'sync.link', { documentId: stuck, zaaknummer: 'ZAAK-2026-0000000002' });
    // The earlier link's EIO attempts go with it (the same identificatie): the delivery looks the EIO up before it creates.
    expect(attempts()).toBeGreaterThanOrEqual(1);
    const d = await call(core, 'documents.get', { id: stuck });
    expect(d).toMatchObject({ handBack: null, stage: 'in-outbox' });
    expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 1, attention: 0 });
    expect((await call(core, 'documents.get', { id: stuck })).stage).toBe('afgeleverd');
    // One EIO for it in the zaaksysteem, found by a look-up first.
    const identificatie = (await call(core, 'sync.outbox.get', { documentId: stuck }))!.identificatie;
    expect([...server.state.eios.values()].filter((e) => e.versions[0]!.fields.identificatie === identificatie)).toHaveLength(1);
    expect(server.state.requests.some((r) => r.method === 'GET' && r.path.endsWith('/enkelvoudiginformatieobjecten'))).toBe(true);
  });

  it('is refused once the document reached the zaaksysteem, and nothing changes', async () => {
    const r = await core.call('sync.handBack', { documentId: delivered, note: NOTE }, { origin: 'cli', connection: 'test-cli' });
    expect(r).toMatchObject({ ok: false, error: { code: 'hand-back-refused' } });
    expect((await call(core, 'documents.get', { id: delivered })).stage).toBe('afgeleverd');
  });
});
