import { describe, expect, it } from 'vitest';
import { DomainError, extractMetadata, type Extracted } from '../../../src/domain';
import { BSN, CITIZEN_LETTER, COMPANY_LETTER, INSURER_LETTER, OTHER_VALID } from './support/fixtures';
import { dotted, makeBsn, pageFromText, textOnlyPage } from './support/letter';

function noFullBsn(result: Extracted, bsn: string): void {
  const json = JSON.stringify(result);
  expect(json).not.toContain(bsn);
  expect(json).not.toContain(dotted(bsn));
}

describe('extractMetadata — citizen letter', () => {
  const r = extractMetadata([pageFromText(CITIZEN_LETTER)], { scanDate: '2026-03-05' });

  it('takes the date after the place name, not the dates in the body', () => {
    expect(r.letterDate?.value).toBe('2026-03-03');
    expect(r.letterDate?.source).toBe('Dorpje, 3 maart 2026');
    expect(r.letterDate?.page).toBe(0);
    expect(r.letterDate?.bbox).not.toBeNull();
    expect(r.letterDate!.confidence).toBeGreaterThan(0.8);
  });

  it('finds uw kenmerk and uses it as the kenmerk', () => {
    expect(r.uwKenmerk?.value).toBe('VTH/2026/00123');
    expect(r.onsKenmerk).toBeNull();
    expect(r.kenmerk?.value).toBe('VTH/2026/00123');
  });

  it('takes the sender block, not the municipality in the window', () => {
    expect(r.postcode?.value).toEqual({ postcode: '1234 AB', huisnummer: '12a' });
    expect(r.sender?.value.name).toBe('J. de Vries');
    expect(r.sender?.value.lines).toEqual(['Dorpsstraat 12a', '1234 AB Dorpje']);
    expect(r.sender?.source).toBe('J. de Vries, Dorpsstraat 12a, 1234 AB Dorpje');
  });

  it('finds the BSN but returns it masked, everywhere', () => {
    expect(r.containsBsn).toBe(true);
    expect(r.bsn?.value).toBe(`******${BSN.slice(6)}`);
    expect(r.bsn?.source).toContain(`******${BSN.slice(6)}`);
    noFullBsn(r, BSN);
  });

  it('finds nothing that is not there', () => {
    expect(r.zaaknummer).toBeNull();
    expect(r.kvk).toBeNull();
    expect(r.iban).toBeNull();
  });
});

describe('extractMetadata — company letter with a reference table', () => {
  const r = extractMetadata([pageFromText(COMPANY_LETTER)], { scanDate: '2026-03-16' });

  it('reads the date under "Datum", not under "Uw brief van"', () => {
    expect(r.letterDate?.value).toBe('2026-03-12');
  });

  it('reads both kenmerken from their columns', () => {
    expect(r.onsKenmerk?.value).toBe('JAN/2026/045');
    expect(r.uwKenmerk?.value).toBe('Z-2026-1234');
    expect(r.kenmerk?.value).toBe('Z-2026-1234');
  });

  it('normalises a noisy zaaknummer', () => {
    expect(r.zaaknummer?.value).toBe('ZAAK-2026-0000000123');
    expect(r.zaaknummer?.source).toBe('ZAAK - 2026 - 0000000123');
  });

  it('reads KvK and IBAN from the footer', () => {
    expect(r.kvk?.value).toBe('12345678');
    expect(r.iban?.value).toBe('NL91ABNA0417164300');
    expect(r.iban?.source).toBe('NL91 ABNA 0417 1643 00');
  });

  it('takes the letterhead as sender', () => {
    expect(r.sender?.value.name).toBe('Bouwbedrijf Jansen B.V.');
    expect(r.sender?.value.lines).toEqual(['Industrieweg 45', '5678 CD Veldhoven']);
    expect(r.postcode?.value).toEqual({ postcode: '5678 CD', huisnummer: '45' });
  });

  it('does not take the invoice number for a BSN', () => {
    expect(r.containsBsn).toBe(false);
    expect(r.bsn).toBeNull();
    expect(JSON.stringify(r)).not.toContain('******');
    void OTHER_VALID;
  });
});

describe('extractMetadata — organisation letter with a BSN table', () => {
  const r = extractMetadata([pageFromText(INSURER_LETTER)], { scanDate: '2026-02-10' });

  it('takes the labelled date, not the birth date or the deadline', () => {
    expect(r.letterDate?.value).toBe('2026-02-05');
  });

  it('takes "Ons kenmerk" as kenmerk when there is no "uw kenmerk"', () => {
    expect(r.onsKenmerk?.value).toBe('ZG-77812');
    expect(r.uwKenmerk).toBeNull();
    expect(r.kenmerk?.value).toBe('ZG-77812');
  });

  it('finds the BSN in its column and leaves the customer number alone', () => {
    expect(r.containsBsn).toBe(true);
    expect(r.bsn?.value).toBe(`******${BSN.slice(6)}`);
    noFullBsn(r, BSN);
  });

  it('takes the sender from the footer, with the Postbus as number', () => {
    expect(r.postcode?.value).toEqual({ postcode: '1000 AB', huisnummer: '123' });
    expect(r.sender?.value.name).toBe('Zorgverzekeraar Gezond');
    expect(r.sender?.value.lines).toEqual(['Postbus 123', '1000 AB Amsterdam']);
  });
});

