// The purge of delivered documents on a real encrypted store with the real pipeline (text, PDF/A, page images, search
// index) and real deliveries to the test zaaksysteem: delivered documents older than purgeAfterDays lose their blob
// keys (crypto-shredding), files, text, search terms, pages and extracted fields, and stay as stubs; every other
// document is intact byte for byte; a document in attention, held, not delivered, too recent or in a batch still being
// scanned stays; a dry run changes nothing. Then `postkamer purge [--dry-run] --json` through the CLI.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../src/core/core';
import { runPurge } from '../../src/core/purge';
import type { Db } from '../../src/store/db';
import { setHold } from '../../src/store/purge';
import { initStore } from '../../src/store/store';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { runCli, snapshotTree } from '../support/cli';
import { call, callFailure } from '../support/core-call';
import { makeBsn } from '../support/letters';
import { textPdf } from '../support/scans';
import { PASSPHRASE, ingestPdfs, iotUrl, openStoreWithConnection, openTestCore, tempDir } from './sync-support';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const DAY = 24 * 60 * 60 * 1000;
let seed = Date.now() % 2147483647;
const rng = { int: (min: number, max: number) => min + ((seed = (seed * 48271) % 2147483647) % (max - min + 1)) };

/** Every blob a document's content lives in: its files, page images, delivered content and received file. */
function blobsOf(db: Db, id: string): string[] {
  const rows = db
    .prepare(
      `SELECT source_blob_id AS b FROM documents WHERE id = @id UNION SELECT pdf_blob_id FROM documents WHERE id = @id
       UNION SELECT image_blob_id FROM pages WHERE document_id = @id UNION SELECT content_blob_id FROM zgw_outbox WHERE document_id = @id
       UNION SELECT i.blob_id FROM items i JOIN documents d ON d.item_id = i.id WHERE d.id = @id`,
    )
    .all({ id }) as { b: string | null }[];
  return rows.flatMap((r) => (r.b ? [r.b] : []));
}

/** Delivered `days` ago: the outbox's delivery time moved back (the only way to age a real delivery). */
const deliveredDaysAgo = (db: Db, id: string, days: number) =>
  db.prepare('UPDATE zgw_outbox SET done_at = ? WHERE document_id = ?').run(new Date(Date.now() - days * DAY).toISOString(), id);

/** The search index's own storage (FTS5 segments), as bytes: what a deleted document may leave behind. */
const indexBytes = (db: Db) =>
  Buffer.concat((db.prepare('SELECT block FROM documents_fts_data').all() as { block: Buffer }[]).map((r) => r.block));

