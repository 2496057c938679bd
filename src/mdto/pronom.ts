// What a file really is, as a PRONOM identifier: PDF/A part and conformance from the file's XMP, a plain PDF by its
// header version. Anything else is not named (null): a wrong identifier would mislead the e-depot.

export interface PronomFormat {
  /** The PRONOM identifier (`fmt/477`). */
  puid: string;
  /** PRONOM's name of the format. */
  label: string;
}

const PDFA: Record<string, string> = {
  '1a': 'fmt/95',
  '1b': 'fmt/354',
  '2a': 'fmt/476',
  '2b': 'fmt/477',
  '2u': 'fmt/478',
  '3a': 'fmt/479',
  '3b': 'fmt/480',
  '3u': 'fmt/481',
};

const PDF_VERSION: Record<string, string> = {
  '1.0': 'fmt/14',
  '1.1': 'fmt/15',
  '1.2': 'fmt/16',
  '1.3': 'fmt/17',
  '1.4': 'fmt/18',
  '1.5': 'fmt/19',
  '1.6': 'fmt/20',
  '1.7': 'fmt/276',
  '2.0': 'fmt/1129',
};

/** `pdfaid:part` / `pdfaid:conformance` as an element or as an attribute of rdf:Description. */
function xmpValue(xmp: string, key: 'part' | 'conformance'): string | null {
  const m = new RegExp(`pdfaid:${key}\\s*(?:=\\s*["']([^"']*)["']|>\\s*([^<\\s]*)\\s*<)`).exec(xmp);
  return m ? (m[1] ?? m[2] ?? '').trim() : null;
}

/**
 * The PDF/A identification in the file's XMP packets (the last packet wins: an incremental update appends one), as
 * `2b`; null when the file claims no PDF/A conformance. The metadata stream of a PDF/A is read as stored (uncompressed,
 * as src/pdf writes it and PDF/A-1 demands).
 */
export function pdfaLevel(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let level: string | null = null;
  let from = 0;
  for (;;) {
    const start = text.indexOf('<x:xmpmeta', from);
    if (start < 0) break;
    const end = text.indexOf('</x:xmpmeta>', start);
    if (end < 0) break;
    const packet = text.slice(start, end);
    const part = xmpValue(packet, 'part');
    const conformance = xmpValue(packet, 'conformance');
    if (part && /^[1-4]$/.test(part)) level = `${part}${(conformance ?? '').toLowerCase()}`;
    from = end + 1;
  }
  return level;
}

/** The PDF header's version (`%PDF-1.7` → `1.7`), or null when the file is no PDF. */
export function pdfVersion(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  const m = /%PDF-(\d\.\d)/.exec(head);
  return m ? m[1] : null;
}

/** The file's format, or null when it is no PDF Postkamer can name. */
export function detectFormat(bytes: Uint8Array): PronomFormat | null {
  const version = pdfVersion(bytes);
  if (version) {
    const level = pdfaLevel(bytes);
    if (level && PDFA[level])
      return { puid: PDFA[level], label: `Acrobat PDF/A - Portable Document Format - PDF/A-${level.slice(0, 1)}${level.slice(1)}` };
    const puid = PDF_VERSION[version];
    if (!puid) return null;
    return { puid, label: version === '2.0' ? 'PDF 2.0 - Portable Document Format' : `Acrobat PDF ${version} - Portable Document Format` };
  }
  return null;
}
