// Which cached zaken a document most likely belongs to: the zaaknummer read on it, then the zaken that earlier letters
// with the same kenmerk, or from the same sender, were filed to.
import type { DocumentSummary } from '../contract/schemas';
import { amsterdamDate } from '../domain/amsterdam-date';
import { documentFields, kenmerkKey, parseManualFields, senderKey, type FieldFacts } from '../domain/fields';
import { recentFilings } from '../store/document-fields';
import type { Db } from '../store/db';
import { cachedZaakByIdentificatie } from '../sync/catalogue';

type Reason = 'zaaknummer' | 'kenmerk' | 'afzender';
/**
 * How much each kind of evidence weighs, and how many filings of it count: a number on the page beats any number of
 * shared references, which beat any number of letters from the same sender.
 */
const WEIGHT: Record<Reason, { each: number; upTo: number }> = {
  zaaknummer: { each: 1000, upTo: 1 },
  kenmerk: { each: 100, upTo: 5 },
  afzender: { each: 10, upTo: 9 },
};
/** How far back earlier filings are looked at. */
const FILINGS_LOOKED_AT = 5000;

interface Candidate {
  counts: Record<Reason, number>;
  filings: number;
}
const score = (c: Candidate) =>
  (Object.keys(WEIGHT) as Reason[]).reduce((s, r) => s + Math.min(c.counts[r], WEIGHT[r].upTo) * WEIGHT[r].each, 0);

function fieldsOfFiling(f: { title: string; extracted: string; fields: string; createdAt: string }) {
  let extracted: FieldFacts['extracted'] = {};
  try {
    extracted = JSON.parse(f.extracted) as FieldFacts['extracted'];
  } catch {
    /* a damaged row counts as nothing recognised */
  }
  return documentFields({
    title: f.title,
    extracted,
    receivedDate: amsterdamDate(new Date(f.createdAt)),
    manual: parseManualFields(f.fields),
  });
}

export function suggestZaken(db: Db, env: string | null, doc: DocumentSummary, limit: number) {
  if (!env) return [];
  const found = new Map<string, Candidate>();
  const add = (zaaknummer: string, reason: Reason) => {
    const key = zaaknummer.trim().toUpperCase();
    const c = found.get(key) ?? { counts: { zaaknummer: 0, kenmerk: 0, afzender: 0 }, filings: 0 };
    c.counts[reason] += 1;
    found.set(key, c);
  };
  if (doc.zaaknummer) add(doc.zaaknummer, 'zaaknummer');
  const sender = senderKey(doc.fields.afzender.value);
  const kenmerk = kenmerkKey(doc.fields.kenmerk.value);
  if (sender || kenmerk) {
    for (const f of recentFilings(db, doc.id, FILINGS_LOOKED_AT)) {
      const fields = fieldsOfFiling(f);
      const sameKenmerk = kenmerk !== null && kenmerkKey(fields.kenmerk.value) === kenmerk;
      const sameSender = sender !== null && senderKey(fields.afzender.value) === sender;
      if (sameKenmerk) add(f.zaaknummer, 'kenmerk');
      if (sameSender) add(f.zaaknummer, 'afzender');
      if (sameKenmerk || sameSender) found.get(f.zaaknummer.trim().toUpperCase())!.filings += 1;
    }
  }
  const ranked = [...found.entries()].sort((a, b) => score(b[1]) - score(a[1]) || a[0].localeCompare(b[0]));
  const out = [];
  for (const [zaaknummer, c] of ranked) {
    const z = cachedZaakByIdentificatie(db, env, zaaknummer)?.data;
    // Only zaken known here (the cache: open zaken and those looked up): a suggestion the clerk can check.
    if (!z || z.einddatum) continue;
    out.push({
      zaak: {
        url: z.url,
        identificatie: z.identificatie,
        omschrijving: z.omschrijving,
        zaaktype: z.zaaktype,
        startdatum: z.startdatum,
        einddatum: z.einddatum,
        archiefstatus: z.archiefstatus,
      },
      reasons: (['zaaknummer', 'kenmerk', 'afzender'] as const).filter((r) => c.counts[r] > 0),
      filings: c.filings,
    });
    if (out.length >= limit) break;
  }
  return out;
}
