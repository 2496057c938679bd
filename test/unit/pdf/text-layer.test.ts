import { describe, expect, it } from 'vitest';
import { printableText, textLayerOps, type TextLayerFont } from '../../../src/pdf/text-layer';

// A monospaced stand-in: every character 0.5 em wide, encoded as its code point.
const font: TextLayerFont = {
  resourceName: 'F0',
  ascent: 0.8,
  descent: -0.2,
  widthOf: (text, size) => [...text].length * 0.5 * size,
  encode: (text) => `<${[...text].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('')}>`,
  has: (cp) => cp !== 0x4e00, // no CJK in this font
};

const page = { heightPt: 842, scale: 72 / 300 };

interface Op {
  size: number;
  tz: number;
  x: number;
  y: number;
  hex: string;
  spaceTz?: number;
  spaceHex?: string;
}
function parse(ops: string): Op[] {
  return ops
    .split('\n')
    .filter((l) => l.endsWith('Tj'))
    .map((l) => {
      const m = /^\/F0 (\S+) Tf (\S+) Tz 1 0 0 1 (\S+) (\S+) Tm (<[0-9a-f]*>) Tj(?: (\S+) Tz (<[0-9a-f]*>) Tj)?$/.exec(l);
      if (!m) throw new Error(`unexpected operator line: ${l}`);
      return { size: +m[1]!, tz: +m[2]!, x: +m[3]!, y: +m[4]!, hex: m[5]!, spaceTz: m[6] ? +m[6] : undefined, spaceHex: m[7] };
    });
}
const decode = (hex: string) => String.fromCodePoint(...(hex.slice(1, -1).match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

describe('textLayerOps', () => {
  const words = [
    { text: 'Geachte', bbox: { x0: 300, y0: 1000, x1: 520, y1: 1040 } },
    { text: 'heer,', bbox: { x0: 545, y0: 1004, x1: 660, y1: 1052 } }, // comma descends
    { text: 'mevrouw', bbox: { x0: 300, y0: 1100, x1: 560, y1: 1140 } }, // next line
  ];

  it('writes invisible text (Tr 3) inside one text object', () => {
    const ops = textLayerOps(words, page, font);
    expect(ops.startsWith('BT\n3 Tr\n')).toBe(true);
    expect(ops.endsWith('\nET')).toBe(true);
  });

  it('puts the words of one line on one baseline and size, each fitted to its box, with a space across each gap', () => {
    const [a, b, c] = parse(textLayerOps(words, page, font));
    expect(a!.y).toBe(b!.y);
    expect(a!.size).toBe(b!.size);
    // Line box 1000…1052 px = 12.48 pt high; ascent − descent = 1 em.
    expect(a!.size).toBeCloseTo(52 * page.scale, 1);
    expect(a!.y).toBeCloseTo(842 - 1052 * page.scale + 0.2 * a!.size, 1);
    expect(decode(a!.hex)).toBe('Geachte');
    expect(decode(a!.spaceHex!)).toBe(' ');
    expect(decode(b!.hex)).toBe('heer,');
    expect(b!.spaceHex).toBeUndefined(); // last word of its line
    expect(decode(c!.hex)).toBe('mevrouw');
    expect(c!.y).toBeLessThan(a!.y);
    // Tz fits each word to its own box, and the space to the gap before the next word.
    const width = (op: Op, text: string, tz = op.tz) => font.widthOf(text, op.size) * (tz / 100);
    expect(width(a!, 'Geachte')).toBeCloseTo((520 - 300) * page.scale, 2);
    expect(width(a!, ' ', a!.spaceTz)).toBeCloseTo((545 - 520) * page.scale, 2);
    expect(width(b!, 'heer,')).toBeCloseTo((660 - 545) * page.scale, 2);
    expect(a!.x).toBeCloseTo(300 * page.scale, 2);
    expect(b!.x).toBeCloseTo(545 * page.scale, 2);
  });

  it('drops characters the font lacks, control characters and empty or degenerate words', () => {
    const ops = textLayerOps(
      [
        { text: 'a\u4e00b\u0007', bbox: { x0: 0, y0: 0, x1: 10, y1: 10 } },
        { text: '\u4e00', bbox: { x0: 20, y0: 0, x1: 30, y1: 10 } },
        { text: 'x', bbox: { x0: 40, y0: 10, x1: 40, y1: 20 } },
        { text: 'y', bbox: { x0: Number.NaN, y0: 0, x1: 1, y1: 1 } },
      ],
      page,
      font,
    );
    expect(parse(ops).map((o) => decode(o.hex))).toEqual(['ab']);
    expect(textLayerOps([], page, font)).toBe('');
    expect(textLayerOps([{ text: '   ', bbox: { x0: 0, y0: 0, x1: 5, y1: 5 } }], page, font)).toBe('');
  });

  it('normalises to NFC so a decomposed ë is one character', () => {
    expect(printableText('ree\u0308le  cafe\u0301', font)).toBe('reële café');
  });
});
