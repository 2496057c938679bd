// Access to a full BSN (revealing one, searching by one): who may, the reason it takes, and the processing record it
// leaves in the audit trail, in the shape of the Logboek Dataverwerkingen (LDV).
import { createHmac } from 'node:crypto';
import { appendAudit } from '../audit/audit';
import { PostkamerError } from '../contract/errors';
import { commandRoles, ROLE_LABELS, type Role } from '../contract/roles';
import { findBsnCandidates } from '../domain/bsn';
import { passesElfproef } from '../domain/elfproef';
import type { Db } from '../store/db';
import { privacyKey } from '../store/privacy-keys';
import { showShort } from './display';
import type { HandlerContext } from './types';

/** Who may see a full BSN: the roles of `documents.revealBsn`; a search by BSN needs the same right. */
export const BSN_ROLES: readonly Role[] = commandRoles['documents.revealBsn'];

/**
 * The processing activities (LDV `dpl.core.processing_activity_id`). Local identifiers: the municipality's register of
 * processing activities (AVG art. 30) names them; an entry keeps the identifier it was written with.
 */
export const PROCESSING_ACTIVITY = {
  reveal: 'postkamer:verwerking/bsn-inzien',
  search: 'postkamer:verwerking/zoeken-op-bsn',
} as const;

/** Refuses (`forbidden`, with the reason in Dutch) a person who may not see a full BSN. */
export function requireBsnRight(ctx: HandlerContext, command: string, what: string): void {
  const roles = ctx.person?.roles ?? [];
  if (roles.some((r) => BSN_ROLES.includes(r))) return;
  const needed = BSN_ROLES.map((r) => ROLE_LABELS[r].nl.toLowerCase()).join(' of ');
  throw new PostkamerError('forbidden', `(${what} mag alleen een ${needed}: het laat zien van wie de gegevens zijn)`, {
    command,
    needed: [...BSN_ROLES],
  });
}

/** The stated reason, or `invalid-input` naming the field `reason` (in Dutch) when there is none. */
export function requireReason(reason: string | undefined, what: string): string {
  if (reason !== undefined && reason.trim() !== '') return reason;
  const message = `geef een reden op (veld reason; op de opdrachtregel --reden): ${what} wordt met de reden vastgelegd als verwerking`;
  throw new PostkamerError('invalid-input', `(${message})`, { issues: [{ path: 'reason', message }] });
}

/** The BSNs a search query names: nine-digit 11-proef numbers, whole or in groups ('1234 56 782', '123.456.782'). */
export function bsnsInQuery(query: string): string[] {
  const out = new Set<string>();
  for (const run of query.match(/\d+(?:[ .\u00a0\u202f-]\d+)*/g) ?? []) {
    const groups = run.split(/\D/);
    for (let k = 0; k < groups.length; k++) {
      let digits = '';
      for (let j = k; j < groups.length && digits.length < 9; j++) digits += groups[j];
      if (digits.length === 9 && passesElfproef(digits)) out.add(digits);
    }
  }
  for (const c of findBsnCandidates(query)) if (passesElfproef(c.digits)) out.add(c.digits);
  return [...out];
}

/**
 * The reference to a data subject in a processing record (LDV `dpl.core.data_subject_id`): an HMAC-SHA-256 of the BSN
 * under a random key that lives only inside the encrypted database, cut to 128 bits. Not reversible from the audit
 * trail or an export of it (a plain hash is: there are only about 10^8 valid BSNs to try), yet the same person has the
 * same reference in every entry, so a request for inspection (inzageverzoek) finds every access to their BSN.
 */
export function subjectRef(key: Buffer, bsn: string): string {
  return `hmac-sha256:${createHmac('sha256', key).update(`bsn:${bsn}`).digest('hex').slice(0, 32)}`;
}

export interface BsnAccess {
  action: 'document.bsn-revealed' | 'document.bsn-searched';
  activity: string;
  objectType: string | null;
  objectId: string | null;
  reason: string;
  /** The BSNs the access concerned: only their references are written. */
  bsns: readonly string[];
  /** Codes, counts and ids that complete the record (never content). */
  extra?: Record<string, string | number>;
}

/**
 * Writes the processing record of an access to full BSNs, in its own write transaction: who (the signed-in person
 * and where from: appendAudit), when, which object, why (the reason, with any BSN in it masked), the processing
 * activity, and the data subjects as references, never the numbers. Call before the BSNs leave the core.
 */
export function recordBsnAccess(db: Db, ctx: HandlerContext, a: BsnAccess): void {
  db.transaction(() => {
    const key = privacyKey(db, 'data-subject');
    appendAudit(db, {
      actor: ctx.actor,
      origin: ctx.origin,
      action: a.action,
      objectType: a.objectType,
      objectId: a.objectId,
      result: 'ok',
      details: {
        processingActivity: a.activity,
        reason: showShort(a.reason),
        dataSubjectIdType: 'BSN',
        dataSubjectIds: a.bsns.map((b) => subjectRef(key, b)).join(','),
        dataSubjects: a.bsns.length,
        ...a.extra,
      },
    });
  }).immediate();
}
