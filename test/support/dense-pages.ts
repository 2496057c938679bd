// Dense full-text A4 pages for the recognition benchmarks: typeset with pdf-lib, rendered with pdf.js, degraded with sharp.
//
// A page is one column of municipal policy prose (our own text, written for these tests) from margin to margin, with
// numbered headings, in 10–11 pt Times or Helvetica: 4 000–6 000 characters, two to three times a letter's text.
// Everything is a pure function of the seed (own PRNG, never Math.random or sharp's unseeded noise).
//
// Variants (300 ppi):
//   clean         the rendered page, RGB PNG
//   jpeg          gaussian noise (σ 10) + blur (σ 0.7 px), gray JPEG q45 (a cheap office scanner)
//   skew+2.5      turned 2.5° clockwise on white, cropped back to A4, PNG
//   skew-2        turned 2° anticlockwise, PNG
//   sideways      turned 90° clockwise, PNG
//   upside-down   turned 180°, degraded as `jpeg`
//   skew-3-jpeg   turned 3° anticlockwise, degraded as `jpeg`
// The ground truth is the upright page's text, one typeset line per line, in reading order.
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import sharp from 'sharp';
import { Rng } from './rng';

/** This generator's seed spread (test/support/rng.ts): the dense pages stay the pages measured. */
const DENSE_SPREAD = 0x51ed270b;

export type DenseVariant = 'clean' | 'jpeg' | 'skew+2.5' | 'skew-2' | 'sideways' | 'upside-down' | 'skew-3-jpeg';
/** The order the benchmark feeds them in: a stack with about half the pages degraded, skewed or turned. */
export const DENSE_MIX: readonly DenseVariant[] = [
  'clean',
  'jpeg',
  'skew+2.5',
  'clean',
  'sideways',
  'skew-2',
  'upside-down',
  'skew-3-jpeg',
];

export interface DensePage {
  /** The file as a scanner would deliver it. */
  bytes: Buffer;
  ext: 'png' | 'jpg';
  width: number;
  height: number;
  dpi: number;
  /** Ground truth, reading order, one line per typeset line. */
  text: string;
  variant: DenseVariant;
}

const HEADINGS = [
  'Aanleiding',
  'Doel van het beleid',
  'Wettelijk kader',
  'Uitgangspunten',
  'Uitvoering',
  'Financiële gevolgen',
  'Communicatie en participatie',
  "Risico's",
  'Monitoring en evaluatie',
  'Planning',
  'Samenwerking in de regio',
  'Privacy en informatiebeveiliging',
];

