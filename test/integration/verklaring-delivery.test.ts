// The verklaring van vervanging of an approved batch reaches each zaak of the batch's documents exactly once (issue
// 18): its EIO (inline, identificatie fixed per batch and zaak) and its zaakinformatieobject, through the sync worker,
// against the test zaaksysteem (demo seed: every zaaktype allows "Verklaring van vervanging") with its faults and
// across a SIGKILL of the CLI's sync at each step; a missing or unusable setting verklaringDocumenttype → attention
// with the reason, and once it is set the delivery goes.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { putSetting } from '../../src/store/settings';
import { verklaringDeliveriesOf, verklaringIdentificatie } from '../../src/store/verklaring-deliveries';
import { TEST_ADMIN } from '../support/people';
import { startZgwServer, ZgwTestClient, type ZgwServer } from '../zgw-server';
import { call, ingestPdfs, iotUrl, makePdf, openStoreWithConnection, openTestCore, tempDir, zaakUrl, syncOnceCli } from './sync-support';

const ZAAK_1 = 'ZAAK-2026-0000000001'; // Bezwaar
const ZAAK_2 = 'ZAAK-2026-0000000002'; // Omgevingsvergunning
const ZAAK_3 = 'ZAAK-2026-0000000003'; // Bezwaar
const TYPE = 'Verklaring van vervanging';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Batch {
  id: string;
  documents: string[];
  verklaring: { sha256: string; size: number };
}

interface Setup {
  server: ZgwServer;
  core: Core;
  dir: string;
  batches: Batch[];
  close(): Promise<void>;
}

const open: Setup[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/**
 * Two batches of two documents each, delivered: each batch has a document in ZAAK_1 and one in ZAAK_2. Then both
 * batches are approved with a verklaring (as the lead's qc.close writes it: the PDF/A in the vault, a row in
 * batch_verklaringen, the batch's quality control closed by the test administrator). `setting`: the value of
 * verklaringDocumenttype (none when null).
 */
async function approved(opts: { seed?: 'demo' | 'minimal'; setting?: string | null } = {}): Promise<Setup> {
  const server = await startZgwServer({ seed: opts.seed ?? 'demo', validate: true });
  const t = tempDir('verklaring');
  const before = process.env.POSTKAMER_SYNC_BACKOFF_MS;
  process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
  const core = await openStoreWithConnection(t.dir, server, { iot: iotUrl(server, 'Inkomende brief') }).finally(() => {
    if (before === undefined) delete process.env.POSTKAMER_SYNC_BACKOFF_MS;
    else process.env.POSTKAMER_SYNC_BACKOFF_MS = before;
  });
  const s: Setup = {
    server,
    core,
    dir: t.dir,
    batches: [],
    close: async () => {
      await s.core.close().catch(() => undefined);
      await server.close();
      t.cleanup();
    },
  };
  open.push(s);
  const db = core.store.db;
  for (const offset of [0, 10]) {
    const documents = await ingestPdfs(core, 3, { offset });
    await call(core, 'sync.link', { documentId: documents[0]!, zaaknummer: ZAAK_1 });
    await call(core, 'sync.link', { documentId: documents[1]!, zaaknummer: ZAAK_2 });
    const id = (db.prepare('SELECT batch_id AS id FROM documents WHERE id = ?').get(documents[0]) as { id: string }).id;
    s.batches.push({ id, documents, verklaring: { sha256: '', size: 0 } });
  }
  expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 4, attention: 0, remaining: 0 });
  if (opts.setting !== null) putSetting(db, 'verklaringDocumenttype', JSON.stringify(opts.setting ?? TYPE));
  for (const [i, b] of s.batches.entries()) {
    const pdf = await makePdf(700 + i);
    const blob = await core.store.vault.write(pdf, 'application/pdf');
    const now = new Date().toISOString();
    db.transaction(() => {
      core.store.vault.commit(blob);
      db.prepare(
        `INSERT INTO batch_qc (batch_id, state, seed, rule, sample, started_by, started_at, closed_by, closed_at)
         VALUES (?, 'goedgekeurd', 'seed', '{}', '[]', 'checker', ?, ?, ?)`,
      ).run(b.id, now, TEST_ADMIN.login, now);
      db.prepare('INSERT INTO batch_verklaringen (batch_id, blob_id, sha256, size, made_at) VALUES (?, ?, ?, ?, ?)').run(
        b.id,
        blob.id,
        blob.sha256,
        blob.size,
        now,
      );
    }).immediate();
    b.verklaring = { sha256: blob.sha256, size: blob.size };
  }
  return s;
}

