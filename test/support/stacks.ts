// A seeded stack of varied Dutch letters in one PDF without separator sheets, with the true page where each letter
// starts: one-page letters from test/support/letters.ts beside multi-page letters typeset here (continuation pages
// with or without a letterhead or heading, page numbers in several forms or none, an enclosure, a blank back page).
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { rasterisePdf } from '../escl-scanner/batch';
import { makeLetterPdf } from './letters';
import { Rng } from './rng';

export interface StackLetter {
  /** Index of the letter's first page in the stack. */
  start: number;
  pages: number;
  kind: 'generated' | 'citizen' | 'company';
  numbering: Numbering;
  dated: boolean;
  blankBack: boolean;
  enclosure: boolean;
}

export interface Stack {
  pdf: Uint8Array;
  pageCount: number;
  /** Page indexes where a letter starts (the first, 0, included). */
  starts: number[];
  letters: StackLetter[];
}

export interface StackOptions {
  seed: number;
  letters: number;
  /** Most pages of one letter (enclosure included, blank back page not), default 4. */
  maxPages?: number;
}

type Numbering = 'none' | 'pagina k van n' | 'blad k/n' | 'k van n' | '- k -';

const A4: [number, number] = [595.28, 841.89];
const PEOPLE = ['J. de Vries', 'S. Bakker', 'F. El Amrani', 'P. van den Berg', 'N. Öztürk', 'R. Hendriks', 'I. Mulder', 'B. Prins'];
const COMPANIES = ['Bouwbedrijf Van Leeuwen B.V.', 'Hoveniersbedrijf De Eik', 'Notariskantoor Smit & Partners', 'Energie Advies Noord'];
const STREETS = ['Kerkstraat', 'Molenweg', 'Lindenlaan', 'Stationsweg', 'Zuiderdijk', 'Beatrixstraat'];
const CITIES = ['Zwolle', 'Deventer', 'Leiden', 'Gouda', 'Alkmaar', 'Venlo'];
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const SUBJECTS = [
  'bezwaar tegen de WOZ-beschikking',
  'aanvraag omgevingsvergunning',
  'melding overlast',
  'factuur onderhoud',
  'zienswijze bestemmingsplan',
];
const SALUTATIONS = ['Geachte heer, mevrouw,', 'Geachte college,', 'Beste mevrouw Visser,', 'Geachte heer Dekker,'];
const CLOSINGS = ['Met vriendelijke groet,', 'Hoogachtend,', 'Met vriendelijke groeten,'];
const HEADINGS = ['2. Toelichting', 'Overwegingen', 'Verder verzoek ik u het volgende', 'Financiële gevolgen'];
const SENTENCES = [
  'Hierbij maak ik bezwaar tegen het besluit dat ik op 4 februari van u heb ontvangen.',
  'De waarde van de woning is naar mijn mening veel te hoog vastgesteld.',
  'In de bijgevoegde stukken vindt u de gegevens waarop ik mij baseer.',
  'Ik verzoek u het besluit te herzien en mij daarover schriftelijk te berichten.',
  'Wij hebben de werkzaamheden aan de openbare verlichting in de afgelopen maand uitgevoerd.',
  'Het bedrag is conform de afspraken in de raamovereenkomst berekend.',
  'De overlast van het verkeer is sinds de aanleg van de nieuwe weg sterk toegenomen.',
  'Omwonenden zijn over de plannen niet tijdig geïnformeerd.',
  'Graag ontvang ik binnen zes weken een reactie op deze brief.',
  'Voor vragen kunt u contact opnemen met onze afdeling administratie.',
  'De vergunning is nodig voor de verbouwing van de achtergevel en de aanbouw.',
  'Ik vertrouw erop u hiermee voldoende te hebben geïnformeerd.',
];

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Writes lines top-down on a page; returns false when the page is full. */
class Writer {
  y = A4[1] - 60;
  constructor(
    readonly page: PDFPage,
    readonly fonts: Fonts,
    readonly size: number,
  ) {}
  put(text: string, opts: { font?: PDFFont; size?: number; x?: number; colour?: [number, number, number] } = {}): void {
    const size = opts.size ?? this.size;
    this.page.drawText(text, {
      x: opts.x ?? 70,
      y: this.y,
      size,
      font: opts.font ?? this.fonts.regular,
      color: rgb(...(opts.colour ?? [0, 0, 0])),
    });
    this.y -= size * 1.35;
  }
  gap(lines: number): void {
    this.y -= this.size * 1.35 * lines;
  }
  /** A paragraph wrapped to the text width, as much as fits above `bottom`; false when it did not all fit. */
  paragraph(text: string, bottom: number): boolean {
    const words = text.split(' ');
    let line = '';
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (this.fonts.regular.widthOfTextAtSize(next, this.size) > A4[0] - 140) {
        if (this.y < bottom) return false;
        this.put(line);
        line = w;
      } else line = next;
    }
    if (this.y < bottom) return false;
    if (line) this.put(line);
    this.gap(0.5);
    return true;
  }
}

