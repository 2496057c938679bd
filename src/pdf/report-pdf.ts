// A report as PDF/A-2b, drawn with pdf-lib: a title page, a bar chart, and tables (every chart's data is a table too),
// with the same PDF/A skeleton as the document PDFs (embedded DejaVu Sans subset, XMP agreeing with Info, sRGB intent).
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { appPath } from '../base/app-root';
import { finishPdfA } from './pdfa';

/** A table as both the CSV and the PDF show it: `numeric` columns are right-aligned. */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: string[][];
  numeric: boolean[];
}

export interface ReportChart {
  title: string;
  /** One label and one value per bar. */
  labels: string[];
  values: number[];
}

export interface ReportPdfInput {
  /** uuid: the file's document ID (trailer and XMP) and the font subset's tag. */
  documentId: string;
  title: string;
  createdAt: Date;
  language: string;
  keywords: string[];
  /** Lines under the title on the first page. */
  subtitle: string[];
  /** Tables on the first page. */
  summary: ReportTable[];
  /** Paragraphs after the summary (wrapped). */
  notes: string[];
  /** A bar chart on a page of its own (a report without figures over time has none). */
  chart?: ReportChart;
  /** Tables after the chart, in order. */
  tables: ReportTable[];
}

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 50;
const WIDTH = A4.w - 2 * MARGIN;
const ROW = 14;
const BODY = 9;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.45, 0.45, 0.45);
const BAR = rgb(0.16, 0.38, 0.65);

/** Lays text out page after page: a cursor that opens a new page when what comes next does not fit. */
class Layout {
  page!: PDFPage;
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    readonly font: PDFFont,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage([A4.w, A4.h]);
    this.y = A4.h - MARGIN;
  }
  /** Makes room for `height` points below the cursor, on a new page if needed. */
  need(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }
  text(s: string, x: number, size: number, colour = INK): void {
    // eslint-disable-next-line no-control-regex -- a line break in a name from the zaaksysteem stays on its line
    this.page.drawText(s.replace(/[\u0000-\u001F\u007F]/g, ' '), { x, y: this.y, size, font: this.font, color: colour });
  }
  width(s: string, size: number): number {
    return this.font.widthOfTextAtSize(s, size);
  }
  /** `s` cut to `max` points, ending in an ellipsis when cut. */
  fit(s: string, size: number, max: number): string {
    if (this.width(s, size) <= max) return s;
    let t = s;
    while (t.length > 1 && this.width(`${t}…`, size) > max) t = t.slice(0, -1);
    return `${t}…`;
  }
  heading(s: string, size: number): void {
    this.need(size * 2.2);
    this.y -= size * 1.4;
    this.text(s, MARGIN, size);
    this.y -= size * 0.8;
  }
  paragraph(s: string, size = BODY): void {
    const words = s.split(/\s+/).filter(Boolean);
    let line = '';
    const flush = () => {
      this.need(size * 1.5);
      this.y -= size * 1.4;
      this.text(line, MARGIN, size, GREY);
      line = '';
    };
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (this.width(next, size) > WIDTH && line) {
        flush();
        line = w;
      } else line = next;
    }
    if (line) flush();
  }
}

/** Column widths: each as wide as its widest cell; the first column gives way when the table is too wide. */
function columnWidths(l: Layout, t: ReportTable): number[] {
  const widths = t.columns.map((c, i) => Math.max(l.width(c, BODY), ...t.rows.map((r) => l.width(r[i] ?? '', BODY))) + 12);
  const total = widths.reduce((a, b) => a + b, 0);
  if (total > WIDTH) widths[0] = Math.max(60, widths[0]! - (total - WIDTH));
  else widths[0] = widths[0]! + (WIDTH - total); // the first column takes the rest: figures line up at the right edge
  return widths;
}

function drawRow(l: Layout, cells: string[], widths: number[], numeric: boolean[]): void {
  let x = MARGIN;
  cells.forEach((cell, i) => {
    const w = widths[i]!;
    const s = l.fit(cell, BODY, w - 8);
    l.text(s, numeric[i] ? x + w - 4 - l.width(s, BODY) : x + 2, BODY);
    x += w;
  });
}

