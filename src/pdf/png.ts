// Just enough PNG reading to pass a PNG's compressed pixels straight into a PDF.
//
// A PNG's IDAT stream is a zlib stream of filtered rows; PDF's FlateDecode with /Predictor 15
// decodes exactly that, so a grey or RGB PNG goes into the PDF without being decoded and
// re-compressed: fast, and pixel-identical by construction. (pdf-lib's own PNG path decodes to
// RGBA and re-deflates in JavaScript; see notes/performance.md §4.2.)

import zlib from 'node:zlib';
import { PostkamerError } from '../contract/errors';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha */
  colorType: number;
  interlaced: boolean;
}

export interface PngData extends PngHeader {
  /** the concatenated IDAT payload: one zlib stream */
  idat: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPES = new Set([0, 2, 3, 4, 6]);

function damaged(detail: string): PostkamerError {
  return new PostkamerError('input-truncated', `(PNG: ${detail})`);
}

export function readPngHeader(png: Uint8Array): PngHeader {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new PostkamerError('input-unsupported', '(geen PNG)');
  if (buf.readUInt32BE(8) !== 13 || buf.toString('latin1', 12, 16) !== 'IHDR') throw damaged('IHDR ontbreekt');
  const header: PngHeader = {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    bitDepth: buf[24]!,
    colorType: buf[25]!,
    interlaced: buf[28] === 1,
  };
  if (header.width === 0 || header.height === 0 || !COLOR_TYPES.has(header.colorType)) throw damaged('ongeldige kop');
  return header;
}

/**
 * Parse the chunks, check every chunk's CRC and collect IDAT. Throws on truncation or damage
 * instead of looping or guessing (pdf-lib's PNG decoder can hang on a truncated file).
 * The pixels are not inflated: a CRC check costs well under a millisecond per page, inflating a
 * 300-ppi colour page about 100 ms, and the pages come from our own pipeline.
 */
export function readPng(png: Uint8Array): PngData {
  const header = readPngHeader(png);
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const parts: Buffer[] = [];
  let at = 8;
  let ended = false;
  while (at + 12 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const dataEnd = at + 8 + length;
    if (dataEnd + 4 > buf.length) throw damaged(`chunk ${type} afgebroken`);
    if (zlib.crc32(buf.subarray(at + 4, dataEnd)) !== buf.readUInt32BE(dataEnd)) throw damaged(`chunk ${type} beschadigd`);
    if (type === 'IDAT') parts.push(buf.subarray(at + 8, dataEnd));
    at = dataEnd + 4;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended) throw damaged('IEND ontbreekt');
  if (parts.length === 0) throw damaged('geen beeldgegevens');
  return { ...header, idat: parts.length === 1 ? parts[0]! : Buffer.concat(parts) };
}

/** Whether a chunk of this type comes before the image data (e.g. 'tRNS', 'PLTE'). */
export function hasChunkBeforeIdat(png: Uint8Array, wanted: string): boolean {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  while (at + 12 <= buf.length) {
    const type = buf.toString('latin1', at + 4, at + 8);
    if (type === wanted) return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    at += 12 + buf.readUInt32BE(at);
  }
  return false;
}

/** True when every palette entry is a grey (r = g = b); false for no palette. */
export function paletteIsGrey(png: Uint8Array): boolean {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  while (at + 12 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (type === 'PLTE') {
      if (at + 8 + length > buf.length) return false;
      for (let i = at + 8; i + 2 < at + 8 + length; i += 3) {
        if (buf[i] !== buf[i + 1] || buf[i] !== buf[i + 2]) return false;
      }
      return true;
    }
    if (type === 'IDAT' || type === 'IEND') return false;
    at += 12 + length;
  }
  return false;
}

/**
 * Inflate and unfilter a non-interlaced PNG into rows of `stride` bytes (no filter bytes), in the
 * PNG's own sample layout: for a 1-bit grey PNG, packed bits with 1 = white. Used for bilevel
 * pages, where this is far cheaper than a general decode to one byte per pixel.
 */
export function unpackRows(p: PngData): { rows: Uint8Array; stride: number } {
  if (p.interlaced) throw new RangeError('unpackRows: interlaced PNG');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[p.colorType as 0 | 2 | 3 | 4 | 6];
  const bitsPerPixel = channels * p.bitDepth;
  const stride = Math.ceil((p.width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3); // filter distance in bytes
  const expected = (stride + 1) * p.height;
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(p.idat, { maxOutputLength: expected + 1 });
  } catch {
    throw damaged('beeldgegevens beschadigd');
  }
  if (raw.length !== expected) throw damaged('beeldgegevens hebben de verkeerde lengte');
  const rows = new Uint8Array(stride * p.height);
  for (let y = 0; y < p.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    const up = dst - stride; // previous unfiltered row (absent for y = 0)
    // One loop per filter type: the per-byte switch was the hottest spot in bilevel builds.
    if (filter === 0 || (filter === 2 && y === 0)) {
      rows.set(raw.subarray(src, src + stride), dst);
    } else if (filter === 1) {
      for (let i = 0; i < stride; i++) rows[dst + i] = (raw[src + i]! + (i >= bpp ? rows[dst + i - bpp]! : 0)) & 0xff;
    } else if (filter === 2) {
      for (let i = 0; i < stride; i++) rows[dst + i] = (raw[src + i]! + rows[up + i]!) & 0xff;
    } else if (filter === 3) {
      for (let i = 0; i < stride; i++) {
        const a = i >= bpp ? rows[dst + i - bpp]! : 0;
        const b = y > 0 ? rows[up + i]! : 0;
        rows[dst + i] = (raw[src + i]! + ((a + b) >> 1)) & 0xff;
      }
    } else if (filter === 4) {
      for (let i = 0; i < stride; i++) {
        const a = i >= bpp ? rows[dst + i - bpp]! : 0;
        const b = y > 0 ? rows[up + i]! : 0;
        const c = y > 0 && i >= bpp ? rows[up + i - bpp]! : 0;
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        rows[dst + i] = (raw[src + i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
    } else {
      throw damaged('onbekend filtertype');
    }
  }
  return { rows, stride };
}
