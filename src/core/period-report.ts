// The period report: its figures gathered from the store (with each delivery's zaaktype from the zaak cache), and the
// same tables written as CSV (Excel in NL: `;`, UTF-8 with BOM) or as PDF/A — so the two files always agree.
import { derivedUuid } from '../base/derived-uuid';
import { amsterdamDate } from '../domain/amsterdam-date';
import {
  dayRows,
  deliveryTimes,
  groupDeliveries,
  hoursText,
  periodDays,
  periodInstants,
  UNKNOWN_ZAAKTYPE,
  withDelivered,
  type Delivery,
  type GroupRow,
  type PeriodReport,
} from '../domain/period-report';
import { buildReportPdf, type ReportTable } from '../pdf/report-pdf';
import { allPeople } from '../store/people';
import { attentionAt, attentionNow, deliveredIn, receivedByHour, type DeliveredRow } from '../store/period-report';
import type { Db } from '../store/db';
import { cachedObject, cachedZaakByIdentificatie } from '../sync/catalogue';
import type { Zaak, ZaakType } from '../sync/schemas';

/** The zaaktype's name for a delivery: the zaak's zaaktype from the cache (or the new zaak's), its omschrijving. */
function zaaktypeResolver(db: Db): (r: DeliveredRow) => string {
  const byZaak = new Map<string, string | null>();
  const names = new Map<string, string>();
  const zaaktypeOf = (r: DeliveredRow): string | null => {
    if (r.target === 'nieuwe-zaak' && r.newZaaktype) return r.newZaaktype;
    const key = `${r.env}\u0000${r.zaakUrl ?? ''}\u0000${r.zaaknummer ?? ''}`;
    if (!byZaak.has(key)) {
      const zaak =
        (r.zaakUrl ? cachedObject<Zaak>(db, r.env, r.zaakUrl) : null) ??
        (r.zaaknummer ? cachedZaakByIdentificatie(db, r.env, r.zaaknummer) : null);
      byZaak.set(key, zaak?.data.zaaktype ?? null);
    }
    return byZaak.get(key) ?? null;
  };
  return (r) => {
    const url = zaaktypeOf(r);
    if (!url) return UNKNOWN_ZAAKTYPE;
    const key = `${r.env}\u0000${url}`;
    let name = names.get(key);
    if (name === undefined) {
      name = cachedObject<ZaakType>(db, r.env, url)?.data.omschrijving?.trim() || url;
      names.set(key, name);
    }
    return name;
  };
}

/**
 * The figures of the Amsterdam days [from, to] as of `now`. In attention at the end: the outbox itself when the period
 * ends today or later; for a past end, replayed from the audit trail (the outbox keeps no history).
 */
export function computePeriodReport(db: Db, opts: { from: string; to: string; perPerson: boolean; now: Date }): PeriodReport {
  const days = periodDays(opts.from, opts.to);
  const { fromAt, toAt } = periodInstants(opts.from, opts.to);
  const read = () => {
    const perDay = new Map<string, { received: number; pages: number }>();
    let received = 0;
    let digitised = 0;
    let pages = 0;
    for (const h of receivedByHour(db, fromAt, toAt)) {
      const day = amsterdamDate(new Date(`${h.hour}:00:00Z`));
      const d = perDay.get(day) ?? { received: 0, pages: 0 };
      d.received += h.received;
      d.pages += h.pages;
      perDay.set(day, d);
      received += h.received;
      digitised += h.digitised;
      pages += h.pages;
    }
    const zaaktype = zaaktypeResolver(db);
    const names = new Map(allPeople(db).map((p) => [p.login, p.name]));
    const deliveries: Delivery[] = deliveredIn(db, fromAt, toAt).map((r) => ({
      receivedAt: r.receivedAt,
      deliveredAt: r.deliveredAt,
      pages: r.pages,
      zaaktype: zaaktype(r),
      person: names.has(r.actor) ? `${names.get(r.actor)} (${r.actor})` : r.actor,
    }));
    const current = opts.to >= amsterdamDate(opts.now);
    return {
      from: opts.from,
      to: opts.to,
      generatedAt: opts.now.toISOString(),
      totals: {
        received,
        digitised,
        delivered: deliveries.length,
        pages,
        attentionAtEnd: current ? attentionNow(db) : attentionAt(db, toAt),
        attentionSource: current ? ('outbox' as const) : ('audit' as const),
        ...deliveryTimes(deliveries),
      },
      perDay: withDelivered(
        dayRows(days, perDay),
        deliveries.map((d) => amsterdamDate(new Date(d.deliveredAt))),
      ),
      perZaaktype: groupDeliveries(deliveries, 'zaaktype'),
      perPerson: opts.perPerson ? groupDeliveries(deliveries, 'person') : null,
    };
  };
  // One read transaction: every figure from the same snapshot.
  return db.inTransaction ? read() : db.transaction(read)();
}

const DUTCH_DATE = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dutchDay = (day: string) => DUTCH_DATE.format(new Date(`${day}T12:00:00Z`));

