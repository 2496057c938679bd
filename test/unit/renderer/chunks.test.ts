import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/contract';
import { bytesToBase64, CHUNK_BYTES, chunkRanges, percent } from '../../../renderer/features/import/chunks';

describe('chunkRanges', () => {
  it('covers the file in order without gaps or overlaps', () => {
    const size = 10 * 1024 * 1024 + 17;
    const r = chunkRanges(size);
    expect(r.map((c) => c.end - c.start)).toEqual([CHUNK_BYTES, CHUNK_BYTES, 2 * 1024 * 1024 + 17]);
    expect(r[0].start).toBe(0);
    for (let i = 1; i < r.length; i++) expect(r[i].start).toBe(r[i - 1].end);
    expect(r.at(-1)!.end).toBe(size);
  });

  it('gives one chunk for an exact multiple boundary and none for an empty file', () => {
    expect(chunkRanges(CHUNK_BYTES)).toEqual([{ start: 0, end: CHUNK_BYTES }]);
    expect(chunkRanges(CHUNK_BYTES + 1)).toHaveLength(2);
    expect(chunkRanges(1)).toEqual([{ start: 0, end: 1 }]);
    expect(chunkRanges(0)).toEqual([]);
  });

  it('refuses nonsense sizes', () => {
    expect(() => chunkRanges(-1)).toThrow(RangeError);
    expect(() => chunkRanges(1.5)).toThrow(RangeError);
    expect(() => chunkRanges(10, 0)).toThrow(RangeError);
  });

  it('keeps a full chunk, base64-encoded, within the contract limit for upload.chunk', () => {
    const data = bytesToBase64(new Uint8Array(CHUNK_BYTES).fill(0xff));
    expect(commands['upload.chunk'].input.safeParse({ uploadId: '00000000-0000-4000-8000-000000000000', offset: 0, data }).success).toBe(
      true,
    );
  });
});

describe('bytesToBase64', () => {
  it('matches Node for every length modulo 3 and for bytes above 127', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255, 256, 0x8000 - 1, 0x8000, 0x8000 + 1, 100_003]) {
      const bytes = randomBytes(n);
      expect(bytesToBase64(new Uint8Array(bytes))).toBe(bytes.toString('base64'));
    }
  });

  it('encodes a whole 4 MiB chunk (no call-stack overflow) and round-trips', () => {
    const bytes = randomBytes(CHUNK_BYTES);
    const b64 = bytesToBase64(new Uint8Array(bytes));
    expect(Buffer.from(b64, 'base64').equals(bytes)).toBe(true);
  });

  it('respects a subarray view (offset into a larger buffer)', () => {
    const all = randomBytes(1000);
    const view = new Uint8Array(all.buffer, all.byteOffset + 10, 20);
    expect(bytesToBase64(view)).toBe(all.subarray(10, 30).toString('base64'));
  });
});

describe('percent', () => {
  it('never says 100 before the last byte, and says 100 at the end', () => {
    expect(percent(0, 1000)).toBe(0);
    expect(percent(999, 1000)).toBe(99);
    expect(percent(1000, 1000)).toBe(100);
    expect(percent(0, 0)).toBe(100);
    expect(percent(1, 3)).toBe(33);
  });
});
