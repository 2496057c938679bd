// Drives one claimed outbox row through its steps until it is done, needs a person, or must wait.
import { PostkamerError } from '../contract/errors';
import { createEio, uploadParts } from './deliver-eio';
import { createRol, noRoltype, refusedRol, roltypeFor, withRol } from './deliver-rol';
import { createZaak, resolveZaak } from './deliver-zaak';
import { SyncError, type SyncFailure } from './failure';
import { zaakIdentificatie } from './ids';
import { backoffMs, classify, mustLookUp, nextStep, type OutboxRow, type Step, type Verdict } from './outbox-machine';
import { release, saveProgress, type AuditNote } from './outbox';
import { clip, freeze } from './freeze';
import type { DeliverContext, Outcome } from './deliver-context';

export type { DeliverContext, Outcome } from './deliver-context';

// What the server cannot tell us again is recorded before it is relied on, and a create is preceded by a look-up
// whenever an earlier attempt of it may have reached the server unanswered (mustLookUp), so a crash (or a lost
// answer) at any point is repaired by running the row again. A first, undisturbed delivery sends only the creates:
//   - zaak: a reserved zaaknummer is recorded before the create; POST at once when reserved by this delivery, else
//     GET ?identificatie first and POST only when absent.
//   - Rol (a new zaak's initiator): every create is counted in the row (new_zaak) before it is sent; attempt 1 POSTs
//     at once, a later one first GETs ?zaak&roltype and adopts what it finds. A refusal does not hold the document.
//   - EIO: every create is counted in the row before it is sent (the first in the claim's commit). Attempt 1 POSTs
//     at once; a later one first GETs ?identificatie&bronorganisatie and reuses what it finds (after checking its
//     checksum). The identificatie and the content's SHA-256 are fixed (and on disk) before the first POST.
//   - parts: lock and parts recorded right after the 201; on resume GET the EIO, re-PUT only parts with
//     voltooid=false, then unlock (never force-unlock).
//   - ZIO: POST at once when the EIO was created by this delivery (nobody can have linked it yet), else GET
//     ?zaak&informatieobject first and reuse what it finds; `unique` = already linked.

class Wait extends Error {
  constructor(readonly ms: number) {
    super('wait');
  }
}

class LostLease extends Error {}

