import { describe, expect, it } from 'vitest';
import { buildDoc, fixDigitNoise } from '../../../src/domain';
import { alignedCell, spanBox, spanConfidence, splitCells, verticalPosition } from '../../../src/domain/layout';
import type { OcrPage } from '../../../src/domain';
import { pageFromText, textOnlyPage } from './support/letter';

function line(text: string) {
  return buildDoc([pageFromText(text)])[0]![0]!;
}

describe('buildDoc', () => {
  it('anchors every word at its offset in the line text', () => {
    const l = line('Ons kenmerk:      2026/0123');
    expect(l.text).toBe('Ons kenmerk: 2026/0123');
    expect(l.words.map((w) => l.text.slice(w.start, w.end))).toEqual(['Ons', 'kenmerk:', '2026/0123']);
  });

  it('skips words the line text does not contain and keeps going', () => {
    const page: OcrPage = {
      pageIndex: 3,
      width: 100,
      height: 100,
      text: '',
      lines: [
        {
          text: 'a b',
          confidence: 90,
          bbox: { x0: 0, y0: 0, x1: 10, y1: 10 },
          words: [
            { text: 'a', confidence: 90, bbox: { x0: 0, y0: 0, x1: 2, y1: 10 } },
            { text: 'zz', confidence: 90, bbox: { x0: 3, y0: 0, x1: 5, y1: 10 } },
            { text: 'b', confidence: 50, bbox: { x0: 6, y0: 0, x1: 8, y1: 10 } },
          ],
        },
      ],
    };
    const l = buildDoc([page])[0]![0]!;
    expect(l.page).toBe(3);
    expect(l.words.map((w) => [w.text, w.start])).toEqual([
      ['a', 0],
      ['b', 2],
    ]);
    expect(spanConfidence(l, 2, 3)).toBeCloseTo(0.5);
  });

  it('falls back to the page text without geometry', () => {
    const lines = buildDoc([textOnlyPage('a\n\nb')])[0]!;
    expect(lines.map((l) => l.text)).toEqual(['a', '', 'b']);
    expect(lines[0]!.bbox).toBeNull();
    expect(verticalPosition(lines[2]!)).toBe(1);
  });
});

describe('splitCells', () => {
  it('keeps words one space apart together and splits at wide gaps', () => {
    const cells = splitCells(line('Datum       Ons kenmerk       Uw kenmerk'));
    expect(cells.map((c) => c.text)).toEqual(['Datum', 'Ons kenmerk', 'Uw kenmerk']);
  });

  it('does not split at two spaces (a wide justified space)', () => {
    expect(splitCells(line('Hierbij  maak ik bezwaar')).map((c) => c.text)).toEqual(['Hierbij maak ik bezwaar']);
  });

  it('without geometry splits at two or more spaces', () => {
    const l = buildDoc([textOnlyPage('Naam   BSN')])[0]![0]!;
    expect(splitCells(l).map((c) => c.text)).toEqual(['Naam', 'BSN']);
  });
});

describe('geometry helpers', () => {
  it('boxes a span by its words and finds the cell in the same column', () => {
    const doc = buildDoc([pageFromText('Naam          BSN\nJ. Jansen     123')]);
    const [head, row] = doc[0]!;
    const bsnBox = spanBox(head!, head!.text.indexOf('BSN'), head!.text.indexOf('BSN') + 3);
    const cell = alignedCell(bsnBox, splitCells(row!), 100);
    expect(cell?.text).toBe('123');
  });
});

describe('fixDigitNoise', () => {
  it('maps the letters OCR confuses with digits', () => {
    expect(fixDigitNoise('2O26 l|I o')).toBe('2026 111 0');
  });
});
