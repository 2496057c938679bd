// The SQL of a document's hand-set values (documents.fields), its version for optimistic concurrency, and the mark of
// an unconfirmed automatic split.
import type { Db } from './db';
import { stmt } from './statements';

/** What a change of fields is judged by: the stored hand-set values, the version, and where the delivery stands. */
export interface FieldsRow {
  id: string;
  version: number;
  /** JSON: `{ [field]: { value, by, at } }` (src/domain/fields.ts `ManualFields`). */
  fields: string;
  autoSplit: boolean;
  purgedAt: string | null;
  /** The outbox row, or null when the document was never linked. */
  outbox: {
    state: string;
    eioUrl: string | null;
    eioAttempts: number;
    /** The row is claimed by a delivery in progress (a request may be on its way). */
    claimed: boolean;
    sha256: string | null;
  } | null;
}

export function fieldsRow(db: Db, id: string, nowMs: number): FieldsRow | null {
  const r = stmt(
    db,
    `SELECT d.id, d.version, d.fields, d.auto_split, d.purged_at, o.state, o.eio_url, o.eio_attempts, o.claimed_until, o.sha256
     FROM documents d LEFT JOIN zgw_outbox o ON o.document_id = d.id WHERE d.id = ?`,
  ).get(id) as
    | {
        id: string;
        version: number;
        fields: string;
        auto_split: number;
        purged_at: string | null;
        state: string | null;
        eio_url: string | null;
        eio_attempts: number | null;
        claimed_until: number | null;
        sha256: string | null;
      }
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    version: r.version,
    fields: r.fields,
    autoSplit: r.auto_split === 1,
    purgedAt: r.purged_at,
    outbox:
      r.state === null
        ? null
        : {
            state: r.state,
            eioUrl: r.eio_url,
            eioAttempts: r.eio_attempts ?? 0,
            claimed: r.claimed_until !== null && r.claimed_until > nowMs,
            sha256: r.sha256,
          },
  };
}

/**
 * Saves the hand-set values when the document is still at `expectedVersion`, and raises its version; false when
 * someone else changed it meanwhile (nothing is written then).
 */
export function saveFields(db: Db, id: string, expectedVersion: number, fields: string, now: string): boolean {
  return (
    stmt(db, 'UPDATE documents SET fields = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?').run(
      fields,
      now,
      id,
      expectedVersion,
    ).changes === 1
  );
}

/** Marks documents as made by an automatic split (true) or the split as confirmed (false); raises their version. */
export function setAutoSplit(db: Db, ids: readonly string[], on: boolean, now: string): number {
  return stmt(
    db,
    `UPDATE documents SET auto_split = ?, version = version + 1, updated_at = ?
     WHERE id IN (SELECT value FROM json_each(?)) AND auto_split <> ?`,
  ).run(on ? 1 : 0, now, JSON.stringify(ids), on ? 1 : 0).changes;
}

/** Raises a document's version (its pages changed: a split, merge, turn or deletion). */
export function bumpVersion(db: Db, id: string): void {
  stmt(db, 'UPDATE documents SET version = version + 1 WHERE id = ?').run(id);
}

/** The frozen delivery values of an outbox row not yet sent, brought up to date with a correction. */
export function updateUnsentOutboxValues(
  db: Db,
  documentId: string,
  v: {
    titel?: string;
    ontvangstdatum?: string;
    verzenddatum?: string | null;
    informatieobjecttype?: string | null;
    vertrouwelijkheidaanduiding?: string | null;
  },
): void {
  const sets: string[] = [];
  const args: unknown[] = [];
  const put = (col: string, val: unknown) => {
    sets.push(`${col} = ?`);
    args.push(val);
  };
  if (v.titel !== undefined) put('titel', v.titel);
  if (v.ontvangstdatum !== undefined) put('ontvangstdatum', v.ontvangstdatum);
  if (v.verzenddatum !== undefined) put('verzenddatum', v.verzenddatum);
  if (v.informatieobjecttype !== undefined) put('informatieobjecttype', v.informatieobjecttype);
  if (v.vertrouwelijkheidaanduiding !== undefined) put('vertrouwelijkheidaanduiding', v.vertrouwelijkheidaanduiding);
  if (sets.length === 0) return;
  // Only while nothing can have reached the server (no EIO created or attempted).
  db.prepare(`UPDATE zgw_outbox SET ${sets.join(', ')} WHERE document_id = ? AND eio_url IS NULL AND eio_attempts = 0`).run(
    ...args,
    documentId,
  );
}

/** The document just before this one in its batch's stack (the one an undone split joins again); null for the first. */
export function previousInBatch(db: Db, id: string): string | null {
  const r = stmt(
    db,
    `SELECT p.id FROM documents d JOIN documents p ON p.batch_id = d.batch_id AND p.seq < d.seq
     WHERE d.id = ? AND p.purged_at IS NULL ORDER BY p.seq DESC LIMIT 1`,
  ).get(id) as { id: string } | undefined;
  return r ? r.id : null;
}

/** An earlier filing: a document linked to a zaak (by zaaknummer), with what it was recognised and set as. */
export interface Filing {
  documentId: string;
  zaaknummer: string;
  title: string;
  extracted: string;
  fields: string;
  createdAt: string;
}

/** The most recent filings (documents linked to a zaak), newest first, other than `exceptId`. */
export function recentFilings(db: Db, exceptId: string, limit: number): Filing[] {
  return stmt(
    db,
    `SELECT d.id AS documentId, o.zaaknummer, d.title, d.extracted, d.fields, d.created_at AS createdAt
     FROM zgw_outbox o JOIN documents d ON d.id = o.document_id
     WHERE o.zaaknummer IS NOT NULL AND o.state <> 'attention' AND d.id <> ? AND d.purged_at IS NULL
     ORDER BY o.created_at DESC LIMIT ?`,
  ).all(exceptId, limit) as Filing[];
}
