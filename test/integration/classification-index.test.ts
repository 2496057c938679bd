// The review queue's index (migration 0200, src/store/classification-index.ts) against the facts it is made from:
// after any sequence of the writes a mail room makes — documents added, edited, flagged, given a separator sheet's
// type, recognised or failed, linked, delivered step by step, unlinked, handed back, reviewed, deleted; zaken and
// types cached, renamed, removed; the connection's default type changed — the index brought up to date row by row
// equals the index built from nothing, the rare pairs too, and every document's state, reasons and stage in the queue
// (SQL) are the domain rules' (ClassificationReader, the document summary's stage).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationReader } from '../../src/core/classification';
import { insertBatch } from '../../src/store/batches';
import { classificationQueue, classificationRow, rowReasons, setReviewed } from '../../src/store/classification';
import { classificationState, rarelyUsed, typeKey } from '../../src/domain/classification';
import { refreshClassificationIndex } from '../../src/store/classification-index';
import { openDatabase, type Db } from '../../src/store/db';
import { saveFields } from '../../src/store/document-fields';
import { deleteDocument, getDocument, insertDocument } from '../../src/store/documents';
import { insertOutboxRow } from '../../src/store/outbox';
import { purgeDocuments } from '../../src/store/purge';
import { deleteZgwObject, upsertZgwObject } from '../../src/store/zgw-catalogue';
import { upsertZgwConnection } from '../../src/store/zgw-connections';
import { generatedOutboxRow } from '../support/outbox-rows';

const BASE = 'http://127.0.0.1:9/catalogi/api/v1';
const ZAAKTYPEN = [1, 2].map((n) => `${BASE}/zaaktypen/${n}`);
const TYPES = [1, 2, 3].map((n) => `${BASE}/informatieobjecttypen/${n}`);
const NAMES = ['Inkomende brief', 'Bezwaarschrift', ' factuur\t', 'INKOMENDE BRIEF', '   ', 'Één'];
const VH = ['openbaar', 'intern', 'vertrouwelijk'];
const ZAKEN = 5;
const zaaknummer = (n: number) => `ZAAK-2026-${String(n).padStart(10, '0')}`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'postkamer-classification-index-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh store with a connection (its credentials a placeholder blob: nothing is sent) and one batch. */
function world(): Db {
  const db = openDatabase(join(dir, `${randomUUID()}.db`), randomBytes(32), { create: true });
  const at = new Date().toISOString();
  db.prepare(
    `INSERT INTO blobs (id, state, mime, wrapped_key, created_at) VALUES ('cred', 'stored', 'application/octet-stream', x'00', ?)`,
  ).run(at);
  upsertZgwConnection(db, {
    env: 'test',
    zaken_url: `${BASE}/zaken`,
    documenten_url: `${BASE}/documenten`,
    catalogi_url: BASE,
    credentials_blob_id: 'cred',
    rsin: '002220647',
    informatieobjecttype: TYPES[0]!,
    updated_at: at,
  });
  insertBatch(db, { id: 'batch', createdAt: at, source: 'cli', profile: null, label: 'Batch' });
  return db;
}

type Op =
  | { op: 'add'; flagged: boolean; sheet: number | null; created: number }
  | { op: 'type'; doc: number; type: number | null; name: number }
  | { op: 'vh'; doc: number; vh: number }
  | { op: 'sheet'; doc: number; name: number | null }
  | { op: 'flag'; doc: number; on: boolean }
  | { op: 'link'; doc: number; zaak: number; type: number | null; vh: number | null; newZaak: number | null }
  | { op: 'unlink'; doc: number }
  | { op: 'review'; doc: number; on: boolean }
  | { op: 'cacheZaak'; zaak: number; zaaktype: number }
  | { op: 'dropZaak'; zaak: number }
  | { op: 'cacheType'; type: number; name: number; vh: number }
  | { op: 'dropType'; type: number }
  | { op: 'default'; type: number | null }
  | { op: 'delete'; doc: number }
  | { op: 'status'; doc: number; status: number }
  | { op: 'deliver'; doc: number; state: number }
  | { op: 'handBack'; doc: number; on: boolean }
  | { op: 'autoSplit'; doc: number; on: boolean }
  | { op: 'purge'; doc: number }
  | { op: 'refresh' };

