// The verklaring van vervanging of an approved batch as PDF/A: the dossier's facts (batch, period, page counts,
// settings, software), the sample and its result, the two people, and the vervangingsbesluit it rests on.
import { derivedUuid } from '../base/derived-uuid';
import type { BatchDossier, QcView, Vervangingsbesluit } from '../contract/vervanging';
import { amsterdamDate } from '../domain/amsterdam-date';
import { buildReportPdf, type ReportTable } from '../pdf/report-pdf';

export interface VerklaringInput {
  batchId: string;
  label: string;
  dossier: BatchDossier;
  qc: QcView;
  checkedBy: { login: string; name: string };
  besluit: Vervangingsbesluit | null;
  approvedAt: string;
}

const REASON_TEXT: Record<string, string> = {
  onleesbaar: 'onleesbaar',
  incompleet: 'incompleet',
  'verkeerde-volgorde': 'verkeerde volgorde',
  'ontbrekende-pagina': 'ontbrekende pagina',
  'scheef-afgesneden': 'scheef of afgesneden',
};

const kv = (title: string, rows: [string, string][]): ReportTable => ({
  title,
  columns: ['Gegeven', 'Waarde'],
  rows,
  numeric: [false, false],
});
const yesNo = (b: boolean | null) => (b === null ? 'onbekend' : b ? 'ja' : 'nee');
const or = (s: string | null | number, dflt = 'onbekend') => (s === null || s === '' ? dflt : String(s));

/** The declaration's text as it appears in the PDF (also what a reader finds with pdftotext). */
export function verklaringText(v: VerklaringInput): string[] {
  const d = v.dossier;
  const besluit = v.besluit ? `${v.besluit.titel} (${v.besluit.datum}, kenmerk ${v.besluit.kenmerk})` : 'GEEN VERVANGINGSBESLUIT INGESTELD';
  return [
    `Hierbij wordt verklaard dat de ${d.pages.in} ontvangen pagina's van batch ${v.batchId} (${v.label}) op ${amsterdamDate(new Date(d.startedAt))} ` +
      `zijn gescand door ${d.scannedBy.name} (${d.scannedBy.login}) en dat ${d.pages.out} pagina's in ${d.documents} documenten zijn bewaard ` +
      `(${d.pages.blankRemoved} lege pagina's en ${d.pages.separatorSheets} scheidingsbladen verwijderd).`,
    `De kwaliteit is gecontroleerd door ${v.checkedBy.name} (${v.checkedBy.login}) met een steekproef van ${v.qc.sample.length} ` +
      `pagina's (seed ${v.qc.seed ?? '-'}), goedgekeurd op ${amsterdamDate(new Date(v.approvedAt))}.`,
    `De vervanging berust op het vervangingsbesluit: ${besluit}.`,
  ];
}

export async function buildVerklaring(v: VerklaringInput): Promise<Buffer> {
  const d = v.dossier;
  const q = v.qc;
  const period = `${amsterdamDate(new Date(d.startedAt))} – ${d.closedAt ? amsterdamDate(new Date(d.closedAt)) : 'open'}`;
  const pdf = await buildReportPdf({
    documentId: derivedUuid(`verklaring:${v.batchId}:${v.approvedAt}`),
    title: 'Verklaring van vervanging',
    createdAt: new Date(v.approvedAt),
    language: 'nl-NL',
    keywords: ['postkamer', 'verklaring van vervanging', `batch ${v.batchId}`],
    subtitle: [`Batch ${v.batchId}`, v.label, `Periode: ${period}`],
    summary: [
      kv('Batch en personen', [
        ['Batch', v.batchId],
        ['Omschrijving', v.label],
        ['Gescand door', `${d.scannedBy.name} (${d.scannedBy.login})`],
        ['Gecontroleerd door', `${v.checkedBy.name} (${v.checkedBy.login})`],
        ['Werkplek', d.workstation],
        ['Begonnen', d.startedAt],
        ['Verwerkt', or(d.closedAt)],
        ['Goedgekeurd', v.approvedAt],
      ]),
      kv("Pagina's", [
        ["Pagina's ontvangen", String(d.pages.in)],
        ["Pagina's bewaard", String(d.pages.out)],
        ["Lege pagina's verwijderd", String(d.pages.blankRemoved)],
        ["Lege pagina's gemarkeerd", String(d.pages.blankFlagged)],
        ['Scheidingsbladen', String(d.pages.separatorSheets)],
        ['Documenten', String(d.documents)],
      ]),
      kv('Vervangingsbesluit', [
        ['Titel', v.besluit?.titel ?? 'niet ingesteld'],
        ['Datum', v.besluit?.datum ?? '-'],
        ['Kenmerk', v.besluit?.kenmerk ?? '-'],
      ]),
    ],
    notes: verklaringText(v),
    tables: [
      kv('Scanner, profiel en programmatuur', [
        ['Scanner', [d.scanner.make, d.scanner.model].filter(Boolean).join(' ') || d.scanner.kind],
        ['Serienummer', or(d.scanner.serial)],
        ['Apparaat', or(d.scanner.device, '-')],
        ['Profiel', or(d.profile.name)],
        ['Resolutie (ppi)', or(d.profile.resolution)],
        ['Kleur', or(d.profile.colour)],
        ['Compressie', or(d.profile.compression)],
        ['Dubbelzijdig', yesNo(d.profile.duplex)],
        ['Lege pagina’s', or(d.profile.blankPages)],
        ['Postkamer', d.software.postkamer],
        ['OCR', d.software.ocrEngine],
        ['OCR-model', d.software.ocrModel],
      ]),
      kv('Steekproef', [
        ['Regel', q.rule ? JSON.stringify(q.rule.rule) : '-'],
        ["Pagina's in de batch", String(q.rule?.population ?? '-')],
        ['Steekproefgrootte', String(q.sample.length)],
        ['Ac / Re (ISO 2859-1)', q.rule?.ac === null || !q.rule ? '-' : `${q.rule.ac} / ${q.rule.re}`],
        ['Seed', or(q.seed)],
        ['Resultaat', 'goedgekeurd'],
      ]),
      {
        title: "Gecontroleerde pagina's",
        columns: ['Pagina', 'Oordeel', 'Opnieuw gescand', 'Door'],
        rows: q.sample.map((s) => [String(s.page), s.verdict ?? '-', String(s.rescans), s.judgedBy ?? '-']),
        numeric: [true, false, true, false],
      },
      {
        title: 'Verloop',
        columns: ['Tijdstip', 'Door', 'Gebeurtenis', 'Pagina', 'Toelichting'],
        rows: d.events.map((e) => [
          e.at,
          `${e.byName} (${e.by})`,
          e.kind,
          e.page === null ? '' : String(e.page),
          e.kind === 'qc-judge'
            ? REASON_TEXT[e.detail.replace(/^fout: /, '')]
              ? `fout: ${REASON_TEXT[e.detail.replace(/^fout: /, '')]}`
              : e.detail
            : e.detail,
        ]),
        numeric: [false, false, false, true, false],
      },
    ],
  });
  return Buffer.from(pdf);
}
