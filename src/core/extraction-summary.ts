// How extracted values are stored with a document (documents.extracted): the summary the contract lists, the detail
// of each value (confidence, page, box — a BSN only masked) and the separator sheet's metadata.
import type { extractMetadata } from '../domain/extract';

type Found = { value: unknown; confidence: number; page: number; bbox: unknown } | null;

/** The stored summary of extracted values, in the shape recognition stores it. */
export function summariseExtraction(
  e: ReturnType<typeof extractMetadata>,
  metadata: Record<string, string> | undefined,
  subject: string | null = null,
) {
  const one = (f: Found, value?: string | null) =>
    f
      ? { value: value ?? String(f.value), confidence: Math.round(f.confidence * 1000) / 1000, page: f.page, bbox: validBox(f.bbox) }
      : null;
  const sender = e.sender ? [e.sender.value.name, ...e.sender.value.lines].filter(Boolean).join(', ') || null : null;
  const postcode = e.postcode ? [e.postcode.value.postcode, e.postcode.value.huisnummer].filter(Boolean).join(' ') : null;
  const zaaknummer = metadata?.zaaknummer ?? e.zaaknummer?.value ?? null;
  return {
    zaaknummer,
    summary: {
      zaaknummer,
      letterDate: e.letterDate?.value ?? null,
      kenmerk: e.kenmerk?.value ?? null,
      kvk: e.kvk?.value ?? null,
      iban: e.iban?.value ?? null,
      postcode: e.postcode?.value.postcode ?? null,
      sender,
      detail: {
        letterDate: one(e.letterDate),
        zaaknummer: one(e.zaaknummer),
        kenmerk: one(e.kenmerk),
        onsKenmerk: one(e.onsKenmerk),
        uwKenmerk: one(e.uwKenmerk),
        kvk: one(e.kvk),
        iban: one(e.iban),
        postcode: one(e.postcode, postcode),
        sender: one(e.sender, sender),
        // The sender's name and address apart (the fields the clerk corrects; src/domain/fields.ts).
        senderName: e.sender?.value.name ? one(e.sender, e.sender.value.name) : null,
        senderAddress: e.sender && e.sender.value.lines.length > 0 ? one(e.sender, e.sender.value.lines.join(', ')) : null,
        // The subject line: no per-value confidence of its own (the rule is a plain "Betreft:" match).
        onderwerp: subject ? { value: subject, confidence: 1, page: 0, bbox: null } : null,
        bsn: one(e.bsn),
      },
      ...(metadata && Object.keys(metadata).length > 0 ? { metadata } : {}),
    },
  };
}

/** A box only when all four corners are numbers (a value pieced together from several lines may have none). */
function validBox(b: unknown): { x0: number; y0: number; x1: number; y1: number } | null {
  const o = b as Record<string, unknown> | null;
  return o && ['x0', 'y0', 'x1', 'y1'].every((k) => typeof o[k] === 'number' && Number.isFinite(o[k]))
    ? (o as { x0: number; y0: number; x1: number; y1: number })
    : null;
}
