import { describe, expect, it } from 'vitest';
import { compileZaakPattern, DomainError, findZaaknummers } from '../../../src/domain';

const zn = (t: string, p?: string) => findZaaknummers(t, p).map((z) => z.value);

describe('findZaaknummers (default ZAAK-YYYY-NNNNNNNNNN)', () => {
  it('finds the exact form with high certainty', () => {
    const [z] = findZaaknummers('Zaaknummer: ZAAK-2026-0000000123');
    expect(z?.value).toBe('ZAAK-2026-0000000123');
    expect(z?.certainty).toBeGreaterThan(0.95);
  });

  it('normalises OCR noise: spaces, split numbers, dashes, O for 0', () => {
    expect(zn('ZAAK - 2026 - 0000000123')).toEqual(['ZAAK-2026-0000000123']);
    expect(zn('ZAAK-2026-00000001 23')).toEqual(['ZAAK-2026-0000000123']);
    expect(zn('ZAAK–2026–0000000123')).toEqual(['ZAAK-2026-0000000123']);
    expect(zn('ZAAK-2O26-OOOOOOO123')).toEqual([]); // too little of it is digits to trust
    expect(zn('ZAAK-2O26-00000O0123')).toEqual(['ZAAK-2026-0000000123']);
    expect(zn('zaak-2026-0000000123')).toEqual(['ZAAK-2026-0000000123']);
    const [z] = findZaaknummers('ZAAK - 2026 - 0000000123');
    expect(z!.certainty).toBeLessThan(0.95);
  });

  it('stops after ten digits and rejects wrong lengths', () => {
    expect(zn('ZAAK-2026-0000000123 12 maart')).toEqual(['ZAAK-2026-0000000123']);
    expect(zn('ZAAK-2026-00000000123')).toEqual([]);
    expect(zn('ZAAK-2026-000000123')).toEqual([]);
    expect(zn('XZAAK-2026-0000000123')).toEqual([]);
  });
});

describe('configurable pattern', () => {
  const p = 'Z-\\d{4}-\\d{6}';

  it('finds the configured form, also with OCR noise', () => {
    expect(zn('Zaaknummer Z-2023-004512', p)).toEqual(['Z-2023-004512']);
    expect(zn('Zaaknummer Z - 2023 - 004512', p)).toEqual(['Z-2023-004512']);
    expect(zn('Zaaknummer Z-2O23-0045l2', p)).toEqual(['Z-2023-004512']);
    expect(zn('Zaaknummer Z-2023-0045 12', p)).toEqual(['Z-2023-004512']);
    expect(zn('Zaaknummer Z-2023-0045120', p)).toEqual([]);
    expect(zn('ZAAK-2026-0000000123', p)).toEqual([]);
  });

  it('maps the match back to the printed text', () => {
    const text = 'Zaak: Z - 2023 - 004512, graag vermelden';
    const [z] = findZaaknummers(text, p);
    expect(text.slice(z!.start, z!.end)).toBe('Z - 2023 - 004512');
  });

  it('refuses an invalid or empty-matching pattern with a stable code', () => {
    expect(() => compileZaakPattern('ZAAK-(')).toThrow(DomainError);
    try {
      compileZaakPattern('(');
    } catch (e) {
      expect((e as DomainError).code).toBe('invalid-zaaknummer-pattern');
    }
    expect(() => compileZaakPattern('\\d*')).toThrow(DomainError);
    expect(() => compileZaakPattern('')).toThrow(DomainError);
  });
});
