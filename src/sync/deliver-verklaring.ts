// Delivers an approved batch's verklaring van vervanging to one zaak exactly once: its EIO (inline content), then the
// zaakinformatieobject, each step on disk before the next.
import { createHash } from 'node:crypto';
import { PostkamerError } from '../contract/errors';
import { appendAudit } from '../audit/audit';
import { getSetting } from '../store/settings';
import { updateLeasedVerklaringDelivery, type VerklaringDelivery, type VerklaringTarget } from '../store/verklaring-deliveries';
import type { ZgwClients } from './clients';
import type { EioCreateRequest } from './clients/documenten';
import { amsterdamDate } from './dates';
import type { DeliverContext } from './deliver-context';
import { SettingRefusal, verklaringType } from './deliver-verklaring-type';
import { local } from './deliver-zaak';
import { isExpiredToken, SyncError } from './failure';
import { clip } from './freeze';
import type { AuditNote } from './outbox';
import { backoffMs, classify, judgeFoundEio, mustLookUp, type Verdict } from './outbox-machine';

// States: pending → eio-created (its URL on disk) → done; attention for what a person must fix.
//   - EIO: every create is counted (eio_attempts) before it is sent; when an earlier one may have reached the server
//     (a crash, a reset, a timeout, `identificatie-niet-uniek`), the next first GETs ?identificatie and adopts what
//     it finds (after checking its checksum and size). The identificatie is fixed when the row is made.
//   - ZIO: POSTed at once when this run created the EIO (nobody can have linked it yet), else GET ?zaak&informatieobject
//     first and reuse what it finds; `unique` = already linked.

export type VerklaringOutcome =
  | { kind: 'done' }
  | { kind: 'attention'; code: string; message: string }
  | { kind: 'retry'; code: string; at: number }
  | { kind: 'lost-lease' };

class LostLease extends Error {}

const FORBIDDEN =
  'Het zaaksysteem staat Postkamer niet toe de verklaring van vervanging bij deze zaak te leggen (403). Vraag de ' +
  "beheerder de koppeling de autorisaties 'documenten.aanmaken' voor dit documenttype en deze vertrouwelijkheid en " +
  "'zaken.bijwerken' voor het zaaktype te geven, en probeer het daarna opnieuw.";
const CHANGED =
  'De verklaring van vervanging van deze batch is in de lokale opslag beschadigd of niet meer dezelfde als toen ze werd ' +
  'gemaakt (de controlesom SHA-256 of de grootte wijkt af); er is niets naar het zaaksysteem gestuurd. Neem contact op ' +
  'met de beheerder.';

/** The verklaring's bytes from the vault, refused unless they are what was recorded when it was made. */
function contentOf(ctx: DeliverContext, d: VerklaringTarget): Buffer {
  let bytes: Buffer;
  try {
    bytes = ctx.store.vault.read(d.blobId);
  } catch (e) {
    if (e instanceof PostkamerError && (e.code === 'blob-integrity' || e.code === 'not-found')) throw local('blob-integrity', CHANGED);
    throw e;
  }
  if (bytes.length !== d.size || createHash('sha256').update(bytes).digest('hex') !== d.sha256) throw local('blob-integrity', CHANGED);
  return bytes;
}

/** The EIO's author: the organisation (setting archiefvormer) when set, else Postkamer. */
function auteur(ctx: DeliverContext): string {
  try {
    const v: unknown = JSON.parse(getSetting(ctx.store.db, 'archiefvormer') ?? 'null');
    if (typeof v === 'string' && v.trim() !== '') return clip(v.trim(), 200);
  } catch {
    // an unreadable setting is as good as none
  }
  return 'Postkamer';
}

const titleOf = (d: VerklaringTarget) => clip(`Verklaring van vervanging ${d.label}`, 200);