const STATUSES = ['stored', 'processing', 'ready', 'failed'] as const;
const OUTBOX_STATES = ['pending', 'document-created', 'linked', 'done', 'attention'] as const;

const doc = fc.nat(60);
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
/** Refreshes often, so that a write after one is only seen through the triggers. */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  w(2, fc.record({ op: fc.constant('add' as const), flagged: fc.boolean(), sheet: fc.option(fc.nat(5)), created: fc.nat(1000) })),
  w(2, fc.record({ op: fc.constant('type' as const), doc, type: fc.option(fc.nat(2)), name: fc.nat(5) })),
  w(1, fc.record({ op: fc.constant('vh' as const), doc, vh: fc.nat(2) })),
  w(1, fc.record({ op: fc.constant('sheet' as const), doc, name: fc.option(fc.nat(5)) })),
  w(1, fc.record({ op: fc.constant('flag' as const), doc, on: fc.boolean() })),
  w(
    2,
    fc.record({
      op: fc.constant('link' as const),
      doc,
      zaak: fc.integer({ min: 1, max: ZAKEN }),
      type: fc.option(fc.nat(2)),
      vh: fc.option(fc.nat(2)),
      newZaak: fc.option(fc.nat(1), { freq: 4 }),
    }),
  ),
  w(1, fc.record({ op: fc.constant('unlink' as const), doc })),
  w(1, fc.record({ op: fc.constant('review' as const), doc, on: fc.boolean() })),
  w(2, fc.record({ op: fc.constant('cacheZaak' as const), zaak: fc.integer({ min: 1, max: ZAKEN }), zaaktype: fc.nat(1) })),
  w(1, fc.record({ op: fc.constant('dropZaak' as const), zaak: fc.integer({ min: 1, max: ZAKEN }) })),
  w(2, fc.record({ op: fc.constant('cacheType' as const), type: fc.nat(2), name: fc.nat(5), vh: fc.nat(2) })),
  w(1, fc.record({ op: fc.constant('dropType' as const), type: fc.nat(2) })),
  w(1, fc.record({ op: fc.constant('default' as const), type: fc.option(fc.nat(2)) })),
  w(1, fc.record({ op: fc.constant('delete' as const), doc })),
  w(1, fc.record({ op: fc.constant('status' as const), doc, status: fc.nat(3) })),
  w(2, fc.record({ op: fc.constant('deliver' as const), doc, state: fc.nat(4) })),
  w(1, fc.record({ op: fc.constant('handBack' as const), doc, on: fc.boolean() })),
  w(1, fc.record({ op: fc.constant('autoSplit' as const), doc, on: fc.boolean() })),
  w(1, fc.record({ op: fc.constant('purge' as const), doc })),
  w(4, fc.constant({ op: 'refresh' as const })),
);

