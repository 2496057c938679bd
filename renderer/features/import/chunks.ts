// How a chosen or dropped file is cut up for `upload.chunk`. Pure: no DOM, no I/O (tested under Node).

/** 4 MiB of payload per chunk: 5.6 MB of base64, under the contract's 8 MiB limit and the harness's frame limit. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface ChunkRange {
  start: number;
  end: number;
}

/** Byte ranges [start, end) covering `size` bytes in order; none for an empty file. */
export function chunkRanges(size: number, chunkBytes: number = CHUNK_BYTES): ChunkRange[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid size ${size}`);
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes <= 0) throw new RangeError(`invalid chunk size ${chunkBytes}`);
  const out: ChunkRange[] = [];
  for (let start = 0; start < size; start += chunkBytes) out.push({ start, end: Math.min(size, start + chunkBytes) });
  return out;
}

// btoa takes a "binary string"; building it in slices keeps String.fromCharCode's argument list small
// (a 4 MiB spread would overflow the call stack).
const SLICE = 0x8000;

/** Standard base64 (with padding), as the contract's `upload.chunk.data` expects. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + SLICE) as unknown as number[]);
  }
  return btoa(binary);
}

/** Whole-number percentage, never 100 before the last byte is in. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 100;
  if (done >= total) return 100;
  return Math.min(99, Math.floor((done / total) * 100));
}
