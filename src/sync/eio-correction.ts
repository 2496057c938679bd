// Sends a correction of a delivered document's EIO exactly once: lock → PATCH with the lock → unlock, each step on disk
// before the next.
import { PostkamerError } from '../contract/errors';
import { appendAudit } from '../audit/audit';
import type { Db } from '../store/db';
import {
  rearmCorrections,
  selectCorrectionCandidates,
  updateCorrection,
  updateLeasedCorrection,
  type CorrectionTarget,
  type EioCorrection,
} from '../store/eio-corrections';
import type { DeliverContext } from './deliver-context';
import { alreadyApplied, correctionPatch } from './eio-correction-body';
import { isExpiredToken, SyncError } from './failure';
import { holderIsDead, LEASE_MS, type AuditNote, type Who } from './outbox';
import { backoffMs, classify, type Verdict } from './outbox-machine';

// States: pending → locking (a lock request may be out) → locked (our lock on disk) → patched (the server holds the
// new values) → done; a refusal while we hold the lock goes through `releasing` (unlock) to `attention`.
//   - A crash after the lock request, before its answer was recorded: the server holds a lock we do not know. The
//     next lock request meets `existing-lock`: attention (only a force-unlock can lift an unknown lock).
//   - A crash or a lost answer around the PATCH: the next run GETs the EIO under our lock and sends the PATCH only
//     when a changed field does not have its new value yet (new content: when integriteit does not carry its
//     SHA-256), so the server makes exactly one new version.
//   - Our lock gone (the EIO is unlocked, or the PATCH answers `unlocked`): lock again. The unlock answered
//     `unlocked` or `incorrect-lock-id`: our lock is gone already, the correction is in — done.

export type CorrectionOutcome =
  | { kind: 'done' }
  | { kind: 'attention'; code: string; message: string }
  | { kind: 'retry'; code: string; at: number }
  | { kind: 'lost-lease' };

class LostLease extends Error {}

const LOCKED_BY_OTHER =
  'Het document is in het zaaksysteem vergrendeld door een andere toepassing; de correctie kan pas worden verstuurd als dat ' +
  "slot is opgeheven. Een slot dat Postkamer niet kent, kan alleen een beheerder met de bevoegdheid 'geforceerd ontgrendelen' " +
  'opheffen; probeer het daarna opnieuw.';
const LOCKED_UNKNOWN =
  'Het document is in het zaaksysteem vergrendeld, mogelijk door een eerder verzoek van Postkamer waarvan het antwoord ' +
  "verloren ging. Dat slot is onbekend en kan alleen door een beheerder met de bevoegdheid 'geforceerd ontgrendelen' worden " +
  'opgeheven; probeer het daarna opnieuw.';
const LOCK_TAKEN =
  'Het slot van Postkamer op het document in het zaaksysteem is opgeheven en een ander heeft het document nu vergrendeld; ' +
  'probeer de correctie opnieuw zodra dat slot is opgeheven.';

/** The server refused with this validation code (400 with invalidParams[].code). */
function refusedWith(e: unknown, code: string): boolean {
  if (!(e instanceof SyncError) || e.failure.kind !== 'http' || e.failure.status !== 400) return false;
  return (e.failure.problem?.invalidParams ?? []).some((p) => p.code === code);
}

export { alreadyApplied } from './eio-correction-body';

/**
 * Takes up to `limit` corrections that may be sent now (see selectCorrectionCandidates) and are not leased by a live
 * worker. One IMMEDIATE transaction.
 */
export function claimCorrections(
  db: Db,
  owner: string,
  limit: number,
  nowMs: number,
  opts: { envs: string[]; leaseMs?: number },
): CorrectionTarget[] {
  if (limit <= 0 || opts.envs.length === 0) return [];
  return db
    .transaction(() => {
      const out: CorrectionTarget[] = [];
      for (const c of selectCorrectionCandidates(db, { nowMs, envs: opts.envs, limit: limit * 4 })) {
        if (out.length >= limit) break;
        const h = c.claimedBy;
        if (!(h === null || h === owner || (c.claimedUntil ?? 0) < nowMs || holderIsDead(h))) continue;
        const lease = { claimedBy: owner, claimedUntil: nowMs + (opts.leaseMs ?? LEASE_MS) };
        updateCorrection(db, c.id, lease);
        out.push({ ...c, ...lease });
      }
      return out;
    })
    .immediate();
}