// Plain policy prose, written for these tests. Paragraphs are drawn from these sentences in a seeded order.
const SENTENCES = [
  'De gemeente wil dat inwoners en ondernemers hun zaken eenvoudig, snel en betrouwbaar kunnen regelen.',
  'Dit beleidskader beschrijft hoe wij inkomende post ontvangen, registreren en aan de juiste behandelaar toewijzen.',
  'Uitgangspunt is dat een document één keer wordt vastgelegd en daarna digitaal door de organisatie gaat.',
  'Papieren stukken worden op de dag van ontvangst gescand en binnen twee werkdagen aan een zaak gekoppeld.',
  'Voor elke zaak is één medewerker verantwoordelijk, ook wanneer meerdere afdelingen bij de behandeling betrokken zijn.',
  'De Archiefwet en de Algemene verordening gegevensbescherming vormen het wettelijke kader voor deze werkwijze.',
  'Persoonsgegevens worden niet langer bewaard dan nodig is voor het doel waarvoor zij zijn verzameld.',
  'Medewerkers hebben alleen toegang tot de gegevens die zij voor hun eigen taken werkelijk nodig hebben.',
  'Het college stelt jaarlijks vast welke documenten na vervanging mogen worden vernietigd.',
  'Bij de overgang naar digitaal werken blijft de kwaliteit van de scans het belangrijkste aandachtspunt.',
  'Een scan moet volledig, leesbaar en getrouw zijn, zodat het origineel niet meer nodig is.',
  'Daarom controleert een tweede medewerker steekproefsgewijs of de scans aan de gestelde eisen voldoen.',
  'Afwijkingen worden vastgelegd in een logboek en met de leverancier van de apparatuur besproken.',
  'De kosten van de nieuwe werkwijze worden gedekt uit de bestaande begroting voor informatievoorziening.',
  'Tegenover de eenmalige investering staan structurele besparingen op opslag, porto en drukwerk.',
  'Naar verwachting verdient de investering zich binnen vier jaar terug.',
  'Inwoners merken van de nieuwe werkwijze vooral dat zij sneller antwoord krijgen op hun brieven.',
  'Wie liever op papier blijft corresponderen, kan dat ook in de toekomst blijven doen.',
  'Voor inwoners die minder digitaal vaardig zijn, blijft het loket in het gemeentehuis gewoon open.',
  'De gemeenteraad wordt twee keer per jaar geïnformeerd over de voortgang en de behaalde resultaten.',
  'In de rapportage staan in elk geval de doorlooptijden, het aantal klachten en de uitkomsten van de controles.',
  'Waar de resultaten achterblijven, stelt het college maatregelen voor om de uitvoering bij te sturen.',
  "De belangrijkste risico's liggen in de beschikbaarheid van systemen en in de kennis van medewerkers.",
  'Om uitval op te vangen wordt de scanstraat zo ingericht dat het werk tijdelijk op een andere locatie kan doorgaan.',
  'Alle medewerkers van de postkamer volgen een training in het herkennen van vertrouwelijke stukken.',
  'Stukken met een bijzonder karakter, zoals medische gegevens, worden apart behandeld en extra beveiligd.',
  'De samenwerking met de buurgemeenten biedt kansen om kennis en apparatuur te delen.',
  'Een gezamenlijke aanbesteding kan de kosten per gemeente naar verwachting met een vijfde verlagen.',
  'Voordat een besluit wordt genomen, worden de gevolgen voor de eigen dienstverlening zorgvuldig afgewogen.',
  'De ondernemingsraad is gevraagd advies uit te brengen over de gevolgen voor het personeel.',
  'Het advies is positief, onder de voorwaarde dat medewerkers tijdig worden betrokken bij de invoering.',
  'De invoering verloopt in drie fasen, zodat ervaringen uit de eerste fase in de volgende kunnen worden benut.',
  'In de eerste fase gaat alleen de post van de afdeling Vergunningen over op de nieuwe werkwijze.',
  'Daarna volgen de afdelingen Belastingen en Publiekszaken, en ten slotte de rest van de organisatie.',
  'Na elke fase wordt geëvalueerd of de planning en de begroting moeten worden bijgesteld.',
  'De informatiebeveiliging voldoet aan de Baseline Informatiebeveiliging Overheid.',
  'Gegevens worden versleuteld opgeslagen en alleen via beveiligde verbindingen uitgewisseld.',
  'Jaarlijks toetst een onafhankelijke auditor of de maatregelen werken zoals bedoeld.',
  'Bevindingen uit de audit worden binnen drie maanden opgevolgd en aan het college gerapporteerd.',
  'Met dit beleid zet de gemeente een volgende stap naar een moderne, open en betrouwbare overheid.',
  'De ervaringen van andere gemeenten laten zien dat een goede voorbereiding het verschil maakt.',
  'Tijdens de proefperiode bleek dat ruim negen op de tien brieven zonder handmatige correctie konden worden verwerkt.',
  'Brieven die niet automatisch konden worden toegewezen, waren meestal handgeschreven of onvolledig geadresseerd.',
  'Voor deze stukken blijft een ervaren medewerker de beslissing nemen over de juiste behandelaar.',
  'Het beleid wordt na twee jaar geëvalueerd, waarbij ook inwoners en ondernemers om hun mening wordt gevraagd.',
];

const TITLES = [
  'Beleidskader digitale postverwerking',
  'Nota informatiebeheer en archief',
  'Uitvoeringsplan dienstverlening',
  'Kadernota vervanging en vernietiging',
];

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

const A4: [number, number] = [595.28, 841.89];

