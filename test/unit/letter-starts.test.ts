// The letter-start rule on hand-made pages: each signal on its own, the weighing, and the hard cases — a continuation
// page that opens with a heading, "pagina 2 van 2", an enclosure, a company letterhead repeated on every page.
import { describe, expect, it } from 'vitest';
import { findLetterStarts, pageNumberOf, weighPages, type StackPage } from '../../src/domain/letter-starts';
import { buildDoc } from '../../src/domain/layout';
import type { OcrLine, OcrWord } from '../../src/domain/types';

const W = 2480;
const H = 3508;

/** A line at `top` (fraction of the page height), from `left` (fraction of the width), in a font `size` px high. */
interface Spec {
  text: string;
  top: number;
  left?: number;
  size?: number;
}

function line(s: Spec): OcrLine {
  const size = s.size ?? 40;
  const y0 = Math.round(s.top * H);
  let x = Math.round((s.left ?? 0.1) * W);
  const words: OcrWord[] = [];
  for (const t of s.text.split(' ').filter(Boolean)) {
    const w = Math.round(t.length * size * 0.5);
    words.push({ text: t, confidence: 92, bbox: { x0: x, y0, x1: x + w, y1: y0 + size } });
    x += w + Math.round(size * 0.3);
  }
  const x0 = words[0]?.bbox.x0 ?? 0;
  return { text: s.text, confidence: 92, bbox: { x0, y0, x1: x, y1: y0 + size }, words };
}

function page(specs: Spec[], blank = false): StackPage {
  const lines = specs.map(line);
  return { pageIndex: 0, width: W, height: H, text: lines.map((l) => l.text).join('\n'), lines, blank };
}

const BLANK = page([], true);

/** Body text from `top` down: `n` ordinary lines. */
function body(top: number, n: number, words = 'de aanvraag is door ons ontvangen en wordt binnenkort in behandeling genomen'): Spec[] {
  return Array.from({ length: n }, (_, i) => ({ text: `${words} ${i + 1}`, top: top + i * 0.018 }));
}

/** A citizen's first page: sender block, addressee in the window, place and date, subject, salutation, body. */
function citizenFirst(opts: { date?: boolean; closing?: boolean; footer?: string } = {}): StackPage {
  return page([
    { text: 'J. de Vries', top: 0.06 },
    { text: 'Kerkstraat 12', top: 0.075 },
    { text: '3511 AB  Utrecht', top: 0.09 },
    { text: 'Gemeente Utrecht', top: 0.2 },
    { text: 'Afdeling Vergunningen', top: 0.215 },
    { text: 'Postbus 16200', top: 0.23 },
    { text: '3500 CE  UTRECHT', top: 0.245 },
    ...(opts.date === false ? [] : [{ text: 'Utrecht, 3 maart 2026', top: 0.29 }]),
    { text: 'Betreft: bezwaar tegen de aanslag', top: 0.33 },
    { text: 'Geachte heer, mevrouw,', top: 0.37 },
    ...body(0.4, 12),
    ...(opts.closing
      ? [
          { text: 'Met vriendelijke groet,', top: 0.7 },
          { text: 'J. de Vries', top: 0.76 },
        ]
      : []),
    ...(opts.footer ? [{ text: opts.footer, top: 0.95, left: 0.45, size: 30 }] : []),
  ]);
}

/** A company's first page: a large letterhead, a window address, a date label, no sender postcode at the top. */
function companyFirst(footer?: string): StackPage {
  return page([
    { text: 'Bouwbedrijf Van Leeuwen B.V.', top: 0.05, size: 80 },
    { text: 'Gemeente Zeist', top: 0.2 },
    { text: 't.a.v. de afdeling Belastingen', top: 0.215 },
    { text: 'Postbus 513', top: 0.23 },
    { text: '3700 AM  ZEIST', top: 0.245 },
    { text: 'Datum: 12 januari 2026', top: 0.3 },
    { text: 'Onderwerp: factuur 2026-0012', top: 0.32 },
    { text: 'Geachte heer Jansen,', top: 0.36 },
    ...body(0.39, 14),
    ...(footer ? [{ text: footer, top: 0.95, left: 0.45, size: 30 }] : []),
  ]);
}

