// Whether a PDF, JPEG, PNG or TIFF file is whole (not still being written), from the few head and tail bytes it needs.
import { open, type FileHandle } from 'node:fs/promises';
import { sniffFormat, type InputFormat } from '../recognise/sniff';

export type Completeness = { complete: true } | { complete: false; reason: string };

/** Random access to the bytes of a file or a buffer; `read` returns fewer bytes at the end. */
export interface ByteSource {
  size: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

const TAIL = 4096;
const MAX_IFDS = 10_000;
const MAX_SEGMENTS = 10_000;
const MAX_ARRAY = 1 << 20;
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const OK: Completeness = { complete: true };
const no = (reason: string): Completeness => ({ complete: false, reason });

export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (pos, len) => bytes.subarray(Math.max(0, pos), Math.max(0, Math.min(bytes.length, pos + len))),
  };
}

export async function handleSource(fh: FileHandle): Promise<ByteSource> {
  const { size } = await fh.stat();
  return {
    size,
    read: async (pos, len) => {
      const n = Math.max(0, Math.min(len, size - pos));
      const buf = Buffer.alloc(n);
      const { bytesRead } = n > 0 ? await fh.read(buf, 0, n, pos) : { bytesRead: 0 };
      return buf.subarray(0, bytesRead);
    },
  };
}

/** The tail without trailing whitespace / NUL padding (within the last TAIL bytes). */
async function trimmedTail(src: ByteSource): Promise<{ tail: Uint8Array; start: number }> {
  const start = Math.max(0, src.size - TAIL);
  const tail = await src.read(start, TAIL);
  let end = tail.length;
  while (end > 0 && WHITESPACE.has(tail[end - 1])) end--;
  return { tail: tail.subarray(0, end), start };
}

async function pdfComplete(src: ByteSource): Promise<Completeness> {
  const { tail } = await trimmedTail(src);
  const text = Buffer.from(tail).toString('latin1');
  if (!text.endsWith('%%EOF')) return no('PDF onvolledig: het bestand eindigt niet op %%EOF.');
  const at = text.lastIndexOf('startxref');
  if (at < 0) return no('PDF onvolledig: geen startxref vóór de laatste %%EOF.');
  const m = /^startxref\s+(\d+)\s+%%EOF$/.exec(text.slice(at));
  if (!m) return no('PDF onvolledig: na de laatste startxref volgt niet direct %%EOF.');
  if (Number(m[1]) >= src.size) return no('PDF onvolledig: startxref wijst voorbij het einde van het bestand.');
  return OK;
}

async function jpegComplete(src: ByteSource): Promise<Completeness> {
  // Walk the marker segments up to the scan (SOS): each must lie within the file (a cut inside an EXIF thumbnail,
  // which ends in its own EOI, is caught here).
  let pos = 2;
  for (let i = 0; i < MAX_SEGMENTS; i++) {
    const h = await src.read(pos, 4);
    if (h.length < 4 || h[0] !== 0xff) return no('JPEG onvolledig: de kop van het beeld is afgebroken.');
    const marker = h[1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    const len = (h[2] << 8) | h[3];
    if (len < 2 || pos + 2 + len > src.size) return no('JPEG onvolledig: een segment loopt voorbij het einde van het bestand.');
    if (marker === 0xda) break;
    pos += 2 + len;
  }
  const { tail } = await trimmedTail(src);
  const n = tail.length;
  if (n < 2 || tail[n - 2] !== 0xff || tail[n - 1] !== 0xd9) return no('JPEG onvolledig: het eindmerk (EOI, FFD9) ontbreekt.');
  return OK;
}

const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

async function pngComplete(src: ByteSource): Promise<Completeness> {
  const { tail } = await trimmedTail(src);
  // The IEND chunk's CRC may itself end in bytes that look like padding: try the untrimmed tail too.
  const full = await src.read(Math.max(0, src.size - IEND.length), IEND.length);
  const endsWithIend = (t: Uint8Array) => t.length >= IEND.length && IEND.every((b, i) => t[t.length - IEND.length + i] === b);
  if (!endsWithIend(tail) && !endsWithIend(full)) return no('PNG onvolledig: het IEND-blok aan het einde ontbreekt.');
  return OK;
}

const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
  16: 8,
  17: 8,
  18: 8,
};
const DATA_TAGS: [number, number][] = [
  [273, 279], // StripOffsets, StripByteCounts
  [324, 325], // TileOffsets, TileByteCounts
];