/** The verklaringen linked to a zaak (GET its zaakinformatieobjecten), by batch: how many ZIOs, and their EIOs' content. */
async function verklaringenIn(s: Setup, zaaknummer: string): Promise<Map<string, { zios: number; sha256: string[] }>> {
  const zgw = new ZgwTestClient(s.server.info);
  const url = zaakUrl(s.server, zaaknummer);
  const r = await zgw.get(`${s.server.info.zaken}/zaakinformatieobjecten?zaak=${encodeURIComponent(url)}`);
  expect(r.status).toBe(200);
  const out = new Map<string, { zios: number; sha256: string[] }>();
  for (const zio of r.body as { informatieobject: string }[]) {
    const eio = (await zgw.get(zio.informatieobject)).body as { identificatie: string; titel: string; informatieobjecttype: string };
    const batch = s.batches.find((b) => verklaringIdentificatie(b.id, url) === eio.identificatie);
    if (!batch) continue; // a letter, not a verklaring
    expect(eio.titel).toMatch(/^Verklaring van vervanging /);
    expect(eio.informatieobjecttype).toBe(iotUrl(s.server, TYPE));
    const content = await zgw.download(`${zio.informatieobject}/download`);
    const seen = out.get(batch.id) ?? { zios: 0, sha256: [] };
    out.set(batch.id, { zios: seen.zios + 1, sha256: [...seen.sha256, sha256(content.bytes)] });
  }
  return out;
}

/** Each of `zaken` holds each batch's verklaring exactly once (one ZIO, one EIO, its content), and no other copy exists. */
async function expectOnceEach(s: Setup, zaken: string[]): Promise<void> {
  for (const zaak of zaken) {
    const found = await verklaringenIn(s, zaak);
    expect([...found.keys()].sort(), zaak).toEqual(s.batches.map((b) => b.id).sort());
    for (const b of s.batches) expect(found.get(b.id), `${zaak} ${b.id}`).toEqual({ zios: 1, sha256: [b.verklaring.sha256] });
  }
  const verklaringEios = [...s.server.state.eios.values()].filter((e) => String(e.versions[0].fields.identificatie).startsWith('PKV-'));
  expect(verklaringEios).toHaveLength(zaken.length * s.batches.length);
  expect(s.server.state.responseErrors).toEqual([]);
}

const eioCreates = (s: Setup) =>
  s.server.state.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/enkelvoudiginformatieobjecten')).length;