const GROUP_COLUMNS = ['Afgeleverd', "Pagina's", 'Mediaan (uur)', '95e percentiel (uur)'];
const groupTable = (title: string, first: string, rows: GroupRow[]): ReportTable => ({
  title,
  columns: [first, ...GROUP_COLUMNS],
  rows: rows.map((r) => [r.key, String(r.delivered), String(r.pages), hoursText(r.medianHours), hoursText(r.p95Hours)]),
  numeric: [false, true, true, true, true],
});

/** The report's tables, in the order both files show them: totals, per zaaktype, per person (when on), per day. */
export function reportTables(r: PeriodReport): ReportTable[] {
  const t = r.totals;
  const tables: ReportTable[] = [
    {
      title: 'Totalen',
      columns: [
        'Van',
        'Tot en met',
        'Ontvangen',
        'Gedigitaliseerd',
        'Afgeleverd',
        "Pagina's",
        'In aandacht aan het eind',
        'Mediaan (uur)',
        '95e percentiel (uur)',
      ],
      rows: [
        [
          r.from,
          r.to,
          ...[t.received, t.digitised, t.delivered, t.pages, t.attentionAtEnd].map(String),
          hoursText(t.medianHours),
          hoursText(t.p95Hours),
        ],
      ],
      numeric: [false, false, true, true, true, true, true, true, true],
    },
    groupTable('Per zaaktype', 'Zaaktype', r.perZaaktype),
  ];
  if (r.perPerson) tables.push(groupTable('Per medewerker', 'Medewerker', r.perPerson));
  tables.push({
    title: 'Per dag',
    columns: ['Datum', 'Ontvangen', "Pagina's", 'Afgeleverd'],
    rows: r.perDay.map((d) => [d.day, String(d.received), String(d.pages), String(d.delivered)]),
    numeric: [false, true, true, true],
  });
  return tables;
}

/** What the reader must know to read the figures right. */
function notes(r: PeriodReport): string[] {
  return [
    'Dagen zijn kalenderdagen in Nederlandse tijd (Europe/Amsterdam). Ontvangen: documenten gemaakt in de periode; ' +
      'gedigitaliseerd: daarvan herkend (klaar); afgeleverd: aflevering aan het zaaksysteem voltooid in de periode. ' +
      "Tijd tot aflevering: van ontvangst tot aflevering, in uren. Per dag: ontvangen en pagina's op de dag van ontvangst, " +
      'afgeleverd op de dag van aflevering.',
    r.totals.attentionSource === 'outbox'
      ? 'In aandacht aan het eind: de stand van de wachtrij op het moment van dit verslag (de periode loopt tot vandaag of later).'
      : 'In aandacht aan het eind: nagerekend uit het auditlogboek (de wachtrij bewaart geen geschiedenis): documenten waarvan ' +
        'de laatste stap vóór het eind van de periode "aflevering vraagt aandacht" was.',
    r.perPerson
      ? 'Cijfers per medewerker staan aan (instelling perPersonStats): dit vraagt een DPIA en de instemming van de ' +
        'ondernemingsraad (WOR art. 27).'
      : 'Cijfers per medewerker staan uit (instelling perPersonStats).',
  ];
}

/** One CSV field: `;`-separated, quoted when needed, a text a spreadsheet would read as a formula made text. */
function csvCell(s: string): string {
  const text = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s) && s !== '-' ? `'${s}` : s;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Every table as a section: its title on a line, its header, its rows; a blank line between sections. */
export function renderReportCsv(tables: ReportTable[]): Buffer {
  const lines: string[] = [];
  tables.forEach((t, i) => {
    if (i > 0) lines.push('');
    lines.push(csvCell(t.title), t.columns.map(csvCell).join(';'), ...t.rows.map((row) => row.map(csvCell).join(';')));
  });
  return Buffer.from('\uFEFF' + lines.map((l) => l + '\r\n').join(''), 'utf8');
}

/** One report is one document ID: derived from its figures and time. */
const reportId = (r: PeriodReport): string => derivedUuid(JSON.stringify(r));

export async function renderReportPdf(r: PeriodReport, tables: ReportTable[]): Promise<Buffer> {
  const [totals, ...rest] = tables;
  const perDay = rest.pop()!;
  const pdf = await buildReportPdf({
    documentId: reportId(r),
    title: `Periodeverslag postkamer ${r.from} t/m ${r.to}`,
    createdAt: new Date(r.generatedAt),
    language: 'nl-NL',
    keywords: ['postkamer', 'periodeverslag'],
    subtitle: [`Periode: ${dutchDay(r.from)} tot en met ${dutchDay(r.to)}`, `Gemaakt op ${amsterdamDate(new Date(r.generatedAt))}`],
    summary: [totalsVertical(totals!)],
    notes: notes(r),
    chart: {
      title: 'Ontvangen documenten per dag',
      labels: r.perDay.map((d) => String(Number(d.day.slice(8)))),
      values: r.perDay.map((d) => d.received),
    },
    tables: [perDay, ...rest],
  });
  return Buffer.from(pdf);
}

/** The totals as label–value rows: nine columns do not fit across a page. */
function totalsVertical(t: ReportTable): ReportTable {
  return { title: t.title, columns: ['', 'Waarde'], rows: t.columns.map((c, i) => [c, t.rows[0]![i]!]), numeric: [false, true] };
}