async function tiffComplete(src: ByteSource): Promise<Completeness> {
  const head = await src.read(0, 16);
  if (head.length < 8) return no('TIFF onvolledig: de kop is afgebroken.');
  const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = head[0] === 0x49;
  const big = dv(head).getUint16(2, le) === 43;
  const u = (v: DataView, at: number, size: number) =>
    size === 1 ? v.getUint8(at) : size === 2 ? v.getUint16(at, le) : size === 4 ? v.getUint32(at, le) : Number(v.getBigUint64(at, le));
  const offSize = big ? 8 : 4;
  const countSize = big ? 8 : 2;
  const entrySize = big ? 20 : 12;
  if (big && head.length < 16) return no('TIFF onvolledig: de kop is afgebroken.');
  let ifd = u(dv(head), big ? 8 : 4, offSize);
  const visited = new Set<number>();
  for (let page = 1; ifd !== 0; page++) {
    if (page > MAX_IFDS || visited.has(ifd)) return no('TIFF beschadigd: de keten van pagina’s (IFD’s) loopt rond.');
    visited.add(ifd);
    const where = `pagina ${page} (IFD op positie ${ifd})`;
    if (ifd + countSize > src.size) return no(`TIFF onvolledig: ${where} ligt buiten het bestand.`);
    const count = u(dv(await src.read(ifd, countSize)), 0, countSize);
    const end = ifd + countSize + count * entrySize + offSize;
    if (count === 0 || count > 4096 || end > src.size) return no(`TIFF onvolledig: de velden van ${where} liggen buiten het bestand.`);
    const body = dv(await src.read(ifd + countSize, count * entrySize + offSize));
    const entries = new Map<number, { type: number; n: number; at: number; inline: boolean }>();
    for (let i = 0; i < count; i++) {
      const e = i * entrySize;
      const tag = u(body, e, 2);
      const type = u(body, e + 2, 2);
      const n = u(body, e + 4, big ? 8 : 4);
      const valueAt = e + (big ? 12 : 8);
      const bytes = (TYPE_SIZE[type] ?? 1) * n;
      const inline = bytes <= offSize;
      const at = inline ? valueAt : u(body, valueAt, offSize);
      if (!inline && at + bytes > src.size) return no(`TIFF onvolledig: een veld van ${where} wijst buiten het bestand.`);
      entries.set(tag, { type, n, at, inline });
    }
    for (const [offTag, cntTag] of DATA_TAGS) {
      const offs = entries.get(offTag);
      const cnts = entries.get(cntTag);
      if (!offs || !cnts) continue;
      if (offs.n !== cnts.n || offs.n > MAX_ARRAY) return no(`TIFF beschadigd: de beeldgegevens van ${where} kloppen niet.`);
      const values = async (e: { type: number; n: number; at: number; inline: boolean }) => {
        const size = TYPE_SIZE[e.type] ?? 4;
        const v = e.inline ? dv(new Uint8Array(body.buffer, body.byteOffset + e.at, offSize)) : dv(await src.read(e.at, size * e.n));
        return Array.from({ length: e.n }, (_, i) => u(v, i * size, size));
      };
      const [o, c] = [await values(offs), await values(cnts)];
      for (let i = 0; i < o.length; i++)
        if (o[i] + c[i] > src.size)
          return no(`TIFF onvolledig: de beeldgegevens van pagina ${page} lopen voorbij het einde van het bestand.`);
    }
    ifd = u(body, count * entrySize, offSize);
  }
  return OK;
}

const CHECKS: Record<InputFormat, (src: ByteSource) => Promise<Completeness>> = {
  pdf: pdfComplete,
  jpeg: jpegComplete,
  png: pngComplete,
  tiff: tiffComplete,
};

/** Whether `source` is a whole file of `kind`, reading only the head and tail bytes the check needs. */
export async function isComplete(source: Uint8Array | FileHandle | ByteSource, kind: InputFormat): Promise<Completeness> {
  const src = source instanceof Uint8Array ? bufferSource(source) : 'size' in source ? source : await handleSource(source);
  return CHECKS[kind](src);
}

/** Sniffs a file's format from its head and checks it is whole; a format we do not know counts as whole (ingest judges it). */
export async function checkFile(path: string): Promise<Completeness & { kind: InputFormat | null }> {
  const fh = await open(path, 'r');
  try {
    const src = await handleSource(fh);
    const kind = sniffFormat(await src.read(0, 1024));
    if (!kind) return { complete: true, kind };
    return { ...(await isComplete(src, kind)), kind };
  } finally {
    await fh.close();
  }
}
