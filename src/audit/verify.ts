// Verifies the audit chain row by row and against its anchors outside the table; names the first bad entry and why.
import type { AuditProblem, AuditVerification } from '../contract/audit';
import type { Db } from '../store/db';
import { auditEntries, auditFirstSeqWrittenAfter, auditHashAt, auditHead, auditSeqWithHash, countAuditEntries } from '../store/audit-log';
import { entryHash, GENESIS } from './hash';

/** An anchor as read from outside the table (the MAC file, the OS keychain's copy), its MAC already checked. */
export type AnchorReading =
  | { state: 'absent' }
  | { state: 'invalid'; seq: number | null; reason: string }
  /** `at`: when the head was anchored; every row up to `seq` was written before. */
  | { state: 'valid'; seq: number; hash: string; at: string };

const range = (from: number, to: number) => (from === to ? `regel ${from} ontbreekt` : `regels ${from} t/m ${to} ontbreken`);

/** A verified entry to walk on from: its sequence number and hash. */
export interface ChainMark {
  seq: number;
  hash: string;
}

/** Rows hashed by every walk in this process: evidence (for tests and benchmarks) of how much a check read. */
export const auditRowsHashed = { count: 0 };

interface Walked {
  entries: number;
  headSeq: number | null;
  /** The hash of the last entry that verified (the start's when none followed). */
  headHash: string;
  problem: AuditProblem | null;
}

/** Walks the chain in sequence order from `start` (the beginning by default); the first problem, with the head seen so far. */
function walk(db: Db, start: ChainMark = { seq: 0, hash: GENESIS }): Walked {
  let prev = start.hash;
  let prevSeq = start.seq;
  let n = 0;
  for (const row of auditEntries(db, start.seq)) {
    auditRowsHashed.count++;
    if (entryHash(row.prev_hash, row) !== row.hash) {
      return stop(n, prevSeq, {
        seq: row.seq,
        kind: 'changed',
        message: `regel ${row.seq} is gewijzigd: de inhoud klopt niet meer met de hash`,
      });
    }
    if (row.prev_hash !== prev) {
      const follows = row.prev_hash === GENESIS ? 0 : auditSeqWithHash(db, row.prev_hash);
      if (follows !== null) {
        const after = follows === 0 ? 'het begin van de keten' : `regel ${follows}`;
        return stop(n, prevSeq, {
          seq: row.seq,
          kind: 'reordered',
          message: `regel ${row.seq} staat op de verkeerde plaats: hij volgt in de keten op ${after}, niet op regel ${prevSeq}`,
        });
      }
      if (row.seq > prevSeq + 1) {
        return stop(n, prevSeq, {
          seq: prevSeq + 1,
          kind: 'missing',
          message: `${range(prevSeq + 1, row.seq - 1)}: regel ${row.seq} verwijst naar een regel die er niet meer is`,
        });
      }
      // No gap, and the row it chains to is nowhere: the row before was changed and given a new hash (or rows were
      // deleted and the rest renumbered).
      return stop(n, prevSeq, {
        seq: prevSeq,
        kind: 'changed',
        message: `regel ${prevSeq} is gewijzigd en kreeg een nieuwe hash (of er is een regel verwijderd en doorgenummerd): regel ${row.seq} volgt er niet meer op`,
      });
    }
    if (row.seq !== prevSeq + 1) {
      return stop(n, prevSeq, {
        seq: prevSeq + 1,
        kind: 'missing',
        message: `${range(prevSeq + 1, row.seq - 1)}: de nummering springt van ${prevSeq} naar ${row.seq}`,
      });
    }
    prev = row.hash;
    prevSeq = row.seq;
    n++;
  }
  return { entries: n, headSeq: prevSeq === 0 ? null : prevSeq, headHash: prev, problem: null };
}

function stop(n: number, headSeq: number, problem: AuditProblem): Walked {
  return { entries: n, headSeq: headSeq === 0 ? null : headSeq, headHash: '', problem };
}