/** A page that goes on with the letter: only body text (and an optional first line and footer). */
function continuation(opts: { first?: Spec; footer?: string; closing?: boolean; letterhead?: boolean } = {}): StackPage {
  return page([
    ...(opts.letterhead ? [{ text: 'Bouwbedrijf Van Leeuwen B.V.', top: 0.05, size: 80 }] : []),
    ...(opts.first ? [opts.first] : []),
    ...body(0.12, 20),
    ...(opts.closing
      ? [
          { text: 'Met vriendelijke groet,', top: 0.55 },
          { text: 'A. Jansen', top: 0.6 },
        ]
      : []),
    ...(opts.footer ? [{ text: opts.footer, top: 0.95, left: 0.45, size: 30 }] : []),
  ]);
}

const starts = (pages: StackPage[]) => findLetterStarts(pages).map((s) => s.index);

describe('letter starts: signals', () => {
  it('a first page carries its own signals; a continuation page none', () => {
    const [first, cont] = weighPages([citizenFirst(), continuation()]);
    expect(first!.head).toEqual(expect.arrayContaining(['salutation', 'addressee-block', 'sender-top', 'date-line', 'subject-line']));
    expect(cont!.head).toEqual([]);
    expect(cont!.score).toBeLessThan(3);
  });

  it('two letters in a row: the second starts where its first page is', () => {
    expect(starts([citizenFirst(), continuation({ closing: true }), companyFirst(), continuation()])).toEqual([2]);
  });

  it('single-page letters back to back each start a letter; index 0 is never reported', () => {
    expect(starts([citizenFirst({ closing: true }), companyFirst(), citizenFirst({ date: false })])).toEqual([1, 2]);
  });

  it('a letter without a date, with a salutation and an addressee, still starts', () => {
    const w = weighPages([continuation(), citizenFirst({ date: false })]);
    expect(w[1]!.head).not.toContain('date-line');
    expect(starts([continuation(), citizenFirst({ date: false })])).toEqual([1]);
  });

  it('a company letterhead alone does not start a letter; with a salutation it does', () => {
    const head = page([{ text: 'Bouwbedrijf Van Leeuwen B.V.', top: 0.05, size: 80 }, ...body(0.12, 20)]);
    expect(weighPages([citizenFirst(), head])[1]!.head).toEqual(['letterhead']);
    expect(starts([citizenFirst(), head])).toEqual([]);
    const greeted = page([
      { text: 'Bouwbedrijf Van Leeuwen B.V.', top: 0.05, size: 80 },
      { text: 'Beste Anna,', top: 0.2 },
      ...body(0.23, 20),
    ]);
    expect(starts([citizenFirst(), greeted])).toEqual([1]);
  });

  it('"pagina 1 van 2" at the foot of a page starts a letter even when the top says little', () => {
    const plain = continuation({ footer: 'pagina 1 van 2' });
    expect(weighPages([citizenFirst(), plain])[1]!.head).toEqual(['page-1-of-n']);
    expect(starts([citizenFirst({ closing: true }), plain])).toEqual([1]);
  });

  it('a bare "Pagina 1" (no total) is a weaker sign: a report or enclosure numbers its pages too', () => {
    const report = continuation({ footer: 'Pagina 1' });
    expect(weighPages([citizenFirst(), report])[1]!.head).toEqual(['page-1']);
    expect(starts([citizenFirst({ closing: true }), report])).toEqual([]);
  });

  it('a blank back page belongs to the letter before; the page after it counts it as context', () => {
    const w = weighPages([citizenFirst({ closing: true }), BLANK, companyFirst()]);
    expect(w[1]!.score).toBe(-Infinity);
    expect(w[2]!.context).toEqual(expect.arrayContaining(['after-blank-page', 'after-closing']));
    expect(starts([citizenFirst({ closing: true }), BLANK, companyFirst()])).toEqual([2]);
  });

  it('context alone (a blank page and a closing before it) never starts a letter', () => {
    expect(starts([citizenFirst({ closing: true }), BLANK, continuation()])).toEqual([]);
  });

  it('reads page numbers in the header and footer zones, in their common forms and with OCR noise', () => {
    const num = (text: string, top = 0.95) => pageNumberOf(buildDoc([page([{ text, top }])])[0]!);
    expect(num('pagina 2 van 3')).toEqual({ page: 2, of: 3 });
    expect(num('Blad 1/4', 0.03)).toEqual({ page: 1, of: 4 });
    expect(num('2 van 2')).toEqual({ page: 2, of: 2 });
    expect(num('- 3 -')).toEqual({ page: 3, of: null });
    expect(num('Pagina l van 3')).toEqual({ page: 1, of: 3 });
    expect(num('pagina 2 van 3', 0.5)).toBeNull();
    expect(num('12')).toBeNull();
    expect(num('pagina 4 van 2')).toBeNull();
  });
});