/** Makes a document's corrections in attention due again (a person lifted the lock, fixed a value); audited. */
export function retryCorrections(db: Db, documentId: string, who: Who, now = new Date()): number {
  return db
    .transaction(() => {
      const n = rearmCorrections(db, documentId, now.toISOString());
      if (n > 0)
        appendAudit(db, {
          actor: who.actor,
          origin: who.origin,
          action: 'zgw.eio.correction-retry',
          objectType: 'document',
          objectId: documentId,
          result: 'ok',
          details: { corrections: n },
        });
      return n;
    })
    .immediate();
}

/** Runs one claimed correction as far as it goes now. */
export async function applyCorrection(ctx: DeliverContext, initial: CorrectionTarget): Promise<CorrectionOutcome> {
  let c = initial;
  let reauth = 0;
  let relocks = 0;
  const fields = Object.keys(c.changes).join(',');

  /** Records `patch` (and its audit) while we hold the lease; `end` gives the lease up. */
  const save = async (patch: Partial<EioCorrection>, audit?: AuditNote, end = false) => {
    const nowMs = ctx.now();
    const full = {
      ...patch,
      updatedAt: new Date(nowMs).toISOString(),
      ...(end ? { claimedBy: null, claimedUntil: null } : { claimedUntil: nowMs + ctx.leaseMs }),
    };
    const ok = await ctx.commit(() => {
      if (!updateLeasedCorrection(ctx.store.db, c.id, ctx.owner, full)) return false;
      if (audit)
        appendAudit(ctx.store.db, {
          actor: c.requestedBy,
          origin: 'sync',
          action: audit.action,
          objectType: 'document',
          objectId: c.documentId,
          result: audit.result,
          details: audit.details,
        });
      return true;
    });
    if (!ok) throw new LostLease();
    c = { ...c, ...full };
  };
  /** Our lock is gone (lifted by force): lock again — a few times per run, then later, as for a server fault. */
  const relock = async () => {
    await save({ state: 'pending', lock: null });
    if (++relocks > 2) throw new SyncError({ kind: 'invalid-response', detail: 'het slot op het document werd steeds opgeheven' });
  };
  const attention = async (code: string, message: string, patch: Partial<EioCorrection> = {}): Promise<CorrectionOutcome> => {
    await save(
      { ...patch, state: 'attention', lastErrorCode: code, lastError: message, attempts: c.attempts + 1 },
      { action: 'zgw.eio.correction-attention', result: 'rejected', details: { code, fields } },
      true,
    );
    return { kind: 'attention', code, message };
  };

  for (;;) {
    try {
      const api = ctx.clients(c.env, c.requestedBy).documenten;
      switch (c.state) {
        case 'pending':
        case 'locking': {
          const sentBefore = c.state === 'locking';
          if (!sentBefore) await save({ state: 'locking' });
          let lock: string;
          try {
            lock = await api.lock(c.eioUrl);
          } catch (e) {
            if (refusedWith(e, 'existing-lock')) return await attention('zgw-eio-locked', sentBefore ? LOCKED_UNKNOWN : LOCKED_BY_OTHER);
            throw e;
          }
          ctx.checkpoint('after-correction-lock');
          // The lock exists only in this answer: on disk before anything is sent under it.
          await save({ state: 'locked', lock });
          ctx.checkpoint('after-correction-locked');
          break;
        }
        case 'locked': {
          const now = await api.getDescriptive(c.eioUrl);
          if (!now.locked) {
            await relock();
            break;
          }
          const patched = !alreadyApplied(now, c.changes);
          if (patched) {
            // New content is read from the vault and checked only now, when it is about to be sent.
            const { body, content } = correctionPatch(ctx.store, c.changes, c.createdAt);
            try {
              await api.patch(c.eioUrl, body, c.lock!, content);
            } catch (e) {
              if (refusedWith(e, 'unlocked')) {
                await relock();
                break;
              }
              if (refusedWith(e, 'incorrect-lock-id')) return await attention('zgw-eio-locked', LOCK_TAKEN, { lock: null });
              throw e;
            }
            ctx.checkpoint('after-correction-patch');
          }
          await save({ state: 'patched' }, { action: 'zgw.eio.corrected', result: 'ok', details: { fields, patched } });
          break;
        }
        case 'patched':
        case 'releasing': {
          if (c.lock !== null) {
            try {
              await api.unlock(c.eioUrl, c.lock);
            } catch (e) {
              // Our lock is gone already (an unlock whose answer was lost, or lifted by force): nothing left to lift.
              if (!refusedWith(e, 'unlocked') && !refusedWith(e, 'incorrect-lock-id')) throw e;
            }
            ctx.checkpoint('after-correction-unlock');
          }
          if (c.state === 'releasing') return await attention(c.lastErrorCode ?? 'zgw-rejected', c.lastError ?? '', { lock: null });
          const doneAt = new Date(ctx.now()).toISOString();
          await save({ state: 'done', lock: null, doneAt, lastErrorCode: null, lastError: null }, undefined, true);
          return { kind: 'done' };
        }
        case 'done':
        case 'attention': // not claimed in these states; give the lease back
          await save({}, undefined, true);
          return c.state === 'done' ? { kind: 'done' } : { kind: 'attention', code: c.lastErrorCode ?? '', message: c.lastError ?? '' };
      }
    } catch (e) {
      if (e instanceof LostLease) return { kind: 'lost-lease' };
      try {
        const verdict = judge(e);
        if (verdict.kind === 'reauth' && ++reauth <= 1) continue;
        if (verdict.kind === 'permanent') {
          // Refused while we hold the lock: lift it first, then ask a person.
          if (c.lock !== null) {
            await save({ state: 'releasing', lastErrorCode: verdict.code, lastError: verdict.message });
            continue;
          }
          return await attention(verdict.code, verdict.message);
        }
        const t = verdict.kind === 'transient' ? verdict : { code: 'zgw-clock', retryAfterMs: undefined, message: CLOCK };
        const attempts = c.attempts + 1;
        const at = ctx.now() + backoffMs(attempts, ctx.random, ctx.backoff, t.retryAfterMs);
        // While releasing, the refusal that brought us there stays the reason shown.
        const why = c.state === 'releasing' ? {} : { lastErrorCode: t.code, lastError: t.message };
        await save({ attempts, nextAttemptAt: at, ...why }, undefined, true);
        return { kind: 'retry', code: t.code, at };
      } catch (e2) {
        if (e2 instanceof LostLease) return { kind: 'lost-lease' };
        throw e2;
      }
    }
  }
}