function pageLabel(style: Numbering, k: number, n: number): string | null {
  switch (style) {
    case 'none':
      return null;
    case 'pagina k van n':
      return `pagina ${k} van ${n}`;
    case 'blad k/n':
      return `Blad ${k}/${n}`;
    case 'k van n':
      return `${k} van ${n}`;
    case '- k -':
      return k === 1 ? null : `- ${k} -`;
  }
}

function dateText(rng: Rng): string {
  return `${rng.int(1, 28)} ${rng.pick(MONTHS)} ${rng.pick([2025, 2026])}`;
}

/** One multi-page letter typeset into `doc`: first page, continuation pages, closing on the last, an optional enclosure. */
async function typesetLetter(doc: PDFDocument, rng: Rng, pages: number, company: boolean, meta: StackLetter): Promise<void> {
  const family = rng.chance(0.5);
  const fonts: Fonts = {
    regular: await doc.embedFont(family ? StandardFonts.Helvetica : StandardFonts.TimesRoman),
    bold: await doc.embedFont(family ? StandardFonts.HelveticaBold : StandardFonts.TimesRomanBold),
  };
  const size = rng.pick([10, 10.5, 11]);
  const name = company ? rng.pick(COMPANIES) : rng.pick(PEOPLE);
  const city = rng.pick(CITIES);
  const street = `${rng.pick(STREETS)} ${rng.int(1, 150)}`;
  const postcode = `${rng.int(1000, 9899)} ${rng.pick(['AB', 'KL', 'RT', 'XZ', 'PG'])}`;
  const letterPages = meta.enclosure ? pages - 1 : pages;
  const repeatHead = company && rng.chance(0.5);
  const date = dateText(rng);
  const kenmerk = `${rng.int(2025, 2026)}-${rng.int(100, 999)}`;
  // A company's continuation sheet ("vervolgvel") may repeat the date and reference under its letterhead.
  const vervolgvel = repeatHead && rng.chance(0.6);
  const sentences = rng.shuffle(SENTENCES);
  let s = 0;
  const nextSentence = () => sentences[s++ % sentences.length]!;
  const letterhead = (w: Writer) => {
    w.put(name, { font: fonts.bold, size: 18, colour: [0.1, 0.25, 0.55] });
    w.put(`${street}  |  ${postcode}  ${city}  |  KvK ${rng.int(10_000_000, 99_999_999)}`, { size: 8 });
  };
  for (let k = 1; k <= letterPages; k++) {
    const w = new Writer(doc.addPage(A4), fonts, size);
    const last = k === letterPages;
    if (k === 1) {
      if (company) letterhead(w);
      else {
        const x = rng.chance(0.3) ? 360 : 70;
        for (const l of [name, street, `${postcode}  ${city}`]) w.put(l, { x });
      }
      w.y = Math.min(w.y - 20, A4[1] - 175);
      for (const l of [
        'Gemeente Deventer',
        rng.pick(['t.a.v. Team Vergunningen', 'Afdeling Belastingen']),
        'Postbus 5000',
        '7400 GC  DEVENTER',
      ])
        w.put(l);
      w.gap(1.5);
      if (meta.dated) w.put(rng.chance(0.5) ? `${city}, ${date}` : `Datum: ${date}`);
      if (vervolgvel || rng.chance(0.5)) w.put(`Ons kenmerk: ${kenmerk}`);
      w.gap(0.5);
      w.put(`${rng.pick(['Betreft', 'Onderwerp'])}: ${rng.pick(SUBJECTS)}`, { font: fonts.bold });
      w.gap(1);
      w.put(rng.pick(SALUTATIONS));
      w.gap(0.5);
    } else {
      if (repeatHead) letterhead(w);
      if (vervolgvel) {
        if (meta.dated) w.put(`Datum: ${date}`, { size: 9 });
        w.put(`Ons kenmerk: ${kenmerk}`, { size: 9 });
        w.gap(1);
      }
      if (rng.chance(0.35)) {
        w.put(rng.pick(HEADINGS), { font: fonts.bold, size: size + 3 });
        w.gap(0.3);
      }
    }
    // Fill the page (a first page of a longer letter is full; the last page ends with the closing).
    const bottom = last ? 300 : 90;
    const paragraphs = last ? rng.int(1, 3) : 99;
    for (let p = 0; p < paragraphs; p++) {
      const text = Array.from({ length: rng.int(2, 4) }, nextSentence).join(' ');
      if (!w.paragraph(text, bottom)) break;
    }
    if (last) {
      w.gap(0.5);
      w.put(rng.pick(CLOSINGS));
      w.gap(2.5);
      w.put(company ? rng.pick(PEOPLE) : name);
      if (company) w.put(name);
    }
    const label = pageLabel(meta.numbering, k, letterPages);
    if (label) w.page.drawText(label, { x: A4[0] / 2 - 20, y: 36, size: 8.5, font: fonts.regular });
  }
  if (meta.enclosure) {
    const w = new Writer(doc.addPage(A4), fonts, size);
    w.put(`Bijlage ${rng.int(1, 2)}: overzicht van de kosten`, { font: fonts.bold, size: size + 2 });
    w.gap(1);
    for (let r = 0; r < rng.int(8, 18); r++)
      w.put(`${rng.pick(['Arbeid', 'Materiaal', 'Transport', 'Afvoer'])}   ${rng.int(2, 40)} uur   EUR ${rng.int(40, 2000)},00`);
  }
}