describe('letter starts: hard cases', () => {
  it('a continuation page that opens with a bold heading is not a start', () => {
    const headed = continuation({ first: { text: '2. Toelichting op de aanslag', top: 0.06, size: 70 } });
    expect(starts([citizenFirst(), headed, continuation({ closing: true })])).toEqual([]);
  });

  it('"pagina 2 van 2" says the letter goes on, even under a salutation-like line and an address', () => {
    const tricky = page([
      { text: 'Hoogstraat 4', top: 0.2 },
      { text: '1234 AB  Dorp', top: 0.215 },
      { text: 'Beste resultaten behaalt u met een volledige aanvraag.', top: 0.3 },
      ...body(0.35, 10),
      { text: 'pagina 2 van 2', top: 0.95, left: 0.45, size: 30 },
    ]);
    expect(weighPages([citizenFirst({ footer: 'pagina 1 van 2' }), tricky])[1]!.against).toEqual(
      expect.arrayContaining(['page-k-of-n', 'previous-page-continues']),
    );
    expect(starts([citizenFirst({ footer: 'pagina 1 van 2' }), tricky])).toEqual([]);
  });

  it('after "pagina 2 van 2" the next numbered first page starts a letter', () => {
    const pages = [
      citizenFirst({ footer: 'pagina 1 van 2' }),
      continuation({ closing: true, footer: 'pagina 2 van 2' }),
      companyFirst('pagina 1 van 3'),
      continuation({ footer: 'pagina 2 van 3' }),
      continuation({ closing: true, footer: 'pagina 3 van 3' }),
    ];
    expect(starts(pages)).toEqual([2]);
    expect(findLetterStarts(pages)[0]!.reasons).toEqual(expect.arrayContaining(['page-1-of-n', 'after-last-page', 'after-closing']));
  });

  it('an enclosure after the closing stays with its letter, even with a date and an address on it', () => {
    const enclosure = page([
      { text: 'Bijlage 1: overzicht van de percelen', top: 0.05, size: 50 },
      { text: 'Kadastraal perceel Utrecht K 1234', top: 0.12 },
      { text: 'Peildatum 1 januari 2026', top: 0.14 },
      ...body(0.2, 15, 'perceel oppervlakte bestemming waarde'),
    ]);
    expect(weighPages([citizenFirst({ closing: true }), enclosure])[1]!.against).toContain('enclosure');
    expect(starts([citizenFirst({ closing: true }), enclosure, companyFirst()])).toEqual([2]);
  });

  it('a continuation sheet with letterhead, address, date and kenmerk in its header (no page number) is not a start', () => {
    const vervolgvel = page([
      { text: 'Bouwbedrijf Van Leeuwen B.V.', top: 0.04, size: 80 },
      { text: 'Industrieweg 4 | 3771 AB Barneveld | KvK 12345678', top: 0.07, size: 28 },
      { text: 'Datum: 12 januari 2026', top: 0.1 },
      { text: 'Ons kenmerk: VL/2026/114', top: 0.115 },
      ...body(0.16, 20),
    ]);
    const w = weighPages([companyFirst(), vervolgvel]);
    expect(w[1]!.head).toEqual(expect.arrayContaining(['date-line', 'reference-line']));
    expect(starts([companyFirst(), vervolgvel, continuation({ closing: true })])).toEqual([]);
  });

  it('a one-line letterhead with its postcode just above the window, repeated on a last page, is not an addressee', () => {
    const last = page([
      { text: 'Bouwbedrijf Van Leeuwen B.V.', top: 0.05, size: 80 },
      { text: 'Industrieweg 4 | 3771 AB Barneveld | KvK 12345678', top: 0.105, size: 28 },
      ...body(0.16, 12),
      { text: 'Met vriendelijke groet,', top: 0.45 },
      { text: 'A. Jansen', top: 0.5 },
    ]);
    expect(weighPages([companyFirst(), last])[1]!.head).not.toContain('addressee-block');
    expect(starts([companyFirst(), last])).toEqual([]);
  });

  it('a letterhead repeated on every page of a company letter does not split it', () => {
    const pages = [companyFirst(), continuation({ letterhead: true }), continuation({ letterhead: true, closing: true })];
    expect(starts(pages)).toEqual([]);
  });

  it('pages without geometry (text only) are weighed from the line order', () => {
    const textOnly = (p: StackPage): StackPage => ({ ...p, lines: [] });
    expect(starts([citizenFirst({ closing: true }), continuation(), citizenFirst()].map(textOnly))).toEqual([2]);
  });
});