const CLOCK = 'Het zaaksysteem weigert het toegangstoken als verlopen; controleer de klok van deze computer.';

const FORBIDDEN =
  'Het zaaksysteem staat deze wijziging van het document niet toe (403). Is de zaak afgesloten, dan is daarvoor de ' +
  "autorisatie 'zaken.geforceerd-bijwerken' nodig; anders mist de koppeling de autorisatie 'documenten.bijwerken' voor dit " +
  'documenttype of deze vertrouwelijkheid. Vraag de beheerder de autorisatie aan te passen en probeer het daarna opnieuw.';

function judge(e: unknown): Verdict {
  // A 403 on a correction concerns this document (a closed zaak, a type or confidentiality the token may not touch),
  // not the connection (which just delivered it): a person decides, it is not retried on and on.
  if (e instanceof SyncError && e.failure.kind === 'http' && e.failure.status === 403 && !isExpiredToken(e.failure)) {
    return { kind: 'permanent', code: 'zgw-forbidden', message: FORBIDDEN };
  }
  // 'finish' has no "look up again" codes: every 400 here is a refusal for a person to read.
  if (e instanceof SyncError) return classify(e.failure, 'finish');
  if (e instanceof PostkamerError && e.code === 'zgw-not-configured')
    return { kind: 'transient', code: e.code, message: e.message, offline: false };
  process.stderr.write(`[postkamer] EIO correction failed: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message?.slice(0, 200)}\n`);
  return {
    kind: 'transient',
    code: 'internal',
    message: 'Interne fout bij het versturen; wordt later opnieuw geprobeerd.',
    offline: false,
  };
}
