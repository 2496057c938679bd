// CCITT Group 4 (ITU-T T.6) encoder for bilevel page images.
//
// Why our own: PDF needs the whole page as one G4 stream, and libvips/libtiff only writes G4 in
// TIFF strips of 256 rows, each coded from a fresh white reference line, so the strips cannot
// be joined. G4 is lossless and typically 3–10× smaller than 1-bit Flate on scanned text.
//
// The coder works on "changing elements" (positions where the colour flips, starting from an
// imaginary white pixel left of column 0), as T.6 describes it, rather than on single pixels.
// Output is MSB-first, rows are not byte-aligned, and the stream ends with EOFB, matching the
// PDF defaults for /CCITTFaxDecode (K -1, EncodedByteAlign false, EndOfBlock true).

// Modified Huffman codes from ITU-T T.4 tables 2 and 3 (run length = index, or (index + 1) × 64
// for make-up codes; the extended make-up codes 1792…2560 are shared by both colours).
const WHITE_TERMINATING = [
  '00110101',
  '000111',
  '0111',
  '1000',
  '1011',
  '1100',
  '1110',
  '1111',
  '10011',
  '10100',
  '00111',
  '01000',
  '001000',
  '000011',
  '110100',
  '110101',
  '101010',
  '101011',
  '0100111',
  '0001100',
  '0001000',
  '0010111',
  '0000011',
  '0000100',
  '0101000',
  '0101011',
  '0010011',
  '0100100',
  '0011000',
  '00000010',
  '00000011',
  '00011010',
  '00011011',
  '00010010',
  '00010011',
  '00010100',
  '00010101',
  '00010110',
  '00010111',
  '00101000',
  '00101001',
  '00101010',
  '00101011',
  '00101100',
  '00101101',
  '00000100',
  '00000101',
  '00001010',
  '00001011',
  '01010010',
  '01010011',
  '01010100',
  '01010101',
  '00100100',
  '00100101',
  '01011000',
  '01011001',
  '01011010',
  '01011011',
  '01001010',
  '01001011',
  '00110010',
  '00110011',
  '00110100',
];
const WHITE_MAKEUP = [
  '11011',
  '10010',
  '010111',
  '0110111',
  '00110110',
  '00110111',
  '01100100',
  '01100101',
  '01101000',
  '01100111',
  '011001100',
  '011001101',
  '011010010',
  '011010011',
  '011010100',
  '011010101',
  '011010110',
  '011010111',
  '011011000',
  '011011001',
  '011011010',
  '011011011',
  '010011000',
  '010011001',
  '010011010',
  '011000',
  '010011011',
];
const BLACK_TERMINATING = [
  '0000110111',
  '010',
  '11',
  '10',
  '011',
  '0011',
  '0010',
  '00011',
  '000101',
  '000100',
  '0000100',
  '0000101',
  '0000111',
  '00000100',
  '00000111',
  '000011000',
  '0000010111',
  '0000011000',
  '0000001000',
  '00001100111',
  '00001101000',
  '00001101100',
  '00000110111',
  '00000101000',
  '00000010111',
  '00000011000',
  '000011001010',
  '000011001011',
  '000011001100',
  '000011001101',
  '000001101000',
  '000001101001',
  '000001101010',
  '000001101011',
  '000011010010',
  '000011010011',
  '000011010100',
  '000011010101',
  '000011010110',
  '000011010111',
  '000001101100',
  '000001101101',
  '000011011010',
  '000011011011',
  '000001010100',
  '000001010101',
  '000001010110',
  '000001010111',
  '000001100100',
  '000001100101',
  '000001010010',
  '000001010011',
  '000000100100',
  '000000110111',
  '000000111000',
  '000000100111',
  '000000101000',
  '000001011000',
  '000001011001',
  '000000101011',
  '000000101100',
  '000001011010',
  '000001100110',
  '000001100111',
];
const BLACK_MAKEUP = [
  '0000001111',
  '000011001000',
  '000011001001',
  '000001011011',
  '000000110011',
  '000000110100',
  '000000110101',
  '0000001101100',
  '0000001101101',
  '0000001001010',
  '0000001001011',
  '0000001001100',
  '0000001001101',
  '0000001110010',
  '0000001110011',
  '0000001110100',
  '0000001110101',
  '0000001110110',
  '0000001110111',
  '0000001010010',
  '0000001010011',
  '0000001010100',
  '0000001010101',
  '0000001011010',
  '0000001011011',
  '0000001100100',
  '0000001100101',
];
const EXTENDED_MAKEUP = [
  '00000001000',
  '00000001100',
  '00000001101',
  '000000010010',
  '000000010011',
  '000000010100',
  '000000010101',
  '000000010110',
  '000000010111',
  '000000011100',
  '000000011101',
  '000000011110',
  '000000011111',
];

interface Code {
  bits: number;
  length: number;
}

const parse = (codes: string[]): Code[] => codes.map((c) => ({ bits: parseInt(c, 2), length: c.length }));

const TABLES = {
  white: { terminating: parse(WHITE_TERMINATING), makeup: parse(WHITE_MAKEUP) },
  black: { terminating: parse(BLACK_TERMINATING), makeup: parse(BLACK_MAKEUP) },
};
const EXTENDED = parse(EXTENDED_MAKEUP);

const PASS: Code = { bits: 0b0001, length: 4 };
const HORIZONTAL: Code = { bits: 0b001, length: 3 };
// Vertical mode, indexed by a1 − b1 + 3 (VL3 … V0 … VR3).
const VERTICAL: Code[] = parse(['0000010', '000010', '010', '1', '011', '000011', '0000011']);
const EOL: Code = { bits: 1, length: 12 };