/** Runs `row`, claimed by ctx.owner through claimDue (which counted the EIO create it may send), as far as it goes now. */
export async function deliver(ctx: DeliverContext, initial: OutboxRow): Promise<Outcome> {
  let row = initial;
  let again = 0;
  let reauth = 0;
  /** Parts in `row` are as the server just returned them (no GET needed before uploading). */
  let partsFresh = false;
  /** What this delivery made itself, and the creates it sent (see mustLookUp). */
  let reservedHere = false;
  let eioCreatedHere = false;
  const sent = { zaak: 0, eio: 0, zio: 0 };
  /** Progress not yet written: it goes with the next save (see `save`). */
  let carry: Partial<OutboxRow> = {};
  let carryAudit: AuditNote[] = [];
  /**
   * Records in one commit what is carried plus `patch`. Most progress is only carried in memory: what the server
   * holds can always be found again by look-up (identificatie, zaak + informatieobject), so it needs no commit of
   * its own — a later delivery looks up, because the EIO create was counted before it went out. Written at once are
   * only what the server cannot give back or what decides a look-up: the frozen content, a reserved zaaknummer and
   * an EIO attempt (before the request that uses them), a lock with its parts (right after the 201), and the end.
   */
  const save = async (patch: Partial<OutboxRow>, audit?: AuditNote, end = false) => {
    const full = { ...carry, ...patch };
    const audits = audit ? [...carryAudit, audit] : carryAudit;
    const ok = await ctx.commit(() =>
      (end ? release : saveProgress)(ctx.store.db, row.documentId, ctx.owner, full, ctx.now(), audits, ctx.leaseMs),
    );
    if (!ok) throw new LostLease();
    carry = {};
    carryAudit = [];
    row = { ...row, ...full };
  };
  const remember = (patch: Partial<OutboxRow>, audit?: AuditNote) => {
    carry = { ...carry, ...patch };
    if (audit) carryAudit.push(audit);
    row = { ...row, ...patch };
  };

  for (;;) {
    const step = nextStep(row);
    if (step === null) {
      await save({}, undefined, true);
      return row.state === 'done'
        ? { kind: 'done' }
        : { kind: 'attention', code: row.lastErrorCode ?? 'attention', message: row.lastError ?? '' };
    }
    try {
      const c = ctx.clients(row.env, row.actor);
      if (step !== 'freeze' && step !== 'resolve-zaak' && (carry.sha256 !== undefined || carry.zaakIdentificatie !== undefined))
        await save({});
      switch (step) {
        case 'freeze': {
          const frozen = freeze(ctx.store, row);
          if (frozen === 'processing') throw new Wait(5_000);
          remember(frozen);
          break;
        }
        case 'reserve-zaaknummer': {
          const reserved = await c.zaken.reserveZaaknummer(c.conn.rsin);
          ctx.checkpoint('after-reserve-zaaknummer');
          // A reserved number cannot be asked for again: record it before it is used.
          await save({ zaakIdentificatie: reserved ?? zaakIdentificatie(row.documentId) });
          reservedHere = reserved !== null;
          break;
        }
        case 'create-zaak': {
          const lookUp = mustLookUp({ create: 'zaak', fresh: reservedHere, triedHere: sent.zaak++ });
          remember(...(await createZaak(ctx, c, row, lookUp)));
          break;
        }
        case 'create-rol': {
          const roltype = await roltypeFor(ctx, c, row);
          if (!roltype) {
            remember(...noRoltype(row));
            break;
          }
          const attempt = (row.newZaak!.rol?.attempts ?? 0) + 1;
          await save(withRol(row, { attempts: attempt }));
          try {
            remember(...(await createRol(ctx, c, row, roltype, mustLookUp({ create: 'rol', attempt }))));
          } catch (e) {
            // Refused for good: the zaak and the document go ahead without the Rol (the toelichting names the initiator).
            const verdict = e instanceof SyncError ? classify(e.failure, step) : null;
            if (verdict?.kind !== 'permanent') throw e;
            remember(...refusedRol(row, verdict.code));
          }
          break;
        }
        case 'resolve-zaak':
          remember(await resolveZaak(ctx, c, row));
          break;
        case 'create-eio': {
          // Every create is on disk before it is sent: the claim counted this delivery's first; a later one (after
          // an "already exists" or an expired token) is counted here.
          if (sent.eio++ > 0 || row.eioAttempts === 0) await save({ eioAttempts: row.eioAttempts + 1 });
          const [patch, audit, created] = await createEio(ctx, c, row, mustLookUp({ create: 'eio', attempt: row.eioAttempts }));
          eioCreatedHere = created;
          // A lock exists only in this answer (in the standard): it must survive a crash.
          if (patch.lock) await save(patch, audit);
          else remember(patch, audit);
          partsFresh = patch.state === 'document-created' && patch.parts !== undefined;
          break;
        }
        case 'upload-parts': {
          const fresh = partsFresh;
          partsFresh = false;
          await uploadParts(ctx, c, row, fresh, remember);
          break;
        }
        case 'link': {
          const lookUp = mustLookUp({ create: 'zio', fresh: eioCreatedHere, triedHere: sent.zio++ });
          let zioUrl = lookUp ? (await c.zaken.findZios(row.zaakUrl!, row.eioUrl!))[0]?.url : undefined;
          if (!zioUrl) {
            const created = await c.zaken.createZio({
              zaak: row.zaakUrl!,
              informatieobject: row.eioUrl!,
              titel: clip(row.titel ?? '', 200) || undefined,
            });
            ctx.checkpoint('after-create-zio');
            zioUrl = created.url;
          }
          if (row.previousZioUrl && row.previousZioUrl !== zioUrl) {
            await save({ zioUrl, state: 'linked' }, { action: 'zgw.outbox.linked', result: 'ok' });
          } else {
            // Linked and nothing left to undo: done in the same commit (the `linked` state only lives while an old
            // link still has to be removed).
            ctx.finishing?.();
            await save(
              {
                zioUrl,
                state: 'done',
                doneAt: new Date(ctx.now()).toISOString(),
                previousZioUrl: null,
                lastError: null,
                lastErrorCode: null,
              },
              { action: 'zgw.outbox.done', result: 'ok', details: { attempts: row.attempts } },
              true,
            );
            return { kind: 'done' };
          }
          break;
        }
        case 'finish': {
          let note: Partial<OutboxRow> = { lastError: null, lastErrorCode: null };
          if (row.previousZioUrl && row.previousZioUrl !== row.zioUrl) {
            const removed = await c.zaken.deleteZio(row.previousZioUrl);
            if (!removed)
              note = {
                lastErrorCode: 'zgw-old-link-kept',
                lastError:
                  'Gekoppeld aan de nieuwe zaak; het zaaksysteem kan de koppeling met de vorige zaak niet verwijderen. Laat die door de beheerder verwijderen.',
              };
          }
          await save(
            { state: 'done', doneAt: new Date(ctx.now()).toISOString(), previousZioUrl: null, ...note },
            { action: 'zgw.outbox.done', result: 'ok', details: { attempts: row.attempts, relinked: true } },
            true,
          );
          return { kind: 'done' };
        }
      }
      again = 0;
    } catch (e) {
      if (e instanceof LostLease) return { kind: 'lost-lease' };
      try {
        if (e instanceof Wait) {
          const at = ctx.now() + e.ms;
          await save({ nextAttemptAt: at }, undefined, true);
          return { kind: 'waiting', at };
        }
        const verdict = judge(e, step);
        if (verdict.kind === 'again' && ++again <= 3) continue;
        if (verdict.kind === 'reauth' && ++reauth <= 1) continue;
        const [patch, audit, outcome] = settle(ctx, row, verdict, step);
        await save(patch, audit, true);
        return outcome;
      } catch (e2) {
        if (e2 instanceof LostLease) return { kind: 'lost-lease' };
        throw e2;
      }
    }
  }
}

