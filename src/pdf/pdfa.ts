// Searchable PDF/A-2b from processed page images and their OCR words.
//
// pdf-lib has no PDF/A support, so this module adds what PDF/A-2b needs (notes/performance.md
// §4.4): an embedded font (a DejaVu Sans subset) for the invisible text layer, XMP metadata with
// the PDF/A identification that agrees with the Info dictionary, a document ID in the trailer,
// and an sRGB OutputIntent. It adds nothing PDF/A forbids: no encryption, no JavaScript, no
// transparency, no annotations.
//
// Page images are written as image XObjects by hand (see page-image.ts) instead of through
// pdf-lib's embedPng, which decodes to RGBA and re-deflates in JavaScript. Pages are built one
// at a time and only their compressed streams are kept, so memory is about the size of the
// finished PDF (twice that during the final serialisation), and work grows linearly with pages.
//
// JPEG quality in 'standard' mode defaults to 75: on 300-ppi text pages that keeps strokes and
// stamps clean at roughly a tenth of the lossless size. Masters that replace paper should use
// 'lossless' (notes/dutch-records.md §2.1: no lossy compression unless no information is lost).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type Fontkit from '@pdf-lib/fontkit';
import { type PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef, PDFString, type PDFFont } from 'pdf-lib';
import { PostkamerError } from '../contract/errors';
import { appPath } from '../base/app-root';
import { encodePageImage, type EncodedImage, type ImageMode, type PageColour } from './page-image';
import { readPngHeader } from './png';
import { textLayerOps, type OcrWord, type TextLayerFont } from './text-layer';
import { buildXmp, keywordString } from './xmp';

export type { ImageMode } from './page-image';

export interface PdfPageInput {
  /** PNG of the processed page */
  image: Buffer;
  width: number;
  height: number;
  dpi: number;
  colour: PageColour;
  words: OcrWord[];
  /** The image already encoded for this mode (encodePageImageFromPixels); must hold the same pixels as `image`. */
  encoded?: EncodedImage | null;
}

export interface PdfMeta {
  /** uuid */
  documentId: string;
  title: string;
  createdAt: Date;
  producer?: string;
  /** BCP 47, e.g. 'nl-NL' */
  language?: string;
  keywords?: string[];
}

export interface BuildPdfOptions {
  mode: ImageMode;
  /** 'standard' mode only; 1–100, default 75 */
  jpegQuality?: number;
  /** folder holding fonts/ and icc/; defaults to the repository's assets/ */
  assetsDir?: string;
}

export const DEFAULT_JPEG_QUALITY = 75;
const DEFAULT_PRODUCER = 'Postkamer';
const FONT_FILE = 'fonts/DejaVuSans.ttf';
const ICC_FILE = 'icc/sRGB.icc';
const SRGB_ID = 'sRGB IEC61966-2.1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const defaultAssetsDir = () => appPath('assets');

interface FontFacts {
  bytes: Uint8Array;
  ascent: number;
  descent: number;
  charset: Set<number>;
}

const fontCache = new Map<string, FontFacts>();

/**
 * fontkit for pdf-lib that parses each font file once per process. pdf-lib calls `create` for every document, and
 * a fresh font object parses its tables (cmap, GSUB, GPOS, hmtx…) again on first use: ~30 ms of main-thread time
 * per document. The parsed font is only read from (each document makes its own subset), so one object serves all.
 */
const parsedFonts = new WeakMap<Uint8Array, unknown>();
let fontkit: typeof Fontkit;
let sharedFontkit: typeof Fontkit;

/**
 * fontkit is loaded on the first PDF, not with the core: importing it unpacks its tables (~0.4 s of CPU), which
 * every `postkamer` command that opens the store would pay otherwise (test/bench/cold-start.ts).
 */
async function loadFontkit(): Promise<void> {
  if (sharedFontkit) return;
  fontkit = (await import('@pdf-lib/fontkit')).default;
  sharedFontkit = {
    ...fontkit,
    create(bytes: Uint8Array, postscriptName?: string) {
      if (postscriptName !== undefined) return fontkit.create(bytes, postscriptName);
      let font = parsedFonts.get(bytes);
      if (!font) {
        font = fontkit.create(bytes);
        parsedFonts.set(bytes, font);
      }
      return font as ReturnType<typeof fontkit.create>;
    },
  };
}
const iccCache = new Map<string, Uint8Array>();

function fontFacts(assetsDir: string): FontFacts {
  const file = path.join(assetsDir, FONT_FILE);
  let facts = fontCache.get(file);
  if (!facts) {
    const bytes = readFileSync(file);
    const font = fontkit.create(bytes) as unknown as {
      ascent: number;
      descent: number;
      unitsPerEm: number;
      characterSet: number[];
    };
    facts = {
      bytes,
      ascent: font.ascent / font.unitsPerEm,
      descent: font.descent / font.unitsPerEm,
      charset: new Set(font.characterSet),
    };
    fontCache.set(file, facts);
  }
  return facts;
}

