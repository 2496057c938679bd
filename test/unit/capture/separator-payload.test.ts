import { describe, expect, it } from 'vitest';
import { checkSeparatorValues, encodeSeparatorPayload, parseSeparatorPayload } from '../../../src/capture/separator-payload';

describe('separator payload', () => {
  it('round-trips values, including characters that would break a naive format', () => {
    for (const v of [
      {},
      { zaaknummer: 'ZAAK-2026-0000000123' },
      { documenttype: 'Bezwaar; met = en %' },
      { zaaknummer: 'Z/1', documenttype: 'Aanvraag omgevingsvergunning – bijlage' },
    ]) {
      const text = encodeSeparatorPayload(v);
      expect(text).toMatch(/^POSTKAMER-SEP:1(;[zt]=[A-Za-z0-9%\-_.!~*'()]*)*$/);
      expect(parseSeparatorPayload(text)).toEqual({ version: 1, values: v });
    }
  });

  it('is versioned: a newer sheet still separates; unknown keys are ignored', () => {
    expect(parseSeparatorPayload('POSTKAMER-SEP:2;z=ZAAK-1;x=later')).toEqual({ version: 2, values: { zaaknummer: 'ZAAK-1' } });
  });

  it('is not fooled by other QR codes or damaged payloads', () => {
    for (const t of [
      'https://gemeente.nl/betalen?id=1',
      'BCD\n002\n1\nSCT',
      'postkamer-sep:1;z=x',
      'XPOSTKAMER-SEP:1',
      'POSTKAMER-SEP:',
      'POSTKAMER-SEP:v1;z=1',
      'POSTKAMER-SEP:0',
    ]) {
      expect(parseSeparatorPayload(t)).toBeNull();
    }
    // A broken value is dropped; the sheet still separates.
    expect(parseSeparatorPayload('POSTKAMER-SEP:1;z=%E0%A4%A;t=Brief')).toEqual({ version: 1, values: { documenttype: 'Brief' } });
  });

  it('checks what a clerk typed', () => {
    expect(checkSeparatorValues({ zaaknummer: 'ZAAK-2026-0000000123' })).toBeNull();
    expect(checkSeparatorValues({ zaaknummer: '  ' })).toMatch(/leeg/);
    expect(checkSeparatorValues({ documenttype: 'x'.repeat(101) })).toMatch(/langer/);
    expect(checkSeparatorValues({ documenttype: 'a\u0007b' })).toMatch(/ongeldige/);
  });
});