function drawTable(l: Layout, t: ReportTable): void {
  l.need(3 * ROW + 20);
  l.heading(t.title, 12);
  const widths = columnWidths(l, t);
  const header = () => {
    l.y -= ROW;
    drawRow(l, t.columns, widths, t.numeric);
    l.page.drawLine({ start: { x: MARGIN, y: l.y - 4 }, end: { x: MARGIN + WIDTH, y: l.y - 4 }, thickness: 0.5, color: GREY });
  };
  header();
  for (const row of t.rows) {
    if (l.y - ROW < MARGIN) {
      l.newPage();
      header();
    }
    l.y -= ROW;
    drawRow(l, row, widths, t.numeric);
  }
  if (t.rows.length === 0) {
    l.y -= ROW;
    l.text('(geen gegevens)', MARGIN + 2, BODY, GREY);
  }
  l.y -= ROW / 2;
}

/** A round number at or above `max` for the chart's scale (1, 2 or 5 times a power of ten). */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((k) => k * p >= max) ?? 10) * p;
}

function drawChart(l: Layout, c: ReportChart): void {
  const height = 170;
  l.need(height + 60);
  l.heading(c.title, 12);
  const left = MARGIN + 30;
  const width = WIDTH - 30;
  const bottom = l.y - height;
  const top = niceMax(Math.max(0, ...c.values));
  for (const v of [0, top / 2, top]) {
    const y = bottom + (v / top) * height;
    l.page.drawLine({ start: { x: left, y }, end: { x: left + width, y }, thickness: 0.3, color: GREY });
    const s = String(Number.isInteger(v) ? v : v.toFixed(1).replace('.', ','));
    l.page.drawText(s, { x: left - 4 - l.width(s, 7), y: y - 2.5, size: 7, font: l.font, color: GREY });
  }
  const n = Math.max(1, c.values.length);
  const slot = width / n;
  const every = Math.ceil(n / 31); // at most 31 labels under the axis
  c.values.forEach((v, i) => {
    const h = (v / top) * height;
    const x = left + i * slot + slot * 0.15;
    if (h > 0) l.page.drawRectangle({ x, y: bottom, width: slot * 0.7, height: h, color: BAR });
    if (i % every === 0) {
      const s = c.labels[i] ?? '';
      l.page.drawText(s, { x: x + slot * 0.35 - l.width(s, 6) / 2, y: bottom - 9, size: 6, font: l.font, color: GREY });
    }
  });
  l.y = bottom - 24;
}

/** The subset tag (six capitals) from the document ID, so the same input gives the same font name. */
function subsetTag(documentId: string): string {
  const hex = documentId.replace(/-/g, '');
  return [...hex.slice(0, 6)].map((h) => String.fromCharCode(65 + parseInt(h, 16))).join('');
}

export async function buildReportPdf(input: ReportPdfInput): Promise<Uint8Array> {
  const fontkit = (await import('@pdf-lib/fontkit')).default;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(appPath('assets', 'fonts/DejaVuSans.ttf')), {
    subset: true,
    customName: `${subsetTag(input.documentId)}+DejaVuSans`,
    features: { liga: false, clig: false, dlig: false, calt: false },
  });
  const l = new Layout(doc, font);
  l.y -= 10;
  l.text(input.title, MARGIN, Math.min(20, (20 * WIDTH) / l.width(input.title, 20))); // a long title is set smaller
  l.y -= 12;
  for (const s of input.subtitle) {
    l.y -= 15;
    l.text(s, MARGIN, 11, GREY);
  }
  l.y -= 10;
  for (const t of input.summary) drawTable(l, t);
  for (const p of input.notes) {
    l.paragraph(p);
    l.y -= 4;
  }
  if (input.chart) {
    l.newPage();
    drawChart(l, input.chart);
  }
  for (const t of input.tables) drawTable(l, t);

  // pdf-lib gives every page an empty /Annots; a report has none, and leaves the key out (as buildPdfA does).
  for (const page of doc.getPages()) page.node.delete(PDFName.of('Annots'));

  // Info, XMP, output intent, ID and xref exactly as every other PDF/A Postkamer writes.
  return finishPdfA(doc, {
    documentId: input.documentId,
    title: input.title,
    createdAt: input.createdAt,
    language: input.language,
    keywords: input.keywords,
  });
}
