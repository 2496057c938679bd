// A page's image for display (a thumbnail or a display size), made once with sharp, one at a time, and cached in the vault.
import sharp from 'sharp';
import { PostkamerError } from '../contract/errors';
import { cachedPageImage, pageImageSource, savePageImage, type PageImageSize, type PageImageSource } from '../store/page-thumbs';
import type { Store } from '../store/store';

// The stored page image is already upright as the clerk sees it: ingest stores the straightened image and every turn
// writes a new, turned image (pages/rebuild.ts), with `rotation` recording the turns. So nothing is turned here; the
// cache is keyed by that image and the rotation, and a turned page gets a new thumbnail. Highlight boxes (OCR word
// boxes) are in the same pixels as the stored image.

export type { PageImageSize } from '../store/page-thumbs';

/** The long side of each size in pixels (never enlarged). */
export const PAGE_IMAGE_LONG_SIDE: Readonly<Record<PageImageSize, number>> = { thumb: 200, image: 1600 };
const QUALITY: Readonly<Record<PageImageSize, number>> = { thumb: 70, image: 82 };
/** Larger page images are refused by sharp before decoding (A3 at 600 dpi is 70 Mpx). */
export const MAX_PAGE_IMAGE_PIXELS = 100_000_000;
/** Renders waiting behind the one running; more are refused at once (a burst of requests queues no unbounded work). */
export const MAX_WAITING_RENDERS = 64;

export interface PageImage {
  mime: string;
  data: Buffer;
}

export class PageImages {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  /** Requests for an image being made share its render. */
  private readonly making = new Map<string, Promise<PageImage>>();

  constructor(private readonly store: Store) {}

  /** The image, from the vault or made now; `not-found` for an unknown, deleted or purged page or one without image. */
  async get(pageId: string, size: PageImageSize): Promise<PageImage> {
    const hit = this.fromCache(pageId, size, this.source(pageId));
    if (hit) return hit;
    const key = `${pageId}/${size}`;
    const running = this.making.get(key);
    if (running) return running;
    if (this.waiting >= MAX_WAITING_RENDERS) throw new PostkamerError('too-many-requests', '(pagina-afbeeldingen)');
    this.waiting++;
    const job = this.tail
      .then(() => this.make(pageId, size))
      .finally(() => {
        this.waiting--;
        this.making.delete(key);
      });
    this.tail = job.catch(() => undefined);
    this.making.set(key, job);
    return job;
  }

  private source(pageId: string): PageImageSource {
    const source = pageImageSource(this.store.db, pageId);
    if (!source) throw new PostkamerError('not-found');
    return source;
  }

  private fromCache(pageId: string, size: PageImageSize, source: PageImageSource): PageImage | null {
    const cached = cachedPageImage(this.store.db, pageId, size, source);
    return cached && { mime: cached.mime, data: this.store.vault.read(cached.blobId) };
  }

  /** Makes the image; when the page changed while it was made (turned, deleted), makes it again from what is there now. */
  private async make(pageId: string, size: PageImageSize, attempt = 1): Promise<PageImage> {
    const { db, vault } = this.store;
    // Read again: the page may have been turned or deleted, or the image made, while this waited.
    const source = this.source(pageId);
    const hit = this.fromCache(pageId, size, source);
    if (hit) return hit;
    const long = PAGE_IMAGE_LONG_SIDE[size];
    const { data, info } = await sharp(vault.read(source.imageBlobId), { limitInputPixels: MAX_PAGE_IMAGE_PIXELS })
      .resize({ width: long, height: long, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: QUALITY[size] })
      .toBuffer({ resolveWithObject: true });
    const blob = await vault.write(data, 'image/jpeg');
    let saved = false;
    try {
      saved = db.transaction(() => {
        const ok = savePageImage(db, {
          pageId,
          size,
          source,
          blobId: blob.id,
          width: info.width,
          height: info.height,
          createdAt: new Date().toISOString(),
        });
        if (ok) vault.commit(blob);
        return ok;
      })();
    } finally {
      if (!saved) vault.shred(blob.id);
    }
    // The page changed while this was made: what the clerk sees now is another image (or none: not-found).
    if (!saved) {
      if (attempt >= 3) throw new PostkamerError('edit-conflict');
      return this.make(pageId, size, attempt + 1);
    }
    return { mime: 'image/jpeg', data };
  }
}