class BitWriter {
  private buf: Uint8Array;
  private pos = 0;
  private acc = 0;
  private n = 0;
  constructor(initial: number) {
    this.buf = new Uint8Array(Math.max(1024, initial));
  }
  put(code: Code): void {
    // Codes are at most 13 bits, so acc stays below 21 bits.
    this.acc = (this.acc << code.length) | code.bits;
    this.n += code.length;
    while (this.n >= 8) {
      this.n -= 8;
      this.byte((this.acc >>> this.n) & 0xff);
    }
    this.acc &= (1 << this.n) - 1;
  }
  private byte(b: number): void {
    if (this.pos === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.pos++] = b;
  }
  finish(): Uint8Array {
    if (this.n > 0) this.byte((this.acc << (8 - this.n)) & 0xff);
    this.n = 0;
    this.acc = 0;
    return this.buf.slice(0, this.pos);
  }
}

function putRun(out: BitWriter, black: boolean, run: number): void {
  const table = black ? TABLES.black : TABLES.white;
  while (run >= 2624) {
    out.put(EXTENDED[EXTENDED.length - 1]!);
    run -= 2560;
  }
  if (run >= 64) {
    const units = run >> 6;
    out.put(units >= 28 ? EXTENDED[units - 28]! : table.makeup[units - 1]!);
    run -= units << 6;
  }
  out.put(table.terminating[run]!);
}

/**
 * Fill `changes` with the changing elements of one row (pixels[offset … offset + width), black
 * below 128) and pad it with three `width` sentinels. Even indices are white→black changes,
 * odd indices black→white.
 */
function changingElements(pixels: Uint8Array, offset: number, width: number, changes: Int32Array): void {
  let n = 0;
  let black = false;
  for (let x = 0; x < width; x++) {
    if (pixels[offset + x]! < 128 !== black) {
      changes[n++] = x;
      black = !black;
    }
  }
  changes[n] = width;
  changes[n + 1] = width;
  changes[n + 2] = width;
}

function encodeRow(out: BitWriter, cur: Int32Array, ref: Int32Array, width: number): void {
  let a0 = -1; // the imaginary white pixel before column 0
  let black = false; // colour of a0
  let ia = 0;
  let ib = 0;
  for (;;) {
    while (cur[ia]! <= a0) ia++;
    const a1 = cur[ia]!;
    while (ref[ib]! <= a0) ib++;
    // b1: first change on the reference line right of a0 to the colour opposite a0's.
    const jb = (ib & 1) === (black ? 1 : 0) ? ib : ib + 1;
    const b1 = ref[jb]!;
    const b2 = ref[jb + 1]!;
    if (b2 < a1) {
      out.put(PASS);
      a0 = b2;
    } else {
      const d = a1 - b1;
      if (d >= -3 && d <= 3) {
        out.put(VERTICAL[d + 3]!);
        a0 = a1;
        black = !black;
      } else {
        const a2 = cur[ia + 1]!;
        out.put(HORIZONTAL);
        putRun(out, black, a1 - Math.max(a0, 0));
        putRun(out, !black, a2 - a1);
        a0 = a2;
      }
    }
    if (a0 >= width) return;
  }
}

/** Changing elements of packed 1-bit rows (1 = white, MSB first), skipping uniform bytes. */
function packedChangingElements(rows: Uint8Array, offset: number, width: number, changes: Int32Array): void {
  let n = 0;
  let black = false;
  let x = 0;
  for (let i = offset; x < width; i++) {
    const byte = rows[i]!;
    if (x + 8 <= width && byte === (black ? 0x00 : 0xff)) {
      x += 8;
      continue;
    }
    for (let bit = 7; bit >= 0 && x < width; bit--, x++) {
      if ((((byte >> bit) & 1) === 0) !== black) {
        changes[n++] = x;
        black = !black;
      }
    }
  }
  changes[n] = width;
  changes[n + 1] = width;
  changes[n + 2] = width;
}

function encodeRows(width: number, height: number, fill: (y: number, changes: Int32Array) => void): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`encodeG4: bad size ${width}×${height}`);
  }
  // Text pages compress to roughly 1–3 % of one bit per pixel; start there and grow if needed.
  const out = new BitWriter((width * height) >> 6);
  let ref = new Int32Array(width + 4);
  let cur = new Int32Array(width + 4);
  ref[0] = ref[1] = ref[2] = width; // the imaginary all-white line above the page
  for (let y = 0; y < height; y++) {
    fill(y, cur);
    encodeRow(out, cur, ref, width);
    const t = ref;
    ref = cur;
    cur = t;
  }
  out.put(EOL);
  out.put(EOL);
  return out.finish();
}

/**
 * Encode a bilevel image as one CCITT G4 stream.
 * `pixels` holds one byte per pixel, row by row; a value below 128 is black.
 */
export function encodeG4(pixels: Uint8Array, width: number, height: number): Uint8Array {
  if (pixels.length < width * height) throw new RangeError('encodeG4: pixel buffer too small');
  return encodeRows(width, height, (y, changes) => changingElements(pixels, y * width, width, changes));
}

/**
 * Encode packed 1-bit rows (as in a 1-bit grey PNG: 1 = white, MSB first, `stride` bytes a row)
 * as one CCITT G4 stream, without expanding to a byte per pixel.
 */
export function encodeG4Packed(rows: Uint8Array, width: number, height: number, stride: number): Uint8Array {
  if (stride < Math.ceil(width / 8) || rows.length < stride * height) throw new RangeError('encodeG4Packed: row buffer too small');
  return encodeRows(width, height, (y, changes) => packedChangingElements(rows, y * stride, width, changes));
}
