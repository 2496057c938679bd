// Orientation and skew of dense full-text pages, whose skew search runs on a sample of the ink (MAX_SKEW_POINTS).
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src/recognise/decode';
import { analysisCopyOf, decodePixels } from '../../../src/recognise/imageops';
import { inkPoints } from '../../../src/recognise/imageops-measure';
import { MAX_SKEW_POINTS, orientationFromInk } from '../../../src/recognise/orientation';
import { renderDensePage, type DenseVariant } from '../../support/dense-pages';

const cases: [DenseVariant, number, number][] = [
  ['skew+2.5', 0, -2.5],
  ['skew-3-jpeg', 0, 3],
  ['sideways', 270, 0],
  ['upside-down', 180, 0],
];

describe('orientation of a dense page', () => {
  it.each(cases)('%s: found on a sample of its ink, the same as on all of it', async (variant, rotation, skew) => {
    const page = await renderDensePage(41, variant);
    const [raster] = await decodeInput(page.bytes, `dense.${page.ext}`);
    const ink = inkPoints(await analysisCopyOf(await decodePixels(raster!), raster!.dpi));
    expect(ink.count).toBeGreaterThan(MAX_SKEW_POINTS * 1.5);
    const r = orientationFromInk(ink);
    expect(r.rotation).toBe(rotation);
    expect(Math.abs(r.skewDegrees - skew)).toBeLessThanOrEqual(0.1);
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.xHeight).toBeGreaterThanOrEqual(9);
    const every = orientationFromInk(ink, Infinity);
    expect([r.rotation, r.skewDegrees, r.xHeight]).toEqual([every.rotation, every.skewDegrees, every.xHeight]);
  });
});
