// A document row as the contract shows it (its stage and fields worked out by the domain's rules), and the stage rule
// in SQL for the queries that filter and count by stage.
import type { DocumentSummary } from '../contract/schemas';
import { documentStage, zaaknummerSource, type OutboxStateName } from '../domain/stage';
import { amsterdamDate } from '../domain/amsterdam-date';
import {
  CHECKED_FIELDS,
  documentFields,
  FIELD_CONFIDENCE_THRESHOLD,
  fieldsBelowThreshold,
  parseManualFields,
  type FieldFacts,
} from '../domain/fields';

// Rows in, contract shapes out.
export interface DocRow {
  id: string;
  batch_id: string;
  title: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  status: DocumentSummary['status'];
  page_count: number;
  qc_flags: string;
  contains_bsn: number;
  extracted: string;
  zaaknummer: string | null;
  created_at: string;
  updated_at: string;
  seq: number;
  pdf_blob_id: string | null;
  original_mime: string | null;
  /** Set when the document's content was purged from the workstation (a stub remains). */
  purged_at?: string | null;
  version: number;
  fields: string;
  auto_split: number;
  /** JSON { id, width, height } of the first visible page with an image, or null. */
  first_page?: string | null;
  /** JSON { note, by, at } while a supervisor's hand-back to the clerk stands. */
  hand_back?: string | null;
  outbox_state: OutboxStateName | null;
  outbox_reason: string | null;
  linked_zaaknummer: string | null;
}
// The stage rule of src/domain/stage.ts (with fieldsBelowThreshold of src/domain/fields.ts) in SQL, to filter and
// count in one query (document-stage.test.ts: they agree).
const BELOW_THRESHOLD_SQL = CHECKED_FIELDS.map(
  ({ field, key }) =>
    `(json_extract(d.fields, '$.${field}') IS NULL AND json_extract(d.extracted, '$.${key}') IS NOT NULL
      AND json_extract(d.extracted, '$.detail.${key}.confidence') < ${FIELD_CONFIDENCE_THRESHOLD})`,
).join(' OR ');
export const STAGE_SQL = `CASE WHEN o.state = 'attention' THEN 'aandacht-nodig' WHEN o.state = 'done' THEN 'afgeleverd'
  WHEN o.state IS NOT NULL THEN 'in-outbox' WHEN d.status IN ('stored', 'processing') THEN 'nieuw'
  WHEN d.status = 'failed' OR d.qc_flags <> '[]' OR d.auto_split = 1 OR d.hand_back IS NOT NULL OR ${BELOW_THRESHOLD_SQL}
    THEN 'te-controleren'
  ELSE 'klaar-om-te-koppelen' END`;
export const FROM_DOC = `FROM documents d LEFT JOIN zgw_outbox o ON o.document_id = d.id`;
export const SELECT_DOC = `SELECT d.*, b.mime AS original_mime, o.state AS outbox_state, o.last_error AS outbox_reason,
  o.zaaknummer AS linked_zaaknummer,
  (SELECT json_object('id', p.id, 'width', p.width, 'height', p.height) FROM pages p
    WHERE p.document_id = d.id AND p.removed = 0 AND p.image_blob_id IS NOT NULL ORDER BY p.seq LIMIT 1) AS first_page
  ${FROM_DOC} LEFT JOIN blobs b ON b.id = d.source_blob_id`;

const emptyExtracted = { zaaknummer: null, letterDate: null, kenmerk: null, kvk: null, iban: null, postcode: null, sender: null };

export function toSummary(r: DocRow): DocumentSummary {
  const stored = JSON.parse(r.extracted) as Partial<DocumentSummary['extracted']> & {
    detail?: DocumentSummary['extractedDetail'];
    metadata?: Record<string, string>;
  };
  const { detail, metadata, ...ex } = stored;
  const facts: FieldFacts = {
    title: r.title,
    extracted: stored as FieldFacts['extracted'],
    receivedDate: amsterdamDate(new Date(r.created_at)),
    manual: parseManualFields(r.fields),
  };
  const outbox = r.outbox_state ? { state: r.outbox_state, reason: r.outbox_reason } : null;
  const back = r.hand_back ? (JSON.parse(r.hand_back) as { note: string; by: string; at: string }) : null;
  const handBack = back ? { note: back.note, by: back.by, at: back.at } : null;
  const { stage, reason } = documentStage({
    status: r.status,
    outbox,
    qcFlags: JSON.parse(r.qc_flags) as string[],
    unconfirmedAutoSplit: r.auto_split === 1,
    fieldsBelowThreshold: fieldsBelowThreshold(facts),
    handBackNote: handBack?.note ?? null,
  });
  const found = { separator: metadata?.zaaknummer ?? null, found: detail?.zaaknummer?.value ?? null };
  return {
    id: r.id,
    batchId: r.batch_id,
    title: r.title,
    fileName: r.file_name,
    seq: r.seq,
    mime: r.mime,
    originalMime: r.original_mime ?? r.mime,
    hasPdf: r.pdf_blob_id !== null,
    size: r.size,
    sha256: r.sha256,
    status: r.status,
    pageCount: r.page_count,
    qcFlags: JSON.parse(r.qc_flags),
    containsBsn: r.contains_bsn === 1,
    extracted: { ...emptyExtracted, ...ex },
    ...(detail ? { extractedDetail: detail } : {}),
    ...(metadata && Object.keys(metadata).length > 0 ? { metadata } : {}),
    zaaknummer: r.zaaknummer,
    stage,
    stageReason: reason,
    zaaknummerSource: zaaknummerSource({ linked: r.linked_zaaknummer, ...found }),
    fields: documentFields(facts),
    autoSplit: r.auto_split === 1,
    handBack,
    version: r.version,
    firstPage: r.first_page ? (JSON.parse(r.first_page) as { id: string; width: number; height: number }) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.purged_at ? { purgedAt: r.purged_at } : {}),
  };
}
