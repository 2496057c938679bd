// The one step from recognised pages to a stored document — extraction, title, PDF/A, text for the search index —
// for ingest and for every rebuild after a page edit, with one profile fallback and the configured zaaknummerPattern.
import type { ScanProfile } from '../capture/profiles';
import { extractMetadata } from '../domain/extract';
import type { OcrLine, OcrPage, OcrWord } from '../domain/types';
import { buildPdfA } from '../pdf/pdfa';
import type { EncodedImage } from '../pdf/page-image';
import type { Colour } from '../recognise/types';
import { batchFacts } from '../store/batches';
import type { Db } from '../store/db';
import type { StoredBlob, Vault } from '../store/vault';
import { summariseExtraction } from './extraction-summary';
import { profileByName } from './profiles';

/** What the installation configures for building documents (today: the municipality's zaaknummer pattern). */
export interface BuildSettings {
  zaaknummerPattern?: string;
}

/** What a document of a batch is built with. */
export interface BuildContext {
  profile: ScanProfile;
  /** yyyy-mm-dd: the day the batch was received (a letter date after it is doubted). */
  scanDate: string;
  zaaknummerPattern?: string;
}

/**
 * The build context of a batch's documents: its profile — the default profile when the batch's profile was renamed
 * or removed since (the one fallback, for ingest and edits alike) — its scan date and the configured settings.
 */
export function buildContextFor(db: Db, batchId: string, settings: BuildSettings): BuildContext {
  const batch = batchFacts(db, batchId);
  let profile: ScanProfile;
  try {
    profile = profileByName(db, batch.profile);
  } catch {
    profile = profileByName(db, null);
  }
  return { profile, scanDate: batch.created_at.slice(0, 10), zaaknummerPattern: settings.zaaknummerPattern };
}

/** One visible page as the builder takes it: the image and its recognition (boxes in the image's pixels). */
export interface BuildPage {
  image: Buffer;
  width: number;
  height: number;
  dpi: number;
  colour: Colour;
  text: string;
  lines: OcrLine[];
  words: OcrWord[];
  /** The image already encoded for the profile's image mode, when at hand. */
  encoded?: EncodedImage | null;
}

export interface BuildInput {
  /** The document's id (written into the PDF). */
  id: string;
  pages: BuildPage[];
  /** Metadata from a separator sheet (zaaknummer, documenttype); a zaaknummer here wins over one found. */
  metadata?: Record<string, string>;
  /** A title that stays (a document being rebuilt keeps its own); otherwise the subject found, else `fallbackTitle`. */
  title?: string | null;
  fallbackTitle: string;
}

export interface BuiltDocument {
  title: string;
  pdf: StoredBlob;
  /** The pages' text, for the search index. */
  text: string;
  /** The summary stored in documents.extracted. */
  extracted: ReturnType<typeof summariseExtraction>['summary'];
  zaaknummer: string | null;
  containsBsn: boolean;
}

/** Extracts, titles and writes the PDF/A of one document (the PDF blob is left 'writing' for the caller to commit). */
export async function buildDocument(vault: Vault, ctx: BuildContext, input: BuildInput): Promise<BuiltDocument> {
  const ocrPages: OcrPage[] = input.pages.map((p, i) => ({ pageIndex: i, width: p.width, height: p.height, text: p.text, lines: p.lines }));
  const found = extractMetadata(ocrPages, { scanDate: ctx.scanDate, zaaknummerPattern: ctx.zaaknummerPattern });
  const subject = found.subject;
  const { summary, zaaknummer } = summariseExtraction(found, input.metadata, subject);
  const title = input.title ?? subject ?? input.fallbackTitle;
  const bytes = await buildPdfA(
    input.pages.map((p) => ({
      image: p.image,
      width: p.width,
      height: p.height,
      dpi: p.dpi,
      colour: p.colour,
      words: p.words,
      encoded: p.encoded,
    })),
    { documentId: input.id, title, createdAt: new Date(), language: 'nl-NL' },
    { mode: ctx.profile.imageMode },
  );
  const pdf = await vault.write(bytes, 'application/pdf');
  return { title, pdf, text: ocrPages.map((p) => p.text).join('\n\f\n'), extracted: summary, zaaknummer, containsBsn: found.containsBsn };
}