/** The page as a PDF (one column, margin to margin) and its ground truth. */
export async function makeDensePdf(seed: number): Promise<{ pdf: Uint8Array; text: string }> {
  const rng = new Rng(seed, DENSE_SPREAD);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fixed = new Date(Date.UTC(2026, 0, 1));
  doc.setProducer('Postkamer dense test pages');
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const page = doc.addPage(A4);
  const serif = rng.next() < 0.5;
  const regular = await doc.embedFont(serif ? StandardFonts.TimesRoman : StandardFonts.Helvetica);
  const bold = await doc.embedFont(serif ? StandardFonts.TimesRomanBold : StandardFonts.HelveticaBold);
  const size = serif ? rng.pick([10.5, 11]) : rng.pick([10, 10.5]);
  const lead = size * 1.25;
  const margin = 57; // 20 mm
  const width = A4[0] - 2 * margin;
  const lines: string[] = [];
  let y = A4[1] - 62;
  const put = (text: string, font: PDFFont, s: number) => {
    page.drawText(text, { x: margin, y, size: s, font });
    lines.push(text);
  };
  put(rng.pick(TITLES), bold, 15);
  y -= 26;
  let pool = rng.shuffle(SENTENCES);
  let at = 0;
  const headings = rng.shuffle(HEADINGS);
  const bottom = 60;
  for (let s = 0; y > bottom + 4 * lead; s++) {
    put(`${s + 1}. ${headings[s % headings.length]}`, bold, size);
    y -= lead * 1.15;
    for (let p = rng.int(1, 2); p > 0 && y > bottom + 2 * lead; p--) {
      const sentences: string[] = [];
      for (let n = rng.int(3, 5); n > 0; n--) {
        if (at >= pool.length) {
          pool = rng.shuffle(SENTENCES);
          at = 0;
        }
        sentences.push(pool[at++]!);
      }
      // Whole lines only: a paragraph that does not fit is cut at the last line that does.
      for (const l of wrap(sentences.join(' '), regular, size, width)) {
        if (y < bottom) break;
        put(l, regular, size);
        y -= lead;
      }
      y -= lead * 0.4;
    }
    y -= lead * 0.3;
  }
  return { pdf: await doc.save(), text: lines.join('\n') };
}

const require = createRequire(import.meta.url);
const standardFontDataUrl = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;

/** pdf.js (legacy build) on @napi-rs/canvas, white background; RGB pixels. */
async function rasterise(pdf: Uint8Array, dpi: number): Promise<{ data: Buffer; width: number; height: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    standardFontDataUrl,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const width = Math.round(viewport.width);
    const height = Math.round(viewport.height);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({ canvasContext: ctx, canvas, viewport } as unknown as Parameters<typeof page.render>[0]).promise;
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const data = Buffer.alloc(width * height * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      data[j] = rgba[i]!;
      data[j + 1] = rgba[i + 1]!;
      data[j + 2] = rgba[i + 2]!;
    }
    return { data, width, height };
  } finally {
    await doc.destroy();
  }
}

/** One dense page of the given variant; the same seed and variant give the same bytes. */
export async function renderDensePage(seed: number, variant: DenseVariant, dpi = 300): Promise<DensePage> {
  const { pdf, text } = await makeDensePdf(seed);
  const r = await rasterise(pdf, dpi);
  const rng = new Rng(seed ^ 0x0ddba11, DENSE_SPREAD);
  const density = { density: dpi };
  const raw = (data: Buffer, width: number, height: number, channels: 1 | 3) => sharp(data, { raw: { width, height, channels } });
  const turn = async (degrees: number): Promise<{ data: Buffer; width: number; height: number }> => {
    if (degrees === 0) return r;
    if (degrees % 90 === 0) {
      const t = await raw(r.data, r.width, r.height, 3).rotate(degrees).raw().toBuffer({ resolveWithObject: true });
      return { data: t.data, width: t.info.width, height: t.info.height };
    }
    const t = await raw(r.data, r.width, r.height, 3)
      .rotate(degrees, { background: { r: 255, g: 255, b: 255 } })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const left = Math.floor((t.info.width - r.width) / 2);
    const top = Math.floor((t.info.height - r.height) / 2);
    const c = await raw(t.data, t.info.width, t.info.height, 3).extract({ left, top, width: r.width, height: r.height }).raw().toBuffer();
    return { data: c, width: r.width, height: r.height };
  };
  const degrade = async (img: { data: Buffer; width: number; height: number }): Promise<Buffer> => {
    const gray = Buffer.alloc(img.width * img.height);
    for (let p = 0, i = 0; p < gray.length; p++, i += 3) {
      const v = 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]! + rng.gaussian() * 10;
      gray[p] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
    return raw(gray, img.width, img.height, 1)
      .toColourspace('b-w')
      .blur(0.7)
      .withMetadata(density)
      .jpeg({ quality: 45, mozjpeg: false })
      .toBuffer();
  };
  const png = (img: { data: Buffer; width: number; height: number }) =>
    raw(img.data, img.width, img.height, 3).withMetadata(density).png().toBuffer();
  const degrees: Record<DenseVariant, number> = {
    clean: 0,
    jpeg: 0,
    'skew+2.5': 2.5,
    'skew-2': -2,
    sideways: 90,
    'upside-down': 180,
    'skew-3-jpeg': -3,
  };
  const img = await turn(degrees[variant]);
  const jpeg = variant === 'jpeg' || variant === 'upside-down' || variant === 'skew-3-jpeg';
  return {
    bytes: jpeg ? await degrade(img) : await png(img),
    ext: jpeg ? 'jpg' : 'png',
    width: img.width,
    height: img.height,
    dpi,
    text,
    variant,
  };
}
