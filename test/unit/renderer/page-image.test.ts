// The highlight box and the reserved size of PageImage: pure arithmetic on the page image's pixels.
import { describe, expect, it } from 'vitest';
import { boxPercent, shownSize } from '../../../renderer/features/document/PageImage';

describe('PageImage geometry', () => {
  it('places a box in percentages of the page, so that it scales with whatever size is shown', () => {
    expect(boxPercent({ x0: 248, y0: 351, x1: 1240, y1: 702 }, 2480, 3508)).toEqual({ left: 10, top: 10.01, width: 40, height: 10.01 });
    // Corners given the other way round, and a box reaching past the page, are put right and clamped.
    expect(boxPercent({ x0: 1240, y0: 702, x1: 248, y1: 351 }, 2480, 3508)).toEqual({ left: 10, top: 10.01, width: 40, height: 10.01 });
    expect(boxPercent({ x0: -50, y0: 3400, x1: 3000, y1: 4000 }, 2480, 3508)).toEqual({ left: 0, top: 96.92, width: 100, height: 3.08 });
  });

  it('keeps a tiny box visible (at least 1 % each way, inside the page) and refuses nonsense', () => {
    expect(boxPercent({ x0: 2479, y0: 3507, x1: 2480, y1: 3508 }, 2480, 3508)).toEqual({ left: 99, top: 99, width: 1, height: 1 });
    expect(boxPercent({ x0: 0, y0: 0, x1: 10, y1: 10 }, 0, 100)).toBeNull();
    expect(boxPercent({ x0: Number.NaN, y0: 0, x1: 10, y1: 10 }, 100, 100)).toBeNull();
  });

  it('reserves the size the core makes: long side 200 for a thumbnail, at most 1600 for the display image, never enlarged', () => {
    expect(shownSize(2480, 3508, 'thumb')).toEqual({ width: 141, height: 200 });
    expect(shownSize(3508, 2480, 'thumb')).toEqual({ width: 200, height: 141 });
    expect(shownSize(2480, 3508, 'full')).toEqual({ width: 1131, height: 1600 });
    expect(shownSize(800, 600, 'full')).toEqual({ width: 800, height: 600 });
  });
});
