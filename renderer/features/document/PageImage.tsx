// One page's image from the core (a thumbnail or the display size), with an outlined box where a value was read.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageUrl } from '../../app/api';

/** A region of the page, in the pixels of the stored page image (the OCR's word boxes). */
export interface PageBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageImageProps {
  documentId: string;
  pageId: string;
  /** The page image's pixels, as `documents.pages` gives them (after every turn). */
  width: number;
  height: number;
  size: 'thumb' | 'full';
  alt: string;
  highlight?: PageBox | null;
  /**
   * Changes whenever the page's image does (its rotation): a new fragment makes the browser fetch the new image
   * instead of re-showing the one it holds for the same URL (the core never sees the fragment).
   */
  version?: string | number;
}

/** Long side the core makes for each size (src/core/page-images.ts); the image is never enlarged. */
const LONG_SIDE = { thumb: 200, full: 1600 } as const;

/** The box as percentages of the page, clamped to it and at least 1 % on each side, so that a 3 px outline shows. */
export function boxPercent(
  box: PageBox,
  width: number,
  height: number,
): { left: number; top: number; width: number; height: number } | null {
  if (!(width > 0 && height > 0)) return null;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const x0 = clamp(Math.min(box.x0, box.x1), width);
  const x1 = clamp(Math.max(box.x0, box.x1), width);
  const y0 = clamp(Math.min(box.y0, box.y1), height);
  const y1 = clamp(Math.max(box.y0, box.y1), height);
  if (!Number.isFinite(x0 + x1 + y0 + y1)) return null;
  const pct = (v: number, of: number) => Math.round((v / of) * 10_000) / 100;
  const w = Math.max(1, pct(x1 - x0, width));
  const h = Math.max(1, pct(y1 - y0, height));
  return { left: Math.min(pct(x0, width), 100 - w), top: Math.min(pct(y0, height), 100 - h), width: w, height: h };
}

/** The size the image is shown at (its intrinsic size), so the layout is reserved before it arrives. */
export function shownSize(width: number, height: number, size: PageImageProps['size']): { width: number; height: number } {
  const scale = Math.min(1, LONG_SIDE[size] / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The highlight is a 3 px outline (a shape, not only a colour) over a white halo, scaled with the image, and is
 * described in words for screen readers (aria-describedby). The stored page image is upright as the clerk sees it
 * and the boxes are in its pixels, so a turned page needs no conversion: `width`/`height` are those of the turned image.
 */
export function PageImage({ documentId, pageId, width, height, size, alt, highlight, version }: PageImageProps) {
  const { t } = useTranslation();
  const pageUrl = usePageUrl();
  const descriptionId = useId();
  const box = highlight ? boxPercent(highlight, width, height) : null;
  const shown = shownSize(width, height, size);
  const url = pageUrl(pageId, size === 'thumb' ? 'thumb' : 'image');
  const src = version === undefined ? url : `${url}#v=${encodeURIComponent(String(version))}`;
  const description =
    box &&
    t('pages.highlightDescription', {
      left: Math.round(box.left),
      right: Math.round(box.left + box.width),
      top: Math.round(box.top),
      bottom: Math.round(box.top + box.height),
    });
  return (
    <div
      className={`page-image page-image-${size}`}
      data-document-id={documentId}
      data-image-page-id={pageId}
      style={{ position: 'relative', display: 'inline-block', maxWidth: '100%', lineHeight: 0 }}
    >
      <img
        src={src}
        alt={alt}
        width={shown.width}
        height={shown.height}
        loading={size === 'thumb' ? 'lazy' : 'eager'}
        decoding="async"
        aria-describedby={box ? descriptionId : undefined}
        data-testid={size === 'thumb' ? 'page-thumb' : 'page-image'}
        style={{ display: 'block', maxWidth: '100%', height: 'auto', border: '1px solid var(--border-soft)', background: '#fff' }}
      />
      {box && (
        <>
          <span
            aria-hidden="true"
            data-testid="page-highlight"
            style={{
              position: 'absolute',
              left: `${box.left}%`,
              top: `${box.top}%`,
              width: `${box.width}%`,
              height: `${box.height}%`,
              outline: '3px solid var(--danger-border, #c53030)',
              boxShadow: '0 0 0 5px rgba(255, 255, 255, 0.85)',
              pointerEvents: 'none',
            }}
          />
          <span id={descriptionId} className="sr-only">
            {description}
          </span>
        </>
      )}
    </div>
  );
}
