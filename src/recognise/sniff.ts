// Format sniffing by magic bytes. The extension is never trusted: a text file renamed .pdf is refused.

export type InputFormat = 'pdf' | 'tiff' | 'jpeg' | 'png';

export function sniffFormat(bytes: Uint8Array): InputFormat | null {
  const b = bytes;
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  // Classic TIFF (42) in both byte orders, and BigTIFF (43), which libtiff also reads.
  if (
    b.length >= 4 &&
    ((b[0] === 0x49 && b[1] === 0x49 && (b[2] === 42 || b[2] === 43) && b[3] === 0) ||
      (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 42 || b[3] === 43)))
  )
    return 'tiff';
  // PDF readers accept the header anywhere in the first KiB (some scanners prepend junk).
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  return null;
}
