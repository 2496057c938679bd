// A scan batch's dossier as it is recorded (opened with the batch: who, where, which profile and software; the
// scanner's own identity added while it scans) and as the contract shows it.
import { workstationName } from '../audit/audit';
import type { BatchDossier } from '../contract/vervanging';
import { ocrEngineIdentity } from '../recognise/engine-identity';
import { batchEvents, dossierRow, insertDossier, setDossierScanner, type DossierRow } from '../store/batch-dossier';
import type { Db } from '../store/db';
import { personByLogin } from '../store/people';
import { profileByName } from './profiles';
import { version } from './version';

/** Opens the dossier of a batch being created, in the caller's transaction. */
export function openDossier(
  db: Db,
  d: { batchId: string; actor: string; origin: string; source: string; profile: string | null; at: string },
): void {
  // The profile the batch is processed with (the first one when none was named, as buildContextFor does).
  const p = profileByName(db, d.profile);
  insertDossier(db, {
    batchId: d.batchId,
    scannedBy: d.actor,
    scannedByName: personByLogin(db, d.actor)?.name ?? d.actor,
    origin: d.origin,
    workstation: workstationName(),
    startedAt: d.at,
    scanner: { kind: d.source, device: null, make: null, model: null, serial: null },
    profile: {
      name: p.name,
      resolution: p.resolution,
      colour: p.colour,
      // How page images are kept: lossless (PNG / Flate) or standard (JPEG for colour and gray).
      compression: p.imageMode === 'lossless' ? 'verliesvrij' : 'standaard (JPEG)',
      duplex: p.duplex,
      source: p.source,
      blankPages: p.blankPages,
      separatorSheets: p.separatorSheets,
      patchT: p.patchT,
      locked: p.locked,
    },
    software: { postkamer: version, ...ocrEngineIdentity() },
  });
}

/** What the scanner reported about itself (eSCL capabilities, the SANE device list); kept while the dossier is open. */
export function recordScanner(
  db: Db,
  batchId: string,
  s: { kind: string; device: string | null; make: string | null; model: string | null; serial: string | null },
): void {
  setDossierScanner(db, batchId, s);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/** The dossier as the contract shows it; null for a batch made before dossiers existed. */
export function dossierView(
  db: Db,
  batchId: string,
  row: DossierRow | undefined = dossierRow(db, batchId),
  withEvents = true,
): BatchDossier | null {
  if (!row) return null;
  const scanner = JSON.parse(row.scanner) as Record<string, unknown>;
  const profile = JSON.parse(row.profile) as Record<string, unknown>;
  const software = JSON.parse(row.software) as Record<string, unknown>;
  const name = (login: string) => personByLogin(db, login)?.name ?? login;
  return {
    batchId,
    scannedBy: { login: row.scanned_by, name: row.scanned_by_name },
    origin: row.origin,
    workstation: row.workstation,
    startedAt: row.started_at,
    closedAt: row.closed_at,
    scanner: {
      kind: String(scanner.kind ?? ''),
      device: str(scanner.device),
      make: str(scanner.make),
      model: str(scanner.model),
      serial: str(scanner.serial),
    },
    profile: {
      name: str(profile.name),
      resolution: num(profile.resolution),
      colour: str(profile.colour),
      compression: str(profile.compression),
      duplex: bool(profile.duplex),
      source: str(profile.source),
      blankPages: str(profile.blankPages),
      separatorSheets: bool(profile.separatorSheets),
      patchT: bool(profile.patchT),
      locked: bool(profile.locked),
    },
    software: {
      postkamer: String(software.postkamer ?? ''),
      ocrEngine: String(software.ocrEngine ?? ''),
      ocrModel: String(software.ocrModel ?? ''),
    },
    pages: {
      in: row.pages_in ?? 0,
      out: row.pages_out ?? 0,
      blankRemoved: row.blank_removed ?? 0,
      blankFlagged: row.blank_flagged ?? 0,
      separatorSheets: row.separator_sheets ?? 0,
    },
    documents: row.documents ?? 0,
    ...flagsOf(row.qc_flags),
    events: withEvents
      ? batchEvents(db, batchId).map((e) => ({
          at: e.at,
          by: e.by,
          byName: name(e.by),
          kind: e.kind,
          page: e.page,
          detail: e.kind === 'qc-judge' ? (e.verdict === 'goed' ? 'goed' : `fout: ${e.reason ?? ''}`) : e.detail,
        }))
      : [],
  };
}

/** The dossier's recorded flags: `{ counts, pages }`. */
function flagsOf(json: string | null): Pick<BatchDossier, 'qcFlags' | 'flaggedPages'> {
  const v = json ? (JSON.parse(json) as { counts?: Record<string, number>; pages?: { page: number; flags: string[] }[] }) : {};
  return { qcFlags: v.counts ?? {}, flaggedPages: v.pages ?? [] };
}
