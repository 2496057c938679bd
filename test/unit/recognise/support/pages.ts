// Generated test pages for the recognition tests: Dutch letter text typeset as SVG and rendered
// by sharp (librsvg + fontconfig) at a chosen resolution, then degraded (rotated, skewed, noisy,
// bilevel) with sharp. The ground truth is the exact text that was typeset.
import sharp from 'sharp';
import { setPngDensity } from '../../../../src/recognise/png-density';

export const LETTER_LINES = [
  'Gemeente Zuidervaart',
  'Afdeling Burgerzaken, Postbus 1234, 2500 AB Zuidervaart',
  '',
  'Betreft: aanvraag omgevingsvergunning voor het plaatsen van een dakkapel',
  'Ons kenmerk: Z-2024-000183 Datum: 14 maart 2024',
  '',
  'Geachte heer, mevrouw,',
  '',
  'Op 2 februari jl. ontvingen wij uw aanvraag voor een omgevingsvergunning',
  'voor het plaatsen van een dakkapel aan de achterzijde van de woning aan de',
  'Kerkstraat 17 te Zuidervaart. Wij hebben uw aanvraag getoetst aan het',
  'bestemmingsplan en aan de redelijke eisen van welstand. Daarbij is gebleken',
  'dat de dakkapel voldoet aan de voorwaarden die in het plan zijn opgenomen.',
  '',
  'Wij zijn daarom voornemens de gevraagde vergunning te verlenen. Het ontwerp',
  'van het besluit ligt vanaf 18 maart gedurende zes weken ter inzage in het',
  'gemeentehuis. Belanghebbenden kunnen in die periode een zienswijze indienen',
  'bij het college van burgemeester en wethouders.',
  '',
  'Voor de behandeling van uw aanvraag zijn leges verschuldigd. Het bedrag van',
  'EUR 412,50 wordt u binnenkort in rekening gebracht. Hebt u vragen over deze',
  'brief? Neem dan contact op met ons Klantcontactcentrum via telefoonnummer',
  '14 0123 of stuur een e-mail naar vergunningen@zuidervaart.example.nl.',
  '',
  'Met vriendelijke groet,',
  'namens het college van burgemeester en wethouders,',
  '',
  'drs. A.J. van der Meulen-Ëlberts, teamleider Vergunningen',
];

export const SHORT_LETTER_LINES = [
  'Betreft: bezwaarschrift tegen de beschikking van 3 juni',
  'Zaaknummer Z-2023-004512',
  '',
  'Hierbij maak ik bezwaar tegen het besluit over mijn aanvraag voor',
  'bijzondere bijstand. Ik ben het niet eens met de hoogte van het bedrag',
  'en verzoek u het besluit te herzien. De bewijsstukken stuur ik mee.',
];

