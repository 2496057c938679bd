// Image-quality rules (pure). Thresholds, and why:
// - 'low-resolution': below 300 ppi, the resolution Tesseract is tuned for (tessdoc ImproveQuality). A 200-ppi
//   fax-like page is flagged but still recognised.
// - 'too-dark': mean luminance below 100 (0–255). A letter on white paper averages 220–250; below 100 the
//   paper itself is dark (a bad exposure, a negative, dark recycled paper) and binarisation suffers.
// - 'too-light': on a page with content, the darkest 0.2 % of pixels (stroke cores; 1 % reaches into the
//   anti-aliased edges of a sparse letter) lighter than 150: the ink itself is faded
//   (an empty toner cartridge, a pencil note, a too-bright scan). Mean luminance cannot see this, because a
//   page is mostly paper either way.
// - 'strong-skew': |skew| > 2° before correction. It is corrected, but a page that tilted has often also
//   been cut off or curled at an edge; a human should glance at it.
// - 'low-ocr-confidence': mean word confidence (weighted by word length) below 70.
// - 'blank': no text-sized marks away from the edges (imageops-measure.ts, measureBlank).
// - 'orientation-uncertain': orientation confidence below ORIENTATION_MIN_CONFIDENCE.
import type { QcFlag } from './types';

export const QC_THRESHOLDS = {
  minDpi: 300,
  darkMeanLuminance: 100,
  lightInkLuminance: 150,
  strongSkewDegrees: 2,
  minOcrConfidence: 70,
  minOrientationConfidence: 0.15,
} as const;

export interface QcInput {
  dpi: number;
  meanLuminance: number;
  inkLuminance: number;
  skewDegrees: number;
  blank: boolean;
  /** null when OCR did not run or found no words. */
  ocrConfidence: number | null;
  orientationConfidence: number | null;
}

export function qcFlags(q: QcInput, t = QC_THRESHOLDS): QcFlag[] {
  const flags: QcFlag[] = [];
  if (q.dpi < t.minDpi) flags.push('low-resolution');
  if (q.meanLuminance < t.darkMeanLuminance) flags.push('too-dark');
  if (!q.blank && q.inkLuminance > t.lightInkLuminance) flags.push('too-light');
  if (Math.abs(q.skewDegrees) > t.strongSkewDegrees) flags.push('strong-skew');
  if (q.ocrConfidence !== null && q.ocrConfidence < t.minOcrConfidence) flags.push('low-ocr-confidence');
  if (q.blank) flags.push('blank');
  if (!q.blank && q.orientationConfidence !== null && q.orientationConfidence < t.minOrientationConfidence) {
    flags.push('orientation-uncertain');
  }
  return flags;
}