function judge(e: unknown, step: Step): Verdict {
  if (e instanceof SyncError) return classify(e.failure, step);
  if (e instanceof PostkamerError && e.code === 'blob-integrity') return { kind: 'permanent', code: e.code, message: e.message };
  if (e instanceof PostkamerError && e.code === 'zgw-not-configured')
    return { kind: 'transient', code: e.code, message: e.message, offline: false };
  // A bug or an unexpected local failure: keep the document queued and say so, without details that may be personal.
  process.stderr.write(`[postkamer] sync step ${step} failed: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message?.slice(0, 200)}\n`);
  return {
    kind: 'transient',
    code: 'internal',
    message: 'Interne fout bij het versturen; wordt later opnieuw geprobeerd.',
    offline: false,
  };
}

/** What a failure leaves in the row: attention (a person must act) or a retry after a backoff. */
function settle(ctx: DeliverContext, row: OutboxRow, verdict: Verdict, step: Step): [Partial<OutboxRow>, AuditNote | undefined, Outcome] {
  const now = ctx.now();
  if (verdict.kind === 'permanent') {
    return [
      { state: 'attention', lastErrorCode: verdict.code, lastError: verdict.message, attempts: row.attempts + 1 },
      { action: 'zgw.outbox.attention', result: 'rejected', details: { code: verdict.code, step } },
      { kind: 'attention', code: verdict.code, message: verdict.message },
    ];
  }
  // transient, or an 'again'/'reauth' that kept happening
  const t =
    verdict.kind === 'transient'
      ? verdict
      : verdict.kind === 'reauth'
        ? {
            code: 'zgw-clock',
            message: 'Het zaaksysteem weigert het toegangstoken als verlopen; controleer de klok van deze computer.',
            offline: false,
            retryAfterMs: undefined,
          }
        : {
            code: verdict.code,
            message: 'Het zaaksysteem gaf tegenstrijdige antwoorden; wordt later opnieuw geprobeerd.',
            offline: false,
            retryAfterMs: undefined,
          };
  const attempts = row.attempts + 1;
  const at = now + backoffMs(attempts, ctx.random, ctx.backoff, t.retryAfterMs);
  return [
    { attempts, nextAttemptAt: at, lastErrorCode: t.code, lastError: t.message },
    undefined,
    { kind: 'retry', code: t.code, message: t.message, offline: t.offline, at, retryAfterMs: t.retryAfterMs },
  ];
}

export type { SyncFailure };