/** Carries out one write as the product's store modules make it (and the recognition's flag as it stores it). */
function apply(db: Db, ids: string[], o: Op): void {
  const at = new Date().toISOString();
  const pick = (n: number) => (ids.length > 0 ? ids[n % ids.length]! : null);
  const version = (id: string) => (db.prepare('SELECT version FROM documents WHERE id = ?').get(id) as { version: number }).version;
  const fieldsOf = (id: string) =>
    JSON.parse((db.prepare('SELECT fields FROM documents WHERE id = ?').get(id) as { fields: string }).fields) as Record<string, unknown>;
  switch (o.op) {
    case 'add': {
      const id = randomUUID();
      insertDocument(db, {
        id,
        batchId: 'batch',
        itemId: null,
        seq: ids.length,
        title: `Brief ${o.created}`,
        fileName: 'brief.pdf',
        mime: 'application/pdf',
        size: 1000,
        sha256: '0'.repeat(64),
        sourceBlobId: null,
        pdfBlobId: null,
        status: 'ready',
        pageCount: 1,
        qcFlags: o.flagged ? ['low-ocr-confidence'] : [],
        containsBsn: false,
        extracted: {
          detail: { senderName: { value: `Afzender ${o.created % 7}`, confidence: 0.9 } },
          ...(o.sheet !== null ? { metadata: { documenttype: NAMES[o.sheet] } } : {}),
        },
        zaaknummer: null,
        createdAt: new Date(Date.UTC(2026, 0, 1) + o.created * 60_000).toISOString(),
        updatedAt: at,
        text: 'Geachte heer, mevrouw,',
      });
      ids.push(id);
      return;
    }
    case 'type':
    case 'vh': {
      const id = pick(o.doc);
      if (!id) return;
      const fields = fieldsOf(id);
      if (o.op === 'vh') fields.vertrouwelijkheid = { value: VH[o.vh], by: 'archivaris' };
      else if (o.type === null) delete fields.documenttype;
      else fields.documenttype = { value: NAMES[o.name], url: TYPES[o.type], by: 'archivaris' };
      saveFields(db, id, version(id), JSON.stringify(fields), at);
      return;
    }
    case 'sheet':
    case 'flag': {
      const id = pick(o.doc);
      if (!id) return;
      if (o.op === 'sheet')
        db.prepare(`UPDATE documents SET extracted = json_set(extracted, '$.metadata', json(?)) WHERE id = ?`).run(
          JSON.stringify(o.name === null ? {} : { documenttype: NAMES[o.name] }),
          id,
        );
      else db.prepare('UPDATE documents SET qc_flags = ? WHERE id = ?').run(JSON.stringify(o.on ? ['low-ocr-confidence'] : []), id);
      return;
    }
    case 'link': {
      const id = pick(o.doc);
      if (!id) return;
      const type = o.type === null ? null : TYPES[o.type]!;
      const vh = o.vh === null ? null : VH[o.vh]!;
      if (db.prepare('SELECT 1 FROM zgw_outbox WHERE document_id = ?').get(id)) {
        db.prepare('UPDATE zgw_outbox SET informatieobjecttype = ?, vertrouwelijkheidaanduiding = ? WHERE document_id = ?').run(
          type,
          vh,
          id,
        );
        return;
      }
      insertOutboxRow(
        db,
        generatedOutboxRow({
          documentId: id,
          createdAt: at,
          target: o.newZaak === null ? 'zaaknummer' : 'nieuwe-zaak',
          zaaknummer: o.newZaak === null ? zaaknummer(o.zaak) : null,
          newZaak: o.newZaak === null ? null : ({ zaaktype: ZAAKTYPEN[o.newZaak] } as never),
          informatieobjecttype: type,
          vertrouwelijkheidaanduiding: vh,
        }),
      );
      return;
    }
    case 'unlink': {
      const id = pick(o.doc);
      if (id) db.prepare('DELETE FROM zgw_outbox WHERE document_id = ?').run(id);
      return;
    }
    case 'review': {
      const id = pick(o.doc);
      if (id) setReviewed(db, id, o.on ? 'archivaris' : null, o.on ? at : null);
      return;
    }
    case 'cacheZaak': {
      const url = `${BASE}/zaken/${o.zaak}`;
      upsertZgwObject(
        db,
        'test',
        'zaak',
        url,
        zaaknummer(o.zaak),
        { url, identificatie: zaaknummer(o.zaak), zaaktype: ZAAKTYPEN[o.zaaktype] },
        null,
        at,
      );
      return;
    }
    case 'dropZaak':
      deleteZgwObject(db, 'test', `${BASE}/zaken/${o.zaak}`);
      return;
    case 'cacheType': {
      const url = TYPES[o.type]!;
      upsertZgwObject(
        db,
        'test',
        'informatieobjecttype',
        url,
        null,
        { url, omschrijving: NAMES[o.name], vertrouwelijkheidaanduiding: VH[o.vh] },
        null,
        at,
      );
      return;
    }
    case 'dropType':
      deleteZgwObject(db, 'test', TYPES[o.type]!);
      return;
    case 'default':
      db.prepare('UPDATE zgw_connections SET informatieobjecttype = ? WHERE env = ?').run(o.type === null ? null : TYPES[o.type], 'test');
      return;
    case 'delete': {
      const id = pick(o.doc);
      if (!id) return;
      db.prepare('DELETE FROM zgw_outbox WHERE document_id = ?').run(id);
      deleteDocument(db, id);
      ids.splice(ids.indexOf(id), 1);
      return;
    }
    case 'status':
    case 'deliver':
    case 'handBack':
    case 'autoSplit': {
      const id = pick(o.doc);
      if (!id) return;
      if (o.op === 'status') db.prepare('UPDATE documents SET status = ? WHERE id = ?').run(STATUSES[o.status], id);
      else if (o.op === 'deliver') db.prepare('UPDATE zgw_outbox SET state = ? WHERE document_id = ?').run(OUTBOX_STATES[o.state], id);
      else if (o.op === 'handBack')
        db.prepare('UPDATE documents SET hand_back = ? WHERE id = ?').run(o.on ? JSON.stringify({ note: 'n', by: 'x', at }) : null, id);
      else db.prepare('UPDATE documents SET auto_split = ? WHERE id = ?').run(o.on ? 1 : 0, id);
      return;
    }
    case 'purge': {
      const id = pick(o.doc);
      if (id) purgeDocuments(db, [id], at);
      return;
    }
    case 'refresh':
      refreshClassificationIndex(db);
  }
}