/** Whether the entry verified before is still there as it was; the problem when it is not. */
function checkMark(db: Db, mark: ChainMark): AuditProblem | null {
  const hash = auditHashAt(db, mark.seq);
  if (hash === mark.hash) return null;
  if (hash === null) {
    const head = auditHead(db)?.seq ?? 0;
    return head < mark.seq
      ? {
          seq: head + 1,
          kind: 'tail-removed',
          message: `regel ${mark.seq} was al gecontroleerd en is er niet meer: de laatste regels zijn verwijderd`,
        }
      : { seq: mark.seq, kind: 'missing', message: `regel ${mark.seq} was al gecontroleerd en ontbreekt nu` };
  }
  return {
    seq: mark.seq,
    kind: 'changed',
    message: `regel ${mark.seq} is gewijzigd sinds hij gecontroleerd werd: de hash klopt niet meer`,
  };
}

/** Whether the table still has the head an anchor names; the problem when it does not. */
function checkAnchor(db: Db, a: AnchorReading, headSeq: number | null): AuditProblem | null {
  if (a.state === 'absent') return null;
  if (a.state === 'invalid') {
    return { seq: a.seq ?? 0, kind: 'anchor-invalid', message: `het anker buiten de tabel is ongeldig: ${a.reason}` };
  }
  const hash = auditHashAt(db, a.seq);
  if (hash === a.hash) return null;
  // Rows up to the anchored one were all written before the anchoring: one of them written after it replaces a
  // removed one (new rows take the numbers of deleted ones).
  const replaced = auditFirstSeqWrittenAfter(db, a.at, a.seq);
  if (hash === null) {
    const first = Math.min(replaced ?? Infinity, (headSeq ?? 0) + 1);
    return {
      seq: first,
      kind: 'tail-removed',
      message: `het anker noemt regel ${a.seq} als laatste, de tabel heeft die niet meer: regels vanaf ${first} zijn verwijderd`,
    };
  }
  return {
    seq: replaced ?? a.seq,
    kind: 'tail-removed',
    message: `het anker noemt regel ${a.seq} met een andere inhoud: de laatste regels zijn verwijderd en door andere vervangen`,
  };
}

/** A check's outcome with the hash of its head, to record as verified when valid. */
export type ChainCheck = AuditVerification & { headHash: string | null };

/**
 * Walks the chain — the whole of it, or with `since` only the entries after that verified one (after checking that
 * it is unchanged) — then checks that the table still holds the head every anchor names. Run inside a transaction.
 */
export function checkAuditChain(db: Db, anchors: AnchorReading[], since: ChainMark | null = null): ChainCheck {
  const markProblem = since ? checkMark(db, since) : null;
  const w: Walked = markProblem ? stop(0, since!.seq, markProblem) : walk(db, since ?? undefined);
  const valid = anchors.filter((a): a is Extract<AnchorReading, { state: 'valid' }> => a.state === 'valid');
  const anchorSeq = valid.length === 0 ? null : Math.max(...valid.map((a) => a.seq));
  let problem = w.problem;
  for (const a of anchors) problem ??= checkAnchor(db, a, w.headSeq);
  const entries = problem || since ? countAuditEntries(db, {}) : w.entries;
  const headSeq = problem ? (auditHead(db)?.seq ?? null) : w.headSeq;
  const headHash = problem || headSeq === null ? null : w.headHash;
  return { valid: problem === null, entries, headSeq, anchored: problem === null && valid.length > 0, anchorSeq, problem, headHash };
}

/**
 * Walks the whole chain, then checks that the table still holds the head every anchor names. Read in one snapshot
 * (one read transaction); read the anchors BEFORE calling, so an anchor written meanwhile never names a row this
 * snapshot cannot see yet.
 */
export function verifyAuditChain(db: Db, anchors: AnchorReading[] = []): AuditVerification {
  const check = (): AuditVerification => {
    const { headHash: _, ...v } = checkAuditChain(db, anchors);
    return v;
  };
  return db.inTransaction ? check() : db.transaction(check)();
}