describe('extractMetadata — text-only pages (no geometry)', () => {
  const r = extractMetadata([textOnlyPage(CITIZEN_LETTER)]);

  it('still finds date, kenmerk, sender and BSN', () => {
    expect(r.letterDate?.value).toBe('2026-03-03');
    expect(r.kenmerk?.value).toBe('VTH/2026/00123');
    expect(r.postcode?.value).toEqual({ postcode: '1234 AB', huisnummer: '12a' });
    expect(r.sender?.value.name).toBe('J. de Vries');
    expect(r.containsBsn).toBe(true);
    expect(r.letterDate?.bbox).toBeNull();
    noFullBsn(r, BSN);
  });
});

describe('extractMetadata — options, pages and confidence', () => {
  it('ignores a letter date more than two years after the scan date', () => {
    const page = pageFromText('Datum: 3 maart 2036\n\nGeachte heer,');
    expect(extractMetadata([page], { scanDate: '2026-03-05' }).letterDate).toBeNull();
    expect(extractMetadata([page]).letterDate?.value).toBe('2036-03-03');
  });

  it('uses a configured zaaknummer pattern', () => {
    const page = pageFromText('Zaaknummer: Z-2023-004512\nZAAK-2026-0000000123');
    expect(extractMetadata([page], { zaaknummerPattern: 'Z-\\d{4}-\\d{6}' }).zaaknummer?.value).toBe('Z-2023-004512');
    expect(extractMetadata([page]).zaaknummer?.value).toBe('ZAAK-2026-0000000123');
  });

  it('refuses bad options with stable codes', () => {
    const page = pageFromText('x');
    expect(() => extractMetadata([page], { zaaknummerPattern: '(' })).toThrow(DomainError);
    expect(() => extractMetadata([page], { scanDate: '5-3-2026' })).toThrowError(/JJJJ-MM-DD/);
  });

  it('reports the page a BSN on a later page was found on', () => {
    const p1 = pageFromText(CITIZEN_LETTER.replace(/Mijn burgerservicenummer.*\n/, ''));
    const p2 = pageFromText(`Bijlage: formulier\nBSN aanvrager: ${BSN}`, { pageIndex: 1 });
    const r = extractMetadata([p1, p2]);
    expect(r.containsBsn).toBe(true);
    expect(r.bsn?.page).toBe(1);
    expect(r.letterDate?.page).toBe(0);
    noFullBsn(r, BSN);
  });

  it('lowers the confidence of values read from low-confidence words', () => {
    const sure = extractMetadata([pageFromText(CITIZEN_LETTER)]);
    const unsure = extractMetadata([pageFromText(CITIZEN_LETTER, { wordConfidence: { maart: 35, 'VTH/2026/00123': 30 } })]);
    expect(unsure.letterDate?.value).toBe('2026-03-03');
    expect(unsure.letterDate!.confidence).toBeLessThan(sure.letterDate!.confidence - 0.2);
    expect(unsure.kenmerk!.confidence).toBeLessThan(sure.kenmerk!.confidence - 0.2);
    expect(unsure.postcode!.confidence).toBeCloseTo(sure.postcode!.confidence, 5);
  });

  it('returns all nulls for an empty document', () => {
    const r = extractMetadata([]);
    expect(Object.values(r).filter((v) => v !== null && v !== false)).toEqual([]);
  });
});

describe('extractMetadata — numbers that are not a BSN', () => {
  it('an invoice full of nine-digit numbers passing the 11-proef has no BSN', () => {
    const text = [
      'Energiebedrijf Stroom B.V.',
      'Postbus 500',
      '3000 AM Rotterdam',
      '',
      '',
      'Gemeente Rotterdam',
      'Aan het college van burgemeester en wethouders',
      'Postbus 70012',
      '3000 KP Rotterdam',
      '',
      'Rotterdam, 2 maart 2026',
      `Factuurnummer: ${BSN}`,
      `Klantnummer ${OTHER_VALID}`,
      `Rekeningnummer ${dotted(BSN)}`,
      'Telefoon 020 1234567, mobiel 06-12345678, +31 20 1234567',
      'KvK 12345678 | IBAN NL91 ABNA 0417 1643 00',
      '',
      'Wij verzoeken u het bedrag vóór 1 april 2026 over te maken.',
    ].join('\n');
    const r = extractMetadata([pageFromText(text)], { scanDate: '2026-03-04' });
    expect(r.containsBsn).toBe(false);
    expect(r.bsn).toBeNull();
    expect(r.letterDate?.value).toBe('2026-03-02');
    expect(r.sender?.value.name).toBe('Energiebedrijf Stroom B.V.');
    expect(r.postcode?.value).toEqual({ postcode: '3000 AM', huisnummer: '500' });
    expect(r.kvk?.value).toBe('12345678');
    expect(r.iban?.value).toBe('NL91ABNA0417164300');
  });

  it('never returns a full BSN, whatever form or place it has', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const bsn = makeBsn(seed * 7919);
      const forms = [bsn, dotted(bsn), `${bsn.slice(0, 3)} ${bsn.slice(3, 6)} ${bsn.slice(6)}`];
      const form = forms[seed % 3]!;
      const where = seed % 4;
      const text = [
        where === 0 ? `A. Jansen, BSN ${form}` : 'A. Jansen',
        'Molenweg 1',
        '1234 AB Dorpje',
        '',
        where === 1 ? `Uw kenmerk: ${form} (BSN)` : 'Uw kenmerk: X-1',
        where === 2 ? `Burgerservicenummer:\n${form}` : 'Geachte heer,',
        where === 3 ? `Sofinummer ${form}, datum 3 maart 2026` : 'Datum: 3 maart 2026',
      ].join('\n');
      const r = extractMetadata([pageFromText(text)]);
      expect(r.containsBsn, text).toBe(true);
      expect(r.bsn?.value).toBe(`******${bsn.slice(6)}`);
      const json = JSON.stringify(r);
      for (const f of forms) expect(json, text).not.toContain(f);
    }
  });
});