describe('purge of delivered documents (real pipeline, real deliveries)', () => {
  let server: ZgwServer;
  let t: ReturnType<typeof tempDir>;
  let core: Core;
  /** Document ids by role in the test. */
  const doc: Record<'old1' | 'old2' | 'held' | 'attention' | 'undelivered' | 'recent' | 'scanning', string> = {} as never;
  const word: Record<string, string> = {};
  const bsn = makeBsn(rng);
  /** sha256 of every blob before the purge. */
  const before = new Map<string, string>();
  const blobs: Record<string, string[]> = {};

  /** A word of its own per document, starting with a letter no other word of the letters starts with the same two of. */
  const lead = [...'bcdfgjk'];
  /** What of a word the index stores as it is: FTS5 keeps a term's start shared with the term before it only once. */
  const stored = (w: string) => w.slice(1);

  async function ingestLetter(name: keyof typeof doc, lines: string[]): Promise<string> {
    word[name] = `${lead.shift()}xq${rng.int(100000, 999999)}`;
    const file = join(t.dir, `${name}.pdf`);
    writeFileSync(file, textPdf([`Betreft: ${word[name]}`, ...lines, 'Met vriendelijke groet,', 'J. de Vries']));
    const r = await call(core, 'ingest.paths', { paths: [file], source: 'cli' });
    expect(r.errors).toEqual([]);
    return (doc[name] = r.documents[0]!.id);
  }

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
    server = await startZgwServer({ seed: 'minimal' });
    t = tempDir('purge');
    core = new Core(await initStore(join(t.dir, 'store'), { passphrase: PASSPHRASE })); // the real recognition pipeline
    await call(core, 'sync.connection.set', {
      env: 'test',
      ...server.info,
      informatieobjecttype: iotUrl(server, 'Inkomende brief'),
      activate: true,
    });
    await ingestLetter('old1', [`Mijn burgerservicenummer is ${bsn}.`, 'Ik maak bezwaar tegen de aanslag.']);
    await ingestLetter('old2', ['Een verzoek om een parkeervergunning voor de Dorpsstraat.']);
    await ingestLetter('held', ['Een brief die de archivaris wil bewaren.']);
    await ingestLetter('attention', ['Een brief bij een zaak die niet bestaat.']);
    await ingestLetter('undelivered', ['Een brief die nog niet gekoppeld is.']);
    await ingestLetter('recent', ['Een brief die pas is afgeleverd.']);
    await ingestLetter('scanning', ['Een brief uit een scanbatch die nog loopt.']);
    for (const k of ['old1', 'old2', 'held', 'recent', 'scanning'] as const)
      await call(core, 'sync.link', { documentId: doc[k], zaaknummer: 'ZAAK-2026-0000000001' });
    await call(core, 'sync.link', { documentId: doc.attention, zaaknummer: 'ZAAK-2026-0000009999' });
    const run = await call(core, 'sync.run', { maxWaitMs: 10_000 });
    expect(run).toMatchObject({ delivered: 5, attention: 1 });

    const db = core.store.db;
    for (const k of ['old1', 'old2', 'held', 'scanning'] as const) deliveredDaysAgo(db, doc[k], 40);
    deliveredDaysAgo(db, doc.attention, 40); // no delivery to age, but nothing may come of trying
    expect(setHold(db, doc.held, new Date().toISOString())).toBe(true);
    // The scan batch of `scanning` has a scanner job still running: its quality control cannot be closed yet.
    db.prepare(`UPDATE batches SET job_state = 'scanning' WHERE id = (SELECT batch_id FROM documents WHERE id = ?)`).run(doc.scanning);

    for (const [k, id] of Object.entries(doc)) {
      blobs[k] = blobsOf(db, id);
      for (const b of blobs[k]!) before.set(b, sha(core.store.vault.read(b)));
    }
    // The real pipeline gave each document a received file, a PDF/A and a page image.
    expect(blobs.old1!.length).toBeGreaterThanOrEqual(3);
  }, 240_000);

  afterAll(async () => {
    await core?.close();
    await server?.close();
    t?.cleanup();
  });

  const kept = { held: 1, attention: 1, 'not-delivered': 1, 'too-recent': 1, 'qc-open': 1 };

  it('a dry run names what would go and why the rest stays, and changes nothing', async () => {
    const vault = snapshotTree(join(core.store.dataDir, 'vault'));
    const audit = (core.store.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
    const r = await call(core, 'purge.run', { dryRun: true });
    expect([...r.purged].sort()).toEqual([doc.old1, doc.old2].sort());
    expect(r.kept).toEqual(kept);
    expect(snapshotTree(join(core.store.dataDir, 'vault'))).toEqual(vault);
    expect((core.store.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n).toBe(audit);
    for (const [b, h] of before) expect(sha(core.store.vault.read(b))).toBe(h);
    // The same run a month later (runPurge's clock) would take the recent one too.
    const later = runPurge(core, { dryRun: true, now: new Date(Date.now() + 31 * DAY), actor: 'test', origin: 'cli' });
    expect([...later.purged].sort()).toEqual([doc.old1, doc.old2, doc.recent].sort());
  });

  it('purges the old deliveries: keys and files gone, text, search terms, pages and fields deleted, a stub left', async () => {
    const db = core.store.db;
    const stubBefore = await call(core, 'documents.get', { id: doc.old1 });
    const outboxBefore = (await call(core, 'sync.outbox.get', { documentId: doc.old1 }))!;
    expect(indexBytes(db).includes(stored(word.old1!))).toBe(true);
    expect(indexBytes(db).includes(bsn.slice(3))).toBe(true);

    const r = await call(core, 'purge.run', {});
    expect([...r.purged].sort()).toEqual([doc.old1, doc.old2].sort());
    expect(r.kept).toEqual(kept);

    for (const k of ['old1', 'old2'] as const) {
      for (const b of blobs[k]!) {
        // The key is gone with its row: the blob can never be decrypted again, and its file is removed.
        expect(() => core.store.vault.read(b)).toThrow();
        expect(db.prepare('SELECT 1 FROM blobs WHERE id = ?').get(b)).toBeUndefined();
        expect(snapshotTree(join(core.store.dataDir, 'vault'))[`/${b.slice(0, 2)}/${b}`]).toBeUndefined();
      }
      expect(db.prepare('SELECT count(*) AS n FROM pages WHERE document_id = ?').get(doc[k])).toEqual({ n: 0 });
      expect(await callFailure(core, 'documents.text', { id: doc[k] })).toMatchObject({ code: 'not-found' });
      expect(await call(core, 'documents.search', { query: word[k]! })).toEqual([]);
      // FTS5 secure-delete: the words left the index's own storage, not only its visible rows.
      expect(indexBytes(db).includes(stored(word[k]!)), `${k}'s word in the index`).toBe(false);
    }
    expect(indexBytes(db).includes(bsn.slice(3)), 'the BSN in the index').toBe(false);
    expect(indexBytes(db).includes(stored(word.recent!)), 'a kept document stays in the index').toBe(true);

    // The stub: what keeps the history traceable, within the contract.
    const stub = await call(core, 'documents.get', { id: doc.old1 });
    expect(stub).toMatchObject({ id: doc.old1, batchId: stubBefore.batchId, sha256: stubBefore.sha256, size: stubBefore.size });
    expect(stub).toMatchObject({ zaaknummer: stubBefore.zaaknummer, createdAt: stubBefore.createdAt, title: '', fileName: '' });
    expect(stub).toMatchObject({ hasPdf: false, containsBsn: false, extracted: { sender: null, kenmerk: null } });
    expect(stub.extractedDetail).toBeUndefined();
    expect((await call(core, 'documents.list', { limit: 100 })).map((d) => d.id)).toContain(doc.old1);
    const row = db.prepare('SELECT purged_at, extracted FROM documents WHERE id = ?').get(doc.old1) as {
      purged_at: string;
      extracted: string;
    };
    expect(Date.parse(row.purged_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(row.extracted).toBe('{}');
    const outbox = (await call(core, 'sync.outbox.get', { documentId: doc.old1 }))!;
    expect(outbox).toMatchObject({ state: 'done', eioUrl: outboxBefore.eioUrl, zaakUrl: outboxBefore.zaakUrl });
    expect(await callFailure(core, 'documents.revealBsn', { id: doc.old1, reason: 'controle na opschonen' })).toMatchObject({
      code: 'document-purged',
      message: expect.stringMatching(/van deze werkplek opgeschoond/),
    });
    // Its pages went with its content: a page edit says so instead of failing on a missing image.
    expect(await callFailure(core, 'documents.rotatePage', { id: doc.old1, page: 0, rotation: 90 })).toMatchObject({
      code: 'document-purged',
    });

    // Audited: one entry per document (its history ends there) and one for the run with its counts.
    const entries = db.prepare(`SELECT * FROM audit WHERE action IN ('document.purged', 'purge.run') ORDER BY seq`).all() as {
      action: string;
      actor: string;
      object_id: string | null;
      details: string;
    }[];
    expect(entries.map((e) => e.action)).toEqual(['document.purged', 'document.purged', 'purge.run']);
    expect(
      entries
        .slice(0, 2)
        .map((e) => e.object_id)
        .sort(),
    ).toEqual([doc.old1, doc.old2].sort());
    expect(entries.every((e) => e.actor === 'test-beheerder')).toBe(true);
    expect(JSON.parse(entries[2]!.details)).toMatchObject({ purged: 2, purgeAfterDays: 30, 'kept.attention': 1, 'kept.held': 1 });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ valid: true, problem: null });
  });

  it('every other document is intact, byte for byte; the document in attention among them', async () => {
    for (const k of ['held', 'attention', 'undelivered', 'recent', 'scanning'] as const) {
      expect(blobsOf(core.store.db, doc[k]).sort()).toEqual([...blobs[k]!].sort());
      for (const b of blobs[k]!) expect(sha(core.store.vault.read(b)), `${k}: blob ${b}`).toBe(before.get(b));
      expect((await call(core, 'documents.text', { id: doc[k] })).text).toContain(word[k]!);
      expect((await call(core, 'documents.search', { query: word[k]! })).map((h) => h.id)).toEqual([doc[k]]);
    }
    expect((await call(core, 'sync.outbox.get', { documentId: doc.attention }))!.state).toBe('attention');
  });

  it('a second run finds nothing more; purged stubs are not counted again', async () => {
    const r = await call(core, 'purge.run', {});
    expect(r).toEqual({ purged: [], kept });
  });

  it('only the administrator runs it', async () => {
    const { signedInAs } = await import('../support/people');
    for (const role of ['medewerker', 'archivaris', 'teamleider'] as const) {
      const ctx = await signedInAs(core, [role]);
      expect(await core.call('purge.run', { dryRun: true }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('postkamer purge [--dry-run] --json', () => {
  let server: ZgwServer;
  let t: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
    server = await startZgwServer({ seed: 'minimal' });
    t = tempDir('purge-cli');
  });
  afterAll(async () => {
    await server?.close();
    t?.cleanup();
  });

  it('prints the issue’s JSON shape; the dry run leaves the vault as it was; the real one shreds', async () => {
    const data = join(t.dir, 'store');
    let core = await openStoreWithConnection(data, server);
    const [old, recent] = await ingestPdfs(core, 2);
    for (const id of [old!, recent!]) await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
    expect(await call(core, 'sync.run', { maxWaitMs: 10_000 })).toMatchObject({ delivered: 2 });
    deliveredDaysAgo(core.store.db, old!, 31);
    const oldBlobs = blobsOf(core.store.db, old!);
    const recentBlobs = new Map(blobsOf(core.store.db, recent!).map((b) => [b, sha(core.store.vault.read(b))]));
    await core.close();

    const env = { POSTKAMER_PASSPHRASE: PASSPHRASE };
    const vault = snapshotTree(join(data, 'vault'));
    const dry = await runCli(['purge', '--dry-run', '--json', '--data', data], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ purged: [old], kept: { 'too-recent': 1 } });
    expect(snapshotTree(join(data, 'vault'))).toEqual(vault);

    const real = await runCli(['purge', '--json', '--data', data], { env });
    expect(real.code, real.stderr).toBe(0);
    expect(JSON.parse(real.stdout)).toEqual({ purged: [old], kept: { 'too-recent': 1 } });
    const plain = await runCli(['purge', '--data', data], { env });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/Opgeschoond: 0 document/);

    core = await openTestCore(data);
    try {
      for (const b of oldBlobs) expect(() => core.store.vault.read(b)).toThrow();
      for (const [b, h] of recentBlobs) expect(sha(core.store.vault.read(b))).toBe(h);
      expect(snapshotTree(join(data, 'vault'))).not.toHaveProperty(`/${oldBlobs[0]!.slice(0, 2)}/${oldBlobs[0]}`);
    } finally {
      await core.close();
    }
  });
});