/** A stack of `letters` letters (1 to `maxPages` pages each) in one PDF with its true start pages. */
export async function makeStack(opts: StackOptions): Promise<Stack> {
  const rng = new Rng(opts.seed, 0x57ac4);
  const maxPages = opts.maxPages ?? 4;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setProducer('Postkamer test stacks');
  doc.setCreationDate(new Date(Date.UTC(2026, 0, 1)));
  doc.setModificationDate(new Date(Date.UTC(2026, 0, 1)));
  const letters: StackLetter[] = [];
  for (let i = 0; i < opts.letters; i++) {
    const pages = rng.pick([1, 1, 2, 2, 3, 4].filter((n) => n <= maxPages));
    const start = doc.getPageCount();
    const meta: StackLetter = {
      start,
      pages,
      kind: 'generated',
      numbering: pages > 1 ? rng.pick<Numbering>(['none', 'none', 'pagina k van n', 'blad k/n', 'k van n', '- k -']) : 'none',
      dated: rng.chance(0.8),
      blankBack: rng.chance(0.2),
      enclosure: pages >= 3 && rng.chance(0.4),
    };
    if (pages === 1 && rng.chance(0.6)) {
      // A one-page letter from the shared generator (its own layouts, letterheads and identifiers).
      const one = await PDFDocument.load(await makeLetterPdf({ seed: opts.seed * 1000 + i }).then((l) => l.pdf));
      const [copied] = await doc.copyPages(one, [0]);
      doc.addPage(copied);
      meta.dated = true;
    } else {
      meta.kind = rng.chance(0.5) ? 'company' : 'citizen';
      await typesetLetter(doc, rng, pages, meta.kind === 'company', meta);
    }
    if (meta.blankBack) doc.addPage(A4);
    meta.pages = doc.getPageCount() - start;
    letters.push(meta);
  }
  return { pdf: await doc.save(), pageCount: doc.getPageCount(), starts: letters.map((l) => l.start), letters };
}

export type ScanLook = 'clean' | 'noisy-jpeg' | 'skew' | 'bilevel';

/**
 * The stack as a scanner would write it: every page rasterised (poppler) and, by turns, degraded — JPEG noise, a
 * slight skew, 200-ppi bilevel — then packed as image pages into one PDF without a text layer.
 */
export async function scanStack(pdf: Uint8Array, looks: readonly ScanLook[], dpi = 200): Promise<Buffer> {
  const src = await PDFDocument.load(pdf);
  const out = await PDFDocument.create();
  for (let i = 0; i < src.getPageCount(); i++) {
    const one = await PDFDocument.create();
    const [p] = await one.copyPages(src, [i]);
    one.addPage(p);
    const png = await rasterisePdf(await one.save(), dpi);
    const look = looks[i % looks.length]!;
    let img = sharp(png).flatten({ background: '#ffffff' });
    if (look === 'skew') img = img.rotate(i % 2 ? 1.5 : -1.5, { background: '#ffffff' });
    if (look === 'bilevel') img = img.greyscale().threshold(160);
    const bytes = look === 'noisy-jpeg' ? await img.blur(0.7).jpeg({ quality: 40 }).toBuffer() : await img.jpeg({ quality: 85 }).toBuffer();
    const meta = await sharp(bytes).metadata();
    const embedded = await out.embedJpg(bytes);
    const w = (meta.width! / dpi) * 72;
    const h = (meta.height! / dpi) * 72;
    out.addPage([w, h]).drawImage(embedded, { x: 0, y: 0, width: w, height: h });
  }
  return Buffer.from(await out.save());
}
