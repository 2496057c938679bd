// Every document text the core hands out to be shown (search hits, the recognised text, titles and extracted
// values) passes here on its way out, through the one masking function (maskForDisplay in src/domain/mask.ts).
import type { DocumentSummary, Rejection, SearchHit } from '../contract/schemas';
import { confirmedBsns, HIT_CLOSE, HIT_OPEN, maskForDisplay } from '../domain/mask';
import type { OcrPage } from '../domain/types';
import { bsnSourcesOf, SNIPPET_CLOSE, SNIPPET_OPEN, type RawSearchHit } from '../store/documents';
import type { Db } from '../store/db';

const NONE: ReadonlySet<string> = new Set();

/** The BSNs each document confirms (read again from its OCR with the layout, and from its text). */
export function knownBsnsOf(db: Db, ids: readonly string[]): Map<string, ReadonlySet<string>> {
  const out = new Map<string, ReadonlySet<string>>();
  for (const [id, src] of bsnSourcesOf(db, ids)) {
    const pages: OcrPage[] = [];
    for (const p of src.pages) {
      try {
        pages.push(JSON.parse(p) as OcrPage);
      } catch {
        /* a damaged OCR record: the text below still counts */
      }
    }
    out.set(id, new Set([...confirmedBsns(pages), ...confirmedBsns(src.body)]));
  }
  return out;
}

/** A search hit as shown: snippet and title are out of their context, so every possible BSN is masked. */
export function showSearchHits(db: Db, hits: RawSearchHit[]): SearchHit[] {
  const known = knownBsnsOf(
    db,
    hits.filter((h) => h.containsBsn).map((h) => h.id),
  );
  return hits.map((h) => {
    const opts = { known: known.get(h.id) ?? NONE, outOfContext: true };
    // The store's marks are the masking's marks; the client sees them as brackets.
    const marked = h.snippet.split(SNIPPET_OPEN).join(HIT_OPEN).split(SNIPPET_CLOSE).join(HIT_CLOSE);
    const snippet = maskForDisplay(marked, opts).split(HIT_OPEN).join('[').split(HIT_CLOSE).join(']');
    return { id: h.id, title: maskForDisplay(h.title, opts), snippet, rank: h.rank };
  });
}

/** The recognised text as shown. */
export function showText(text: string, known: ReadonlySet<string>): string {
  return maskForDisplay(text, { known });
}

/**
 * A document as shown: its title and file name stand on their own in lists (masked like a search hit), its
 * extracted values are masked for the document's confirmed BSNs.
 */
export function showDocument(d: DocumentSummary, known: ReadonlySet<string> = NONE): DocumentSummary {
  const short = (s: string) => maskForDisplay(s, { known, outOfContext: true });
  const value = (s: string) => maskForDisplay(s, { known });
  const extracted = Object.fromEntries(
    Object.entries(d.extracted).map(([k, v]) => [k, typeof v === 'string' && k !== 'letterDate' ? value(v) : v]),
  ) as DocumentSummary['extracted'];
  const fields = Object.fromEntries(
    Object.entries(d.fields).map(([k, f]) => [
      k,
      typeof f.value === 'string' && k !== 'datumBrief' && k !== 'ontvangstdatum'
        ? { ...f, value: k === 'titel' || k === 'onderwerp' ? short(f.value) : value(f.value) }
        : f,
    ]),
  ) as DocumentSummary['fields'];
  const out: DocumentSummary = { ...d, title: short(d.title), fileName: short(d.fileName), extracted, fields };
  // The supervisor's note stands on its own (free text): masked as such.
  if (d.handBack) out.handBack = { ...d.handBack, note: short(d.handBack.note) };
  if (d.metadata) out.metadata = Object.fromEntries(Object.entries(d.metadata).map(([k, v]) => [k, value(v)]));
  if (d.extractedDetail) {
    out.extractedDetail = Object.fromEntries(
      Object.entries(d.extractedDetail).map(([k, f]) => [
        k,
        f && typeof f.value === 'string' ? { ...f, value: k === 'onderwerp' ? short(f.value) : value(f.value) } : f,
      ]),
    );
  }
  return out;
}

/** A rejection as shown: its file name and reason (which names the file) stand on their own. */
export function showRejection(r: Rejection): Rejection {
  const short = (s: string) => maskForDisplay(s, { outOfContext: true });
  return { ...r, fileName: short(r.fileName), message: short(r.message) };
}

/** Any short text that stands on its own (a file name, a message, a server's reason, a clerk's description). */
export function showShort(s: string): string {
  return maskForDisplay(s, { outOfContext: true });
}

/** True when a search query names a BSN (a nine-digit 11-proef number in any spacing): it asks who holds it. */
export function queryNamesBsn(query: string): boolean {
  return showShort(query) !== query;
}

/** An ingest's answer as shown: file names and reasons (which name the file) masked. */
export function showIngestResult<T extends { documents: { fileName: string }[]; errors: { file: string; message: string }[] }>(r: T): T {
  return {
    ...r,
    documents: r.documents.map((d) => ({ ...d, fileName: showShort(d.fileName) })),
    errors: r.errors.map((e) => ({ ...e, file: showShort(e.file), message: showShort(e.message) })),
  };
}

/** An outbox item as shown: the title and the clerk's description of a new zaak stand on their own. */
export function showOutboxItem<
  T extends { title: string; newZaak: { omschrijving: string; zaaktype: string } | null; lastError: string | null },
>(o: T): T {
  return {
    ...o,
    title: showShort(o.title),
    newZaak: o.newZaak && { ...o.newZaak, omschrijving: showShort(o.newZaak.omschrijving) },
    lastError: o.lastError === null ? null : showShort(o.lastError),
  };
}

/** An event as sent to every open window: a file name in ingest progress is shown masked. */
export function showEvent(name: string, data: unknown): unknown {
  if (name === 'ingest.progress' && data && typeof (data as { file?: unknown }).file === 'string') {
    return { ...(data as object), file: showShort((data as { file: string }).file) };
  }
  return data;
}

/** An error as it leaves the core: its message and the file it names masked. */
export function showError<T extends { message: string; details?: Record<string, unknown> }>(e: T): T {
  const details = e.details && Object.fromEntries(Object.entries(e.details).map(([k, v]) => [k, typeof v === 'string' ? showShort(v) : v]));
  return { ...e, message: showShort(e.message), ...(details ? { details } : {}) };
}