function iccProfile(assetsDir: string): Uint8Array {
  const file = path.join(assetsDir, ICC_FILE);
  let deflated = iccCache.get(file);
  if (!deflated) {
    deflated = zlib.deflateSync(readFileSync(file));
    iccCache.set(file, deflated);
  }
  return deflated;
}

// XML 1.0 cannot carry most control characters; strip them once so that Info and XMP agree.
// eslint-disable-next-line no-control-regex
const cleanText = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

function invalid(detail: string): PostkamerError {
  return new PostkamerError('invalid-input', detail);
}

function checkInput(pages: PdfPageInput[], meta: PdfMeta, quality: number): void {
  if (pages.length === 0) throw invalid("(PDF: geen pagina's)");
  if (!UUID.test(meta.documentId)) throw invalid('(PDF: documentId is geen uuid)');
  if (!(meta.createdAt instanceof Date) || Number.isNaN(meta.createdAt.getTime())) throw invalid('(PDF: ongeldige datum)');
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw invalid('(PDF: JPEG-kwaliteit moet 1–100 zijn)');
  pages.forEach((p, i) => {
    if (!(p.dpi > 0) || !Number.isFinite(p.dpi)) throw invalid(`(PDF: pagina ${i + 1} heeft geen geldige resolutie)`);
    if (!['bilevel', 'gray', 'colour'].includes(p.colour)) throw invalid(`(PDF: pagina ${i + 1} heeft een onbekende kleurmodus)`);
  });
}

/** The subset tag (six capitals) from the document ID, so the same input gives the same bytes. */
function subsetTag(documentId: string): string {
  const hex = documentId.replace(/-/g, '');
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + parseInt(hex[i]!, 16));
  return tag;
}

/** Lazily embedded text-layer font with per-document caches of encodings and widths. */
class TextFont implements TextLayerFont {
  readonly resourceName = 'F0';
  readonly ascent: number;
  readonly descent: number;
  private pdfFont: PDFFont | undefined;
  /** Glyph (hex, as the subset numbers it) and advance width per character. */
  private readonly chars = new Map<string, { hex: string; width1000: number }>();
  constructor(
    private readonly doc: PDFDocument,
    private readonly facts: FontFacts,
    private readonly name: string,
  ) {
    this.ascent = facts.ascent;
    this.descent = facts.descent;
  }
  has(codePoint: number): boolean {
    return this.facts.charset.has(codePoint);
  }
  async ready(): Promise<void> {
    // Ligatures off: one glyph per character keeps search and copy/paste exact.
    this.pdfFont ??= await this.doc.embedFont(this.facts.bytes, {
      subset: true,
      customName: this.name,
      features: { liga: false, clig: false, dlig: false, calt: false },
    });
  }
  get ref(): PDFRef | undefined {
    return this.pdfFont?.ref;
  }
  /**
   * Per character, not per word: with ligatures and contextual forms off every character is one glyph, so a
   * word's glyphs are its characters' glyphs in a row. fontkit's layout then runs once per distinct character
   * of the document instead of once per word (it was ~40 ms of main-thread time per page). Kerning is left
   * out of the width; the text layer stretches each word to its box anyway.
   */
  private entry(text: string) {
    const font = this.pdfFont!;
    let hex = '';
    let width1000 = 0;
    for (const ch of text) {
      let c = this.chars.get(ch);
      if (!c) {
        c = { hex: font.encodeText(ch).toString().replace(/^<|>$/g, ''), width1000: font.widthOfTextAtSize(ch, 1000) };
        this.chars.set(ch, c);
      }
      hex += c.hex;
      width1000 += c.width1000;
    }
    return { hex: `<${hex}>`, width1000 };
  }
  widthOf(text: string, size: number): number {
    return (this.entry(text).width1000 * size) / 1000;
  }
  encode(text: string): string {
    return this.entry(text).hex;
  }
}

function imageXObject(doc: PDFDocument, img: EncodedImage): PDFRef {
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: img.width,
    Height: img.height,
    ColorSpace: img.colorSpace,
    BitsPerComponent: img.bitsPerComponent,
    Filter: img.filter,
  };
  if (img.decodeParms) dict.DecodeParms = img.decodeParms;
  return doc.context.register(doc.context.stream(img.data, dict as never));
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

