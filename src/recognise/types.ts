// Shared shapes of the recognition engine (no I/O here, so the contract and the PDF writer can use them).

/** A box in image pixels: x0,y0 top-left (inclusive), x1,y1 bottom-right (exclusive). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: Box;
}
export interface OcrLine {
  text: string;
  confidence: number;
  bbox: Box;
  words: OcrWord[];
}
export interface OcrResult {
  text: string;
  /** Mean word confidence 0–100 (what the QC rule looks at). */
  confidence: number;
  lines: OcrLine[];
  words: OcrWord[];
  width: number;
  height: number;
  ms: number;
}

/** The text layer of a born-digital PDF page, boxes in the pixels of the rendered page. */
export interface PdfTextPage {
  text: string;
  lines: OcrLine[];
  words: OcrWord[];
}

export type Colour = 'bilevel' | 'gray' | 'colour';

/** Decoded pixels of a page: one channel for bilevel and gray pages, three (sRGB) for colour ones. */
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

export interface RasterPage {
  index: number;
  /** PNG, lossless. A bilevel page is an 8-bit gray PNG holding only 0 and 255 (deflate packs it as tightly
   *  as a 1-bit PNG would need palette quantisation, which costs ~1 s a page in libvips). */
  image: Buffer;
  width: number;
  height: number;
  dpi: number;
  colour: Colour;
  textLayer?: PdfTextPage;
  /** The same page decoded, when the decoder had it at hand (saves decoding `image` again); never stored. */
  pixels?: Pixels;
}

export type QcFlag = 'low-resolution' | 'too-dark' | 'too-light' | 'strong-skew' | 'low-ocr-confidence' | 'blank' | 'orientation-uncertain';

export type Rotation = 0 | 90 | 180 | 270;