export interface TestPage {
  png: Buffer;
  text: string;
  dpi: number;
  width: number;
  height: number;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An A4 page (or a crop of it when `heightMm` is given) with the lines typeset from the top margin. */
export async function renderTextPage(
  opts: {
    lines?: string[];
    dpi?: number;
    fontFamily?: string;
    fontSizePt?: number;
    heightMm?: number;
    topMm?: number;
    /** A second column from x = 125 mm (a sender block beside the addressee, as letters have). */
    rightLines?: string[];
  } = {},
): Promise<TestPage> {
  const lines = opts.lines ?? LETTER_LINES;
  const dpi = opts.dpi ?? 300;
  const size = opts.fontSizePt ?? 11;
  const family = opts.fontFamily ?? 'DejaVu Serif';
  const wMm = 210;
  const hMm = opts.heightMm ?? 297;
  const top = opts.topMm ?? 30;
  const lineMm = (size * 1.5 * 25.4) / 72;
  const body =
    lines.map((l, i) => (l ? `<text x="25" y="${(top + i * lineMm).toFixed(2)}">${esc(l)}</text>` : '')).join('') +
    (opts.rightLines ?? []).map((l, i) => (l ? `<text x="125" y="${(top + i * lineMm).toFixed(2)}">${esc(l)}</text>` : '')).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${((wMm * 72) / 25.4).toFixed(2)}" height="${((hMm * 72) / 25.4).toFixed(2)}" viewBox="0 0 ${wMm} ${hMm}">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<g font-family="${family}" font-size="${((size * 25.4) / 72).toFixed(3)}" fill="black">${body}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg), { density: dpi })
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .png()
    .toBuffer({ resolveWithObject: true });
  const png = setPngDensity(data, dpi);
  const right = (opts.rightLines ?? []).filter((l) => l);
  return { png, text: [...lines.filter((l) => l), ...right].join('\n'), dpi, width: info.width, height: info.height };
}

/** Rotate by any angle (counter-clockwise positive, as a scanner skew is described) on white, keeping the size. */
export async function rotatePage(png: Buffer, degreesCcw: number): Promise<Buffer> {
  const meta = await sharp(png).metadata();
  const dpi = meta.density ?? 300;
  if (degreesCcw % 90 === 0)
    return setPngDensity(
      await sharp(png)
        .rotate((360 - degreesCcw) % 360)
        .png()
        .toBuffer(),
      dpi,
    );
  const rotated = await sharp(png).rotate(-degreesCcw, { background: '#ffffff' }).png().toBuffer({ resolveWithObject: true });
  const left = Math.round((rotated.info.width - meta.width!) / 2);
  const top = Math.round((rotated.info.height - meta.height!) / 2);
  return setPngDensity(await sharp(rotated.data).extract({ left, top, width: meta.width!, height: meta.height! }).png().toBuffer(), dpi);
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A blank sheet as a scanner sees it: off-white paper with sensor noise, dust specks, two punch holes
 * near the left edge, a dark border strip and faint show-through of text from the back.
 */
export async function renderBlankScan(seed = 1, dpi = 300): Promise<Buffer> {
  const w = Math.round((210 / 25.4) * dpi);
  const h = Math.round((297 / 25.4) * dpi);
  const rand = rng(seed);
  // Show-through: mirrored letter text, very light.
  const back = await renderTextPage({ dpi });
  const showThrough = await sharp(back.png).flop().raw().toBuffer();
  const px = Buffer.alloc(w * h);
  for (let i = 0; i < w * h; i++) {
    const paper = 236 + Math.round((rand() - 0.5) * 16);
    const st = showThrough[i]! < 128 ? 18 : 0;
    px[i] = Math.max(0, Math.min(255, paper - st));
  }
  // Dust specks: 1–3 px dark dots.
  for (let k = 0; k < 400; k++) {
    const x = Math.floor(rand() * (w - 3));
    const y = Math.floor(rand() * (h - 3));
    const s = 1 + Math.floor(rand() * 3);
    for (let dy = 0; dy < s; dy++) for (let dx = 0; dx < s; dx++) px[(y + dy) * w + x + dx] = 40;
  }
  // Punch holes: 6 mm circles, 12 mm from the left edge, 80 mm apart around the middle.
  const r = (3 / 25.4) * dpi;
  const cx = (12 / 25.4) * dpi;
  for (const cyMm of [108.5, 188.5]) {
    const cy = (cyMm / 25.4) * dpi;
    for (let y = Math.floor(cy - r); y <= cy + r; y++) {
      for (let x = Math.floor(cx - r); x <= cx + r; x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) px[y * w + x] = 25;
      }
    }
  }
  // Dark scanner edge along the top (lid shadow).
  const edge = Math.round((2 / 25.4) * dpi);
  for (let y = 0; y < edge; y++) px.fill(30, y * w, (y + 1) * w);
  return setPngDensity(
    await sharp(px, { raw: { width: w, height: h, channels: 1 } })
      .png()
      .toBuffer(),
    dpi,
  );
}

/** Add sensor noise to a page (gray). */
export async function addNoise(png: Buffer, seed = 7, amount = 30): Promise<Buffer> {
  const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const rand = rng(seed);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((rand() - 0.5) * amount)));
  const meta = await sharp(png).metadata();
  return setPngDensity(
    await sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
      .png()
      .toBuffer(),
    meta.density ?? 300,
  );
}
