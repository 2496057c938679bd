// Encode one page image for the PDF, per colour mode and image mode.
//
//   lossless  grey/colour: Flate with PNG predictors, the PNG's own IDAT passed through when it is
//             already grey or RGB (no decode, pixel-identical); otherwise normalised once by sharp.
//   standard  grey/colour: baseline JPEG (DCTDecode) at `jpegQuality`.
//   both      bilevel: CCITT G4, lossless.
// Bilevel and grey pages stay bilevel and grey: a colour space is never widened.

import sharp from 'sharp';
import { PostkamerError } from '../contract/errors';
import { encodeG4, encodeG4Packed } from './ccitt-g4';
import { hasChunkBeforeIdat, paletteIsGrey, readPng, readPngHeader, unpackRows, type PngData, type PngHeader } from './png';

export type PageColour = 'bilevel' | 'gray' | 'colour';
export type ImageMode = 'lossless' | 'standard';

export interface EncodedImage {
  width: number;
  height: number;
  colorSpace: 'DeviceGray' | 'DeviceRGB';
  bitsPerComponent: number;
  filter: 'FlateDecode' | 'DCTDecode' | 'CCITTFaxDecode';
  decodeParms?: Record<string, number | boolean>;
  data: Uint8Array;
}

const WHITE = { r: 255, g: 255, b: 255 };

/** A sharp pipeline that drops transparency (flattened on white) only when there is some. */
function opaque(png: Buffer, h: PngHeader): sharp.Sharp {
  // ignoreIcc: the numbers go into the PDF as they are (DeviceRGB under the sRGB OutputIntent), the
  // same as in lossless mode, where the PNG's pixels are passed through untouched.
  const img = sharp(png, { sequentialRead: true, ignoreIcc: true });
  const alpha = h.colorType === 4 || h.colorType === 6 || hasChunkBeforeIdat(png, 'tRNS');
  return alpha ? img.flatten({ background: WHITE }) : img;
}

function flateFromPng(p: PngData): EncodedImage {
  const colours = p.colorType === 2 ? 3 : 1;
  return {
    width: p.width,
    height: p.height,
    colorSpace: colours === 3 ? 'DeviceRGB' : 'DeviceGray',
    bitsPerComponent: p.bitDepth,
    filter: 'FlateDecode',
    decodeParms: { Predictor: 15, Colors: colours, BitsPerComponent: p.bitDepth, Columns: p.width },
    data: p.idat,
  };
}

async function lossless(png: Buffer, colour: 'gray' | 'colour'): Promise<EncodedImage> {
  const p = readPng(png);
  // Grey PNGs suit both modes (a colour profile may produce a grey page); RGB only suits colour.
  const passthrough = !p.interlaced && (p.colorType === 0 || (p.colorType === 2 && colour === 'colour'));
  if (passthrough) return flateFromPng(p);
  // Palette, alpha, interlaced, or RGB declared grey: flatten on white and re-encode once,
  // keeping a grey image grey even when the profile is colour.
  const grey = colour === 'gray' || p.colorType === 0 || p.colorType === 4 || (p.colorType === 3 && paletteIsGrey(png));
  const normalised = await opaque(png, p)
    .toColourspace(grey ? 'b-w' : 'srgb')
    .png({ compressionLevel: 6, adaptiveFiltering: true, palette: false })
    .toBuffer();
  return flateFromPng(readPng(normalised));
}

async function jpeg(png: Buffer, colour: 'gray' | 'colour', quality: number): Promise<EncodedImage> {
  const h = readPngHeader(png);
  const grey = colour === 'gray' || h.colorType === 0 || h.colorType === 4 || (h.colorType === 3 && paletteIsGrey(png));
  return jpegOf(opaque(png, h).toColourspace(grey ? 'b-w' : 'srgb'), quality);
}

/** Baseline, 4:2:0, no metadata: the plainest JPEG every PDF reader decodes. */
async function jpegOf(img: sharp.Sharp, quality: number): Promise<EncodedImage> {
  const { data, info } = await img
    .jpeg({ quality, progressive: false, mozjpeg: false, chromaSubsampling: '4:2:0' })
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    colorSpace: info.channels === 1 ? 'DeviceGray' : 'DeviceRGB',
    bitsPerComponent: 8,
    filter: 'DCTDecode',
    data,
  };
}

async function g4(png: Buffer): Promise<EncodedImage> {
  const header = readPngHeader(png);
  let width = header.width;
  let height = header.height;
  let data: Uint8Array;
  if (header.colorType === 0 && header.bitDepth === 1 && !header.interlaced) {
    // The usual case: a 1-bit grey PNG straight from the scanner profile. Its packed rows go
    // to the coder as they are, about five times faster than decoding to a byte per pixel.
    const { rows, stride } = unpackRows(readPng(png));
    data = encodeG4Packed(rows, width, height, stride);
  } else {
    const decoded = await opaque(png, header).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    if (decoded.info.channels !== 1) throw new PostkamerError('internal', '(bilevel: geen grijswaarden na omzetting)');
    width = decoded.info.width;
    height = decoded.info.height;
    data = encodeG4(decoded.data, width, height);
  }
  return {
    width,
    height,
    colorSpace: 'DeviceGray',
    bitsPerComponent: 1,
    filter: 'CCITTFaxDecode',
    // BlackIs1 false: decoded 0 bits are black, as DeviceGray expects.
    decodeParms: { K: -1, Columns: width, Rows: height, BlackIs1: false },
    data,
  };
}

/**
 * The same encoding from pixels already decoded (one channel for bilevel/gray, three for colour), so the
 * caller need not decode the page's PNG again. Returns null where the PNG itself is the cheaper source:
 * lossless grey/colour passes the PNG's own IDAT through.
 */
export async function encodePageImageFromPixels(
  px: { data: Uint8Array; width: number; height: number; channels: 1 | 3 },
  colour: PageColour,
  mode: ImageMode,
  jpegQuality: number,
): Promise<EncodedImage | null> {
  if (colour === 'bilevel') {
    if (px.channels !== 1) return null;
    return {
      width: px.width,
      height: px.height,
      colorSpace: 'DeviceGray',
      bitsPerComponent: 1,
      filter: 'CCITTFaxDecode',
      decodeParms: { K: -1, Columns: px.width, Rows: px.height, BlackIs1: false },
      data: encodeG4(px.data, px.width, px.height),
    };
  }
  if (mode === 'lossless') return null;
  const grey = colour === 'gray' || px.channels === 1;
  const img = sharp(Buffer.from(px.data.buffer, px.data.byteOffset, px.data.byteLength), {
    raw: { width: px.width, height: px.height, channels: px.channels },
  });
  return jpegOf(grey ? img.toColourspace('b-w').extractChannel(0) : img, jpegQuality);
}

export async function encodePageImage(png: Buffer, colour: PageColour, mode: ImageMode, jpegQuality: number): Promise<EncodedImage> {
  if (colour === 'bilevel') return g4(png);
  return mode === 'lossless' ? lossless(png, colour) : jpeg(png, colour, jpegQuality);
}
