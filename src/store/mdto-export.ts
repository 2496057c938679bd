// Which delivered documents an e-depot export (MDTO) takes: done outbox rows by zaak, batch or delivery period, with
// what the export describes of each (the delivered file's blob and what the EIO carried, the document's fields).
import type { OutboxRow } from '../sync/outbox-machine';
import type { Db } from './db';
import { rowFrom } from './outbox';

export interface MdtoCandidate {
  row: OutboxRow;
  title: string;
  extracted: string;
  fields: string;
  createdAt: string;
  purgedAt: string | null;
}

export type MdtoQuery = { zaaknummer: string } | { batchId: string } | { fromAt: string; toAt: string } | { ids: readonly string[] };

const SELECT = `SELECT o.*, d.title AS d_title, d.extracted AS d_extracted, d.fields AS d_fields, d.created_at AS d_created_at,
  d.purged_at AS d_purged_at FROM zgw_outbox o JOIN documents d ON d.id = o.document_id WHERE o.state = 'done'`;

/** The delivered documents the query selects, oldest delivery first. A zaaknummer matches case-insensitively. */
export function selectMdtoCandidates(db: Db, q: MdtoQuery): MdtoCandidate[] {
  let rows: Record<string, unknown>[];
  if ('zaaknummer' in q) {
    rows = db
      .prepare(`${SELECT} AND upper(coalesce(o.zaak_identificatie, o.zaaknummer)) = upper(?) ORDER BY o.done_at, o.document_id`)
      .all(q.zaaknummer.trim()) as Record<string, unknown>[];
  } else if ('batchId' in q) {
    rows = db.prepare(`${SELECT} AND d.batch_id = ? ORDER BY d.seq, o.document_id`).all(q.batchId) as Record<string, unknown>[];
  } else if ('ids' in q) {
    // A selection (at most 1 000, the contract's bound): in the order given, delivered ones only.
    const order = new Map(q.ids.map((id, k) => [id, k]));
    rows = (
      db.prepare(`${SELECT} AND o.document_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(q.ids)) as Record<string, unknown>[]
    ).sort((a, b) => order.get(a.document_id as string)! - order.get(b.document_id as string)!);
  } else {
    rows = db.prepare(`${SELECT} AND o.done_at >= ? AND o.done_at < ? ORDER BY o.done_at, o.document_id`).all(q.fromAt, q.toAt) as Record<
      string,
      unknown
    >[];
  }
  return rows.map((r) => ({
    row: rowFrom(r),
    title: r.d_title as string,
    extracted: r.d_extracted as string,
    fields: r.d_fields as string,
    createdAt: r.d_created_at as string,
    purgedAt: (r.d_purged_at as string | null) ?? null,
  }));
}