const snapshot = (db: Db) => ({
  index: db.prepare('SELECT * FROM classification_index ORDER BY document_id').all(),
  rare: db.prepare('SELECT * FROM classification_rare ORDER BY zaaktype, type_key').all(),
});

describe('the classification index', () => {
  it('kept up to date row by row is the index built from nothing, after any sequence of writes', () => {
    let worlds = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
        const db = world();
        worlds++;
        try {
          const ids: string[] = [];
          // Enough documents of one zaaktype for "rarely used" to be judged; some zaken and types not cached yet,
          // some links without a type (the connection's default), two unlinked documents.
          for (let i = 0; i < 16; i++) apply(db, ids, { op: 'add', flagged: false, sheet: null, created: i });
          for (let i = 0; i < 14; i++)
            apply(db, ids, { op: 'link', doc: i, zaak: 1 + (i % 3), type: i % 4 === 3 ? null : i === 0 ? 1 : 0, vh: null, newZaak: null });
          apply(db, ids, { op: 'cacheZaak', zaak: 1, zaaktype: 0 });
          apply(db, ids, { op: 'cacheZaak', zaak: 2, zaaktype: 0 });
          apply(db, ids, { op: 'cacheType', type: 0, name: 0, vh: 0 });
          apply(db, ids, { op: 'cacheType', type: 1, name: 1, vh: 1 });
          for (const o of ops) apply(db, ids, o);
          refreshClassificationIndex(db);
          const kept = snapshot(db);
          refreshClassificationIndex(db, { all: true });
          expect(kept).toEqual(snapshot(db));
          expect((kept.index as unknown[]).length).toBe(ids.length);

          // The queue's state and reasons (SQL over the index) are the rule's, document by document.
          const reader = new ClassificationReader(db);
          const rows = classificationQueue(db, { filter: {}, sort: 'oldest', limit: 1000, offset: 0 }).rows;
          // What each document is by the domain's rules, worked out here without the index: its type's name (the
          // reader), its zaaktype (straight from the link and the cache), and the usage counted in JS.
          const facts = rows.map((r) => {
            const d = getDocument(db, r.id)!;
            return { d, c: reader.of(d)!, row: classificationRow(db, r.id)! };
          });
          const typed = facts.filter((f) => f.row.zaaktype !== null && f.c.documenttype !== null);
          const usage = (zaaktype: string, name: string) => ({
            pair: typed.filter((f) => f.row.zaaktype === zaaktype && typeKey(f.c.documenttype!) === typeKey(name)).length,
            total: typed.filter((f) => f.row.zaaktype === zaaktype).length,
          });
          for (const [i, r] of rows.entries()) {
            const { d, c, row } = facts[i]!;
            const u = row.zaaktype !== null && c.documenttype !== null ? usage(row.zaaktype, c.documenttype) : null;
            const expected = classificationState({
              documenttype: { value: d.fields.documenttype.value, source: d.fields.documenttype.source },
              suggestion: d.metadata?.documenttype ?? null,
              linked: row.linked === 1,
              linkedType: row.linked_type,
              reviewed: row.reviewed_at !== null,
              lowConfidence: d.qcFlags.includes('low-ocr-confidence'),
              rarelyUsed: u !== null && rarelyUsed(u.pair, u.total),
            });
            const seen = {
              state: r.state,
              reasons: rowReasons(r),
              stage: r.stage,
              delivered: r.delivered === 1,
              documenttype: r.documenttype,
              vertrouwelijkheid: r.vertrouwelijkheid,
              zaaktype: r.zaaktype,
            };
            expect({ id: r.id, ...seen }).toEqual({
              id: r.id,
              ...expected,
              stage: d.stage,
              delivered: d.stage === 'afgeleverd',
              documenttype: c.documenttype,
              vertrouwelijkheid: c.vertrouwelijkheid,
              zaaktype: row.zaaktype,
            });
            // The reader (which counts in the index) says the same.
            expect({ state: c.state, reasons: c.reasons }).toEqual(expected);
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 100 },
    );
    expect(worlds).toBeGreaterThanOrEqual(100);
  }, 120_000);

  it('finds the rare type and the low-confidence reading in the starting world', () => {
    const db = world();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 14; i++) apply(db, ids, { op: 'add', flagged: i === 5, sheet: null, created: i });
      for (let i = 0; i < 14; i++) apply(db, ids, { op: 'link', doc: i, zaak: 1, type: i === 0 ? 1 : 0, vh: null, newZaak: null });
      apply(db, ids, { op: 'cacheZaak', zaak: 1, zaaktype: 0 });
      const byId = new Map(classificationQueue(db, { filter: {}, sort: 'oldest', limit: 100, offset: 0 }).rows.map((r) => [r.id, r]));
      // Each link carries a type URL whose name is not cached yet: nothing to count by, so nothing is rare. Cache the
      // types and look again: the triggers mark the documents that carry them.
      expect(rowReasons(byId.get(ids[0]!)!)).toEqual([]);
      apply(db, ids, { op: 'cacheType', type: 0, name: 0, vh: 0 });
      apply(db, ids, { op: 'cacheType', type: 1, name: 1, vh: 0 });
      const rows = classificationQueue(db, { filter: { state: 'te-controleren' }, sort: 'oldest', limit: 100, offset: 0 }).rows;
      expect(rows.map((r) => [r.id, rowReasons(r)])).toEqual([
        [ids[0], ['zelden-gebruikt']],
        [ids[5], ['lage-zekerheid']],
      ]);
      // Reviewed by an archivist: classified, whatever the reasons.
      setReviewed(db, ids[0]!, 'archivaris', new Date().toISOString());
      expect(classificationQueue(db, { filter: { state: 'te-controleren' }, sort: 'oldest', limit: 100, offset: 0 }).total).toBe(1);
    } finally {
      db.close();
    }
  });

  it('keeps its triggers through every migration (a later table rebuild must make them again)', () => {
    const db = world();
    try {
      const names = (
        db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'classification_stale_%' ORDER BY name`).all() as {
          name: string;
        }[]
      ).map((r) => r.name);
      // One per table and event that changes what an index row is made of; a migration that rebuilds documents,
      // zgw_outbox, zgw_objects or zgw_connections drops its triggers without a word — this names the loss.
      expect(names).toEqual(
        ['connection', 'doc', 'outbox', 'type', 'zaak']
          .flatMap((t) => ['delete', 'insert', 'update'].map((e) => `classification_stale_${t}_${e}`))
          .sort(),
      );
    } finally {
      db.close();
    }
  });

  it('holds no title or sender of a purged document, also before the next look', () => {
    const db = world();
    try {
      const ids: string[] = [];
      apply(db, ids, { op: 'add', flagged: false, sheet: null, created: 7 });
      refreshClassificationIndex(db);
      const row = () => db.prepare('SELECT title, afzender FROM classification_index WHERE document_id = ?').get(ids[0]!);
      expect(row()).toEqual({ title: 'Brief 7', afzender: 'Afzender 0' });
      purgeDocuments(db, [ids[0]!], new Date().toISOString());
      expect(row()).toEqual({ title: '', afzender: null });
      refreshClassificationIndex(db);
      expect(row()).toEqual({ title: '', afzender: null });
    } finally {
      db.close();
    }
  });
});
