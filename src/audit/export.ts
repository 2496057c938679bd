// The audit trail of a period as a file's bytes: CSV (RFC 4180, formulas neutralised) or JSON Lines, bounded in size.
import { extname } from 'node:path';
import { PostkamerError } from '../contract/errors';
import { countAuditEntries, iterateAuditEntries, type AuditEntryRow, type AuditQuery } from '../store/audit-log';
import type { Db } from '../store/db';
import { csvLine } from './csv';
import { toAuditEntry } from './entries';

export type ExportFormat = 'csv' | 'jsonl';

/** At most this many entries in one file (a month of a busy mail room is far less): a longer period is refused. */
export const MAX_EXPORT_ENTRIES = 100_000;
/** And at most this many bytes (the file is built in memory, then written at once). */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'actorName',
  'roles',
  'origin',
  'workstation',
  'action',
  'actionLabel',
  'objectType',
  'objectId',
  'result',
  'details',
  'prevHash',
  'hash',
] as const;

/** The format asked for, or the one the path's extension names (.csv; .jsonl or .ndjson). */
export function exportFormat(path: string, format?: ExportFormat): ExportFormat {
  if (format) return format;
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new PostkamerError('invalid-input', '(kies het formaat: een bestandsnaam op .csv of .jsonl, of format csv/jsonl)');
}

function csvRecord(r: AuditEntryRow): string {
  const e = toAuditEntry(r);
  return csvLine([
    e.seq,
    e.at,
    e.actor,
    e.actorName,
    e.roles.join(','),
    e.origin,
    e.workstation,
    e.action,
    e.actionLabel,
    e.objectType,
    e.objectId,
    e.result,
    JSON.stringify(e.details),
    r.prev_hash,
    r.hash,
  ]);
}

function jsonRecord(r: AuditEntryRow): string {
  return JSON.stringify({ ...toAuditEntry(r), prevHash: r.prev_hash, hash: r.hash }) + '\n';
}

/**
 * The entries of `q` (oldest first) as the file's bytes. Refuses, before reading them, a period of more than
 * MAX_EXPORT_ENTRIES, and stops at MAX_EXPORT_BYTES: never a silently cut-off audit export.
 */
export function renderAuditExport(db: Db, q: AuditQuery, format: ExportFormat): { data: Buffer; entries: number } {
  // One read transaction: the count and the rows come from the same snapshot.
  const render = () => {
    const count = countAuditEntries(db, q);
    if (count > MAX_EXPORT_ENTRIES) {
      throw new PostkamerError(
        'invalid-input',
        `(de periode telt ${count} regels; een export bevat er hoogstens ${MAX_EXPORT_ENTRIES}: kies een kortere periode)`,
      );
    }
    const parts: Buffer[] = [];
    let bytes = 0;
    const push = (s: string) => {
      const b = Buffer.from(s, 'utf8');
      bytes += b.length;
      if (bytes > MAX_EXPORT_BYTES) {
        throw new PostkamerError(
          'invalid-input',
          `(de export wordt groter dan ${MAX_EXPORT_BYTES / 1024 / 1024} MB: kies een kortere periode)`,
        );
      }
      parts.push(b);
    };
    if (format === 'csv') push(csvLine([...CSV_COLUMNS]));
    let entries = 0;
    for (const r of iterateAuditEntries(db, q)) {
      push(format === 'csv' ? csvRecord(r) : jsonRecord(r));
      entries++;
    }
    return { data: Buffer.concat(parts), entries };
  };
  return db.inTransaction ? render() : db.transaction(render)();
}