describe('the verklaring van vervanging, delivered to each zaak of the batch', () => {
  it('reaches each zaak once per batch (EIO inline, ZIO), as the approver, audited; a later link brings its zaak a copy', async () => {
    const s = await approved();
    const creates = eioCreates(s);
    expect(await call(s.core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ attention: 0, remaining: 0 });
    await expectOnceEach(s, [ZAAK_1, ZAAK_2]);
    expect(eioCreates(s) - creates).toBe(4); // no look-ups were needed, nothing was sent twice
    for (const b of s.batches)
      expect(verklaringDeliveriesOf(s.core.store.db, b.id)).toEqual([
        expect.objectContaining({ zaaknummer: ZAAK_1, state: 'done', zioUrl: expect.any(String), lastError: null }),
        expect.objectContaining({ zaaknummer: ZAAK_2, state: 'done', zioUrl: expect.any(String), lastError: null }),
      ]);
    const zioPosts = s.server.state.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/zaakinformatieobjecten'));
    expect(zioPosts.slice(-4).map((r) => r.jwt?.userId)).toEqual(Array(4).fill(TEST_ADMIN.login));
    const audit = s.core.store.db
      .prepare("SELECT action, object_type, object_id, details FROM audit WHERE action LIKE 'zgw.verklaring.%' ORDER BY seq")
      .all() as { action: string; object_type: string; object_id: string; details: string }[];
    expect(audit.filter((a) => a.action === 'zgw.verklaring.created')).toHaveLength(4);
    expect(
      audit
        .filter((a) => a.action === 'zgw.verklaring.delivered')
        .map((a) => [a.object_type, JSON.parse(a.details).zaak])
        .sort(),
    ).toEqual([
      ['batch', ZAAK_1],
      ['batch', ZAAK_1],
      ['batch', ZAAK_2],
      ['batch', ZAAK_2],
    ]);

    // The third document of the first batch, linked after the approval: its zaak gets that batch's verklaring only.
    const [first, second] = s.batches;
    await call(s.core, 'sync.link', { documentId: first!.documents[2]!, zaaknummer: ZAAK_3 });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 1, attention: 0, remaining: 0 });
    const third = await verklaringenIn(s, ZAAK_3);
    expect([...third.entries()]).toEqual([[first!.id, { zios: 1, sha256: [first!.verklaring.sha256] }]]);
    expect(verklaringDeliveriesOf(s.core.store.db, second!.id)).toHaveLength(2);
    // Nothing more is sent.
    const after = s.server.state.requests.length;
    await call(s.core, 'sync.run', { maxWaitMs: 500 });
    expect(s.server.state.requests.slice(after).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('an EIO create and a ZIO create whose answers are lost after the server committed them are not made twice', async () => {
    const s = await approved();
    s.server.faults.add({ kind: 'reset-after-commit', method: 'POST', path: /enkelvoudiginformatieobjecten$/ });
    s.server.faults.add({ kind: 'reset-after-commit', method: 'POST', path: /zaakinformatieobjecten$/ });
    const summary = await call(s.core, 'sync.run', { maxWaitMs: 5000 });
    expect(summary).toMatchObject({ attention: 0, remaining: 0 });
    expect(summary.retried).toBeGreaterThanOrEqual(2);
    await expectOnceEach(s, [ZAAK_1, ZAAK_2]);
    const actions = (
      s.core.store.db.prepare("SELECT action FROM audit WHERE action LIKE 'zgw.verklaring.%'").all() as { action: string }[]
    ).map((a) => a.action);
    expect(actions.filter((a) => a === 'zgw.verklaring.found')).toHaveLength(1); // the lost create, found by identificatie
  });

  it('without the setting: attention with the reason naming it; once it is set, the verklaringen go', async () => {
    const s = await approved({ setting: null });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 3000 })).toMatchObject({ attention: 4, remaining: 0 });
    for (const b of s.batches)
      for (const d of verklaringDeliveriesOf(s.core.store.db, b.id)) {
        expect(d).toMatchObject({ state: 'attention', lastErrorCode: 'verklaring-documenttype-ontbreekt', eioUrl: null });
        expect(d.lastError).toMatch(/geen documenttype voor de verklaring van vervanging ingesteld \(instelling verklaringDocumenttype\)/);
      }
    expect(eioCreates(s)).toBe(4); // the letters only

    // Nothing changes while the setting is still missing.
    await call(s.core, 'sync.run', { maxWaitMs: 500 });
    expect(eioCreates(s)).toBe(4);
    await call(s.core, 'settings.set', { verklaringDocumenttype: TYPE });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ attention: 0, remaining: 0 });
    await expectOnceEach(s, [ZAAK_1, ZAAK_2]);
  });

  it('a setting the zaaktype does not allow: attention with the reason, naming the setting, the zaaktype and what it allows', async () => {
    const s = await approved({ seed: 'minimal', setting: 'Bezwaarschrift' });
    const summary = await call(s.core, 'sync.run', { maxWaitMs: 3000 });
    expect(summary).toMatchObject({ attention: 2, remaining: 0 }); // ZAAK_2 of each batch; ZAAK_1 (Bezwaar) allows it
    const [first] = s.batches;
    const [one, two] = verklaringDeliveriesOf(s.core.store.db, first!.id);
    expect(one).toMatchObject({ zaaknummer: ZAAK_1, state: 'done' });
    expect(two).toMatchObject({ zaaknummer: ZAAK_2, state: 'attention', lastErrorCode: 'verklaring-documenttype-niet-toegestaan' });
    expect(two!.lastError).toMatch(
      /instelling verklaringDocumenttype \('Bezwaarschrift'\).*zaak ZAAK-2026-0000000002.*staat toe: 'Inkomende brief', 'Factuur'/,
    );
    expect(two!.lastError).not.toMatch(/undefined/);
  });
});

describe('the verklaring van vervanging across a SIGKILL of `postkamer sync` at each step', () => {
  const sync = syncOnceCli;

  for (const [point, n] of [
    ['after-verklaring-eio', 1],
    ['after-verklaring-zio', 1],
    ['after-verklaring-eio', 3],
    ['after-verklaring-zio', 4],
  ] as const) {
    it(`killed at ${point} (${n}): the next run leaves each verklaring in each zaak once`, async () => {
      const s = await approved();
      await s.core.close();
      const killed = await sync(s.dir, { POSTKAMER_SYNC_KILL_POINT: `${point}:${n}` });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      const r = await sync(s.dir);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ attention: 0, remaining: 0 });
      s.core = await openTestCore(s.dir);
      await expectOnceEach(s, [ZAAK_1, ZAAK_2]);
      for (const b of s.batches) expect(verklaringDeliveriesOf(s.core.store.db, b.id).map((d) => d.state)).toEqual(['done', 'done']);
    });
  }
});
