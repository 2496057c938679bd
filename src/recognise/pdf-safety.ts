// Refuse PDFs that carry active content or are encrypted, before any renderer touches them.
// pdf-lib parses every indirect object (object streams included) and we walk the dictionaries:
// pdf.js would not run the JavaScript (no scripting in Node), but a PDF that carries it must not
// reach the archive or the zaaksysteem, where other viewers may run it.
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRawStream, PDFStream } from 'pdf-lib';

export type PdfVerdict =
  | { ok: true; doc: PDFDocument }
  | { ok: false; reason: 'encrypted' | 'javascript'; detail: string }
  | { ok: false; reason: 'unreadable'; detail: string };

/** Keys whose mere presence means scripts or automatic actions. */
const ACTIVE_KEYS = new Set(['/JS', '/JavaScript', '/AA', '/XFA']);
/** Action types we refuse wherever they appear (OpenAction, link annotations, outlines, …). */
const ACTIVE_ACTIONS = new Set(['/JavaScript', '/Launch', '/Rendition']);

function findActive(obj: PDFObject | undefined, depth = 0): string | null {
  if (!obj || depth > 64) return null;
  if (obj instanceof PDFStream || obj instanceof PDFRawStream) return findActive(obj.dict, depth + 1);
  if (obj instanceof PDFArray) {
    for (let i = 0; i < obj.size(); i++) {
      const hit = findActive(obj.get(i), depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (obj instanceof PDFDict) {
    for (const [key, value] of obj.entries()) {
      const k = key.asString();
      if (ACTIVE_KEYS.has(k)) return k;
      if (k === '/S' && value instanceof PDFName && ACTIVE_ACTIONS.has(value.asString())) return `/S ${value.asString()}`;
      const hit = findActive(value, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/** A byte-level fallback for files pdf-lib cannot parse (uncompressed syntax only). */
function rawScan(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const m = /\/(JavaScript|JS|AA|Launch)[\s/<[(]/.exec(text);
  return m ? `/${m[1]}` : null;
}

export async function inspectPdf(bytes: Uint8Array): Promise<PdfVerdict> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch (e) {
    if (/\/Encrypt[\s<\d]/.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))) {
      return { ok: false, reason: 'encrypted', detail: 'Encrypt' };
    }
    const hit = rawScan(bytes);
    if (hit) return { ok: false, reason: 'javascript', detail: hit };
    return { ok: false, reason: 'unreadable', detail: (e as Error).message };
  }
  // Any /Encrypt dictionary is refused, also owner-password-only files: PDF/A forbids encryption and
  // we cannot verify what a restricted file hides.
  if (doc.isEncrypted) return { ok: false, reason: 'encrypted', detail: 'Encrypt' };
  const catalog = doc.catalog;
  const names = catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict && names.has(PDFName.of('JavaScript'))) {
    return { ok: false, reason: 'javascript', detail: '/Names /JavaScript' };
  }
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const hit = findActive(obj);
    if (hit) return { ok: false, reason: 'javascript', detail: hit };
  }
  const hitTrailer = findActive(catalog);
  if (hitTrailer) return { ok: false, reason: 'javascript', detail: hitTrailer };
  return { ok: true, doc };
}