async function createEio(ctx: DeliverContext, c: ZgwClients, d: VerklaringTarget, type: { url: string; vertrouwelijkheid: string }) {
  const datum = amsterdamDate(new Date(d.madeAt));
  const safe = d.label.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || d.batchId.slice(0, 8);
  const body: Omit<EioCreateRequest, 'inhoud'> = {
    identificatie: d.identificatie,
    bronorganisatie: c.conn.rsin,
    creatiedatum: datum,
    titel: titleOf(d),
    auteur: auteur(ctx),
    status: 'definitief',
    formaat: 'application/pdf',
    taal: 'dut',
    bestandsnaam: clip(`verklaring-van-vervanging-${safe}`, 251) + '.pdf',
    bestandsomvang: d.size,
    informatieobjecttype: type.url,
    vertrouwelijkheidaanduiding: type.vertrouwelijkheid as EioCreateRequest['vertrouwelijkheidaanduiding'],
    indicatieGebruiksrecht: false,
    integriteit: { algoritme: 'sha_256', waarde: d.sha256, datum },
  };
  return c.documenten.create(body, contentOf(ctx, d));
}

/** Runs one claimed delivery as far as it goes now. */
export async function deliverVerklaring(ctx: DeliverContext, initial: VerklaringTarget): Promise<VerklaringOutcome> {
  let d = initial;
  const key = { batchId: d.batchId, zaakUrl: d.zaakUrl };
  let again = 0;
  let reauth = 0;
  /** The EIO was created by this run: nobody can have linked it yet. */
  let createdHere = false;
  let zioSent = 0;

  /** Records `patch` (and its audit) while we hold the lease; `end` gives the lease up. */
  const save = async (patch: Partial<VerklaringDelivery>, audit?: AuditNote, end = false) => {
    const nowMs = ctx.now();
    const full = {
      ...patch,
      updatedAt: new Date(nowMs).toISOString(),
      ...(end ? { claimedBy: null, claimedUntil: null } : { claimedUntil: nowMs + ctx.leaseMs }),
    };
    const ok = await ctx.commit(() => {
      if (!updateLeasedVerklaringDelivery(ctx.store.db, key, ctx.owner, full)) return false;
      if (audit)
        appendAudit(ctx.store.db, {
          actor: d.actor,
          origin: 'sync',
          action: audit.action,
          objectType: 'batch',
          objectId: d.batchId,
          result: audit.result,
          details: { zaak: d.zaaknummer ?? d.zaakUrl, ...audit.details },
        });
      return true;
    });
    if (!ok) throw new LostLease();
    d = { ...d, ...full };
  };

  for (;;) {
    try {
      const c = ctx.clients(d.env, d.actor);
      switch (d.state) {
        case 'pending': {
          const found = d.eioAttempts > 0 ? await c.documenten.findByIdentificatie(d.identificatie, c.conn.rsin) : null;
          if (found) {
            if (judgeFoundEio(found, d.sha256, d.size) === 'different')
              throw local(
                'zgw-identificatie-bezet',
                `Er staat al een ander document met identificatie ${d.identificatie} in het zaaksysteem (andere inhoud). Neem contact op met de beheerder.`,
              );
            await save({ state: 'eio-created', eioUrl: found.url }, { action: 'zgw.verklaring.found', result: 'ok' });
            break;
          }
          const type = await verklaringType(ctx, c, d.env, d.zaakUrl);
          // Counted before it is sent: a later attempt looks for it first.
          await save({ eioAttempts: d.eioAttempts + 1, documenttype: type.spec });
          const created = await createEio(ctx, c, d, type);
          ctx.checkpoint('after-verklaring-eio');
          createdHere = true;
          await save(
            { state: 'eio-created', eioUrl: created.url },
            { action: 'zgw.verklaring.created', result: 'ok', details: { size: d.size } },
          );
          break;
        }
        case 'eio-created': {
          const lookUp = mustLookUp({ create: 'zio', fresh: createdHere, triedHere: zioSent });
          let zioUrl = lookUp ? (await c.zaken.findZios(d.zaakUrl, d.eioUrl!))[0]?.url : undefined;
          if (!zioUrl) {
            zioSent++;
            zioUrl = (await c.zaken.createZio({ zaak: d.zaakUrl, informatieobject: d.eioUrl!, titel: titleOf(d) })).url;
            ctx.checkpoint('after-verklaring-zio');
          }
          const doneAt = new Date(ctx.now()).toISOString();
          await save(
            { state: 'done', zioUrl, doneAt, lastErrorCode: null, lastError: null },
            { action: 'zgw.verklaring.delivered', result: 'ok', details: { found: lookUp && zioSent === 0 } },
            true,
          );
          return { kind: 'done' };
        }
        case 'done':
        case 'attention': // not claimed in these states; give the lease back
          await save({}, undefined, true);
          return d.state === 'done' ? { kind: 'done' } : { kind: 'attention', code: d.lastErrorCode ?? '', message: d.lastError ?? '' };
      }
      again = 0;
    } catch (e) {
      if (e instanceof LostLease) return { kind: 'lost-lease' };
      try {
        const verdict = judge(e, d.state === 'pending' ? 'create-eio' : 'link');
        // 'again': the object may exist already — the next turn looks it up (the create was counted, or zioSent > 0).
        if (verdict.kind === 'again' && ++again <= 3) continue;
        if (verdict.kind === 'reauth' && ++reauth <= 1) continue;
        if (verdict.kind === 'permanent') {
          const spec = e instanceof SettingRefusal ? { documenttype: e.spec } : {};
          await save(
            { ...spec, state: 'attention', lastErrorCode: verdict.code, lastError: verdict.message, attempts: d.attempts + 1 },
            { action: 'zgw.verklaring.attention', result: 'rejected', details: { code: verdict.code } },
            true,
          );
          return { kind: 'attention', code: verdict.code, message: verdict.message };
        }
        const t =
          verdict.kind === 'transient'
            ? verdict
            : verdict.kind === 'reauth'
              ? { code: 'zgw-clock', message: CLOCK, retryAfterMs: undefined }
              : {
                  code: verdict.code,
                  message: 'Het zaaksysteem gaf tegenstrijdige antwoorden; wordt later opnieuw geprobeerd.',
                  retryAfterMs: undefined,
                };
        const attempts = d.attempts + 1;
        const at = ctx.now() + backoffMs(attempts, ctx.random, ctx.backoff, t.retryAfterMs);
        await save({ attempts, nextAttemptAt: at, lastErrorCode: t.code, lastError: t.message }, undefined, true);
        return { kind: 'retry', code: t.code, at };
      } catch (e2) {
        if (e2 instanceof LostLease) return { kind: 'lost-lease' };
        throw e2;
      }
    }
  }
}

const CLOCK = 'Het zaaksysteem weigert het toegangstoken als verlopen; controleer de klok van deze computer.';

function judge(e: unknown, step: 'create-eio' | 'link'): Verdict {
  if (e instanceof SettingRefusal) return { kind: 'permanent', code: e.code, message: e.reason };
  // A 403 here concerns this document type, confidentiality or zaaktype (the connection works): a person decides.
  if (e instanceof SyncError && e.failure.kind === 'http' && e.failure.status === 403 && !isExpiredToken(e.failure))
    return { kind: 'permanent', code: 'zgw-forbidden', message: FORBIDDEN };
  if (e instanceof SyncError) return classify(e.failure, step);
  if (e instanceof PostkamerError && e.code === 'zgw-not-configured')
    return { kind: 'transient', code: e.code, message: e.message, offline: false };
  process.stderr.write(
    `[postkamer] verklaring delivery failed: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message?.slice(0, 200)}\n`,
  );
  return {
    kind: 'transient',
    code: 'internal',
    message: 'Interne fout bij het versturen; wordt later opnieuw geprobeerd.',
    offline: false,
  };
}
