import { describe, expect, it } from 'vitest';
import { confirmedBsns, HIT_CLOSE, HIT_OPEN, maskForDisplay } from '../../../src/domain/mask';
import { makeBsn, makeInvalidBsn, pageFromText } from './support/letter';

const bsn = makeBsn(21);
const last3 = bsn.slice(6);
const masked = `******${last3}`;
const forms = [
  bsn,
  `${bsn.slice(0, 4)} ${bsn.slice(4, 6)} ${bsn.slice(6)}`,
  `${bsn.slice(0, 3)}.${bsn.slice(3, 6)}.${bsn.slice(6)}`,
  `${bsn.slice(0, 3)} ${bsn.slice(3, 6)} ${bsn.slice(6)}`,
];

describe('maskForDisplay', () => {
  it('masks a known BSN in any form, with no BSN word in sight', () => {
    const known = new Set([bsn]);
    for (const f of forms) {
      expect(maskForDisplay(`nogmaals: ${f} graag`, { known })).toBe(`nogmaals: ${masked} graag`);
      expect(maskForDisplay(`nr.${f}`, { known })).toBe(`nr.${masked}`);
      expect(maskForDisplay(`BSN${f}.`, { known })).toBe(`BSN${masked}.`);
    }
    expect(maskForDisplay(`${bsn.slice(0, 3)}-${bsn.slice(3, 6)}-${bsn.slice(6)}`, { known })).toBe(masked);
  });

  it('in a text shown out of context (search), masks every 11-proef-valid nine-digit number in the usual forms', () => {
    for (const f of forms) expect(maskForDisplay(`… is ${f} en verder`, { outOfContext: true })).toBe(`… is ${masked} en verder`);
    const other = makeBsn(22);
    expect(maskForDisplay(`${bsn} ${other}`, { outOfContext: true })).toBe(`${masked} ******${other.slice(6)}`);
    // Not a BSN by the 11-proef, or not nine digits: left alone.
    const bad = makeInvalidBsn(23);
    expect(maskForDisplay(`nummer ${bad}`, { outOfContext: true })).toBe(`nummer ${bad}`);
    expect(maskForDisplay('op 12 maart 2026 om 10.30 uur', { outOfContext: true })).toBe('op 12 maart 2026 om 10.30 uur');
    // Without that mode a bare valid number with no context is left (the full text keeps invoice numbers readable).
    expect(maskForDisplay(`Factuurnummer ${bsn}`)).toBe(`Factuurnummer ${bsn}`);
  });

  it('always masks a BSN its own context confirms', () => {
    expect(maskForDisplay(`Mijn BSN is ${forms[2]}.`)).toBe(`Mijn BSN is ${masked}.`);
  });

  it('sees through hit marks and keeps the mark around the masked number', () => {
    const [a, b, c] = [bsn.slice(0, 4), bsn.slice(4, 6), bsn.slice(6)];
    const snip = `x ${HIT_OPEN}${a}${HIT_CLOSE} ${HIT_OPEN}${b}${HIT_CLOSE} ${HIT_OPEN}${c}${HIT_CLOSE} y`;
    expect(maskForDisplay(snip, { outOfContext: true })).toBe(`x ${HIT_OPEN}${masked}${HIT_CLOSE} y`);
    expect(maskForDisplay(`is ${HIT_OPEN}${bsn}${HIT_CLOSE}.`, { known: new Set([bsn]) })).toBe(`is ${HIT_OPEN}${masked}${HIT_CLOSE}.`);
    expect(maskForDisplay(`${HIT_OPEN}burgerservicenummer${HIT_CLOSE} is`, { outOfContext: true })).toBe(
      `${HIT_OPEN}burgerservicenummer${HIT_CLOSE} is`,
    );
  });

  it('reads the OCR letters for digits in a noisy number', () => {
    const noisy = `${bsn.slice(0, 8)}`.replace(/0/g, 'O').replace(/1/g, 'l') + bsn.slice(8);
    expect(maskForDisplay(`zie ${noisy} hier`, { known: new Set([bsn]) })).toBe(`zie ${masked} hier`);
  });
});

describe('confirmedBsns', () => {
  it('finds the BSNs a document confirms, from its text or its OCR pages', () => {
    const text = `Geachte heer,\nMijn burgerservicenummer is ${bsn}.\nKlantnummer ${makeBsn(24)}`;
    expect([...confirmedBsns(text)]).toEqual([bsn]);
    expect([...confirmedBsns([pageFromText(text)])]).toEqual([bsn]);
    expect(confirmedBsns('geen nummer').size).toBe(0);
  });
});

describe('maskForDisplay (property)', () => {
  it('whatever surrounds it, a known BSN in any usual form never survives, in or out of context', async () => {
    const fc = await import('fast-check');
    const seps = fc.constantFrom('', ' ', '.', '-');
    const groupings = [[9], [3, 3, 3], [4, 2, 3], [2, 3, 4], [3, 2, 4]];
    const surround = fc.string({
      unit: fc.constantFrom('a', 'B', 'S', 'N', ' ', '.', ':', '\n', '[', ']', '7', '-', HIT_OPEN, HIT_CLOSE),
      maxLength: 20,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(...groupings),
        seps,
        surround,
        surround,
        fc.boolean(),
        (seed, groups, sep, before, after, outOfContext) => {
          const n = makeBsn(seed);
          let at = 0;
          const written = groups.map((g) => n.slice(at, (at += g))).join(sep);
          // Glued to a digit on either side, it is part of a longer number and not this BSN.
          const b = /[0-9]$/.test(before) ? `${before} ` : before;
          const a = /^[0-9]/.test(after) ? ` ${after}` : after;
          const out = maskForDisplay(
            `${b}${written}${a}`,
            outOfContext ? { outOfContext: true, known: new Set([n]) } : { known: new Set([n]) },
          );
          return !out.replace(/[^0-9]/g, (c) => (c === '*' ? '*' : '')).includes(n);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