export async function buildPdfA(pages: PdfPageInput[], meta: PdfMeta, opts: BuildPdfOptions): Promise<Uint8Array> {
  const quality = opts.jpegQuality ?? DEFAULT_JPEG_QUALITY;
  checkInput(pages, meta, quality);
  const assetsDir = opts.assetsDir ?? defaultAssetsDir();
  await loadFontkit();
  const facts = fontFacts(assetsDir);

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(sharedFontkit);
  const { context } = doc;
  const font = new TextFont(doc, facts, `${subsetTag(meta.documentId)}+DejaVuSans`);

  const pagesRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  const pageTree = doc.catalog.Pages();
  const kids = pageTree.get(PDFName.of('Kids')) as PDFArray;

  pages.forEach((page, i) => {
    const header = readPngHeader(page.image);
    if (header.width !== page.width || header.height !== page.height) {
      throw invalid(`(PDF: pagina ${i + 1}: ${page.width}×${page.height} opgegeven, afbeelding is ${header.width}×${header.height})`);
    }
  });

  // Encode the next page's image while this one is written: sharp works on libuv threads, so two
  // in flight keep both cores busy; more would only hold more pages in memory.
  const encoding: (Promise<EncodedImage> | undefined)[] = [];
  const start = (i: number) => {
    if (i >= pages.length || encoding[i]) return;
    const p = pages[i]!;
    const job = p.encoded ? Promise.resolve(p.encoded) : encodePageImage(p.image, p.colour, opts.mode, quality);
    job.catch(() => undefined); // awaited in order below; this only silences "unhandled" while queued
    encoding[i] = job;
  };

  for (let i = 0; i < pages.length; i++) {
    const page = pages[i]!;
    start(i);
    start(i + 1);
    const img = await encoding[i]!;
    encoding[i] = undefined;
    const scale = 72 / page.dpi;
    // Rounded so MediaBox and cm agree exactly (595.2, not 595.1999999999999).
    const w = Math.round(img.width * scale * 10000) / 10000;
    const h = Math.round(img.height * scale * 10000) / 10000;

    let text = '';
    if (page.words.length > 0) {
      await font.ready();
      text = textLayerOps(page.words, { heightPt: h, scale }, font);
    }
    const ops = `q ${fmt(w)} 0 0 ${fmt(h)} 0 0 cm /Im0 Do Q\n${text}`;
    const contents = context.register(context.stream(zlib.deflateSync(Buffer.from(ops, 'latin1')), { Filter: 'FlateDecode' }));

    const resources: Record<string, unknown> = { XObject: { Im0: imageXObject(doc, img) } };
    if (text && font.ref) resources.Font = { [font.resourceName]: font.ref };
    const leaf = context.obj({
      Type: 'Page',
      Parent: pagesRef,
      MediaBox: [0, 0, w, h],
      Resources: resources as never,
      Contents: contents,
    });
    // Appending to Kids directly: pdf-lib's insertLeafNode walks the tree per page.
    kids.push(context.register(leaf));
  }
  pageTree.set(PDFName.of('Count'), PDFNumber.of(pages.length));

  return finishPdfA(doc, meta, assetsDir);
}

/**
 * What makes a built document a PDF/A-2 file, for every PDF Postkamer writes (scans, reports): the Info dictionary and
 * the XMP from the same values, the sRGB output intent, the trailer ID from the document id, a classic xref table.
 */
export function finishPdfA(doc: PDFDocument, meta: PdfMeta, assetsDir = defaultAssetsDir()): Promise<Uint8Array> {
  const { context } = doc;
  const icc = iccProfile(assetsDir);
  // Info dictionary and XMP from the same values (PDF/A requires them to agree).
  const title = cleanText(meta.title);
  const producer = cleanText(meta.producer ?? DEFAULT_PRODUCER);
  const keywords = meta.keywords?.map(cleanText);
  const created = new Date(Math.floor(meta.createdAt.getTime() / 1000) * 1000);
  doc.setTitle(title);
  doc.setProducer(producer);
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  const kw = keywordString(keywords);
  if (kw) doc.setKeywords([kw]);
  if (meta.language) doc.setLanguage(meta.language);

  const xmp = buildXmp({ documentId: meta.documentId, title, producer, createdAt: created, language: meta.language, keywords });
  // Uncompressed, so archive tools can find the XMP packet by scanning the file.
  const metadata = context.register(context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' }));
  doc.catalog.set(PDFName.of('Metadata'), metadata);

  const profile = context.register(context.stream(icc, { N: 3, Filter: 'FlateDecode' }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(SRGB_ID),
    Info: PDFString.of(SRGB_ID),
    DestOutputProfile: profile,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));

  const id = PDFHexString.of(meta.documentId.replace(/-/g, '').toUpperCase());
  context.trailerInfo.ID = context.obj([id, id]);

  // Classic xref table, no object streams: valid for PDF/A-2 and readable by the most tools.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
