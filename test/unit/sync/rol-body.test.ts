// The initiator Rol a new zaak gets: name and address mapped to the ZGW fields only where that is unambiguous.
import { describe, expect, it } from 'vitest';
import { initiatorRolBody, parseAdres, splitName } from '../../../src/sync/rol-body';
import { mustLookUp, needsRol, nextStep } from '../../../src/sync/outbox-machine';

describe('splitName', () => {
  it('splits initials, a Dutch prefix and one surname', () => {
    expect(splitName('J. de Vries')).toEqual({ voorletters: 'J.', voorvoegselGeslachtsnaam: 'de', geslachtsnaam: 'Vries' });
    expect(splitName('J.P. van der Berg')).toEqual({ voorletters: 'J.P.', voorvoegselGeslachtsnaam: 'van der', geslachtsnaam: 'Berg' });
    expect(splitName('A. B. Jansen')).toEqual({ voorletters: 'A.B.', geslachtsnaam: 'Jansen' });
    expect(splitName("M. van 't Hof")).toEqual({ voorletters: 'M.', voorvoegselGeslachtsnaam: "van 't", geslachtsnaam: 'Hof' });
    expect(splitName('Mevr. E. Bakker-Smit')).toEqual({ voorletters: 'E.', geslachtsnaam: 'Bakker-Smit' });
    expect(splitName('de Boer')).toEqual({ voorvoegselGeslachtsnaam: 'de', geslachtsnaam: 'Boer' });
  });

  it('keeps anything less simple whole in geslachtsnaam', () => {
    for (const naam of ['Jan de Vries', 'mr. dr. P. Visser', 'Fatima El Amrani', 'J. Jansen-de Vries', 'Familie Pietersen', 'van der'])
      expect(splitName(naam)).toEqual({ geslachtsnaam: naam });
  });

  it('keeps a prefix that is the surname itself', () => {
    expect(splitName('P. Van')).toEqual({ voorletters: 'P.', geslachtsnaam: 'Van' });
  });
});

describe('parseAdres', () => {
  it('reads street, number, letter and addition, and a postcode in BAG form', () => {
    expect(parseAdres('Kerkstraat 4a-2', '1234 ab', 'Ons Dorp')).toEqual({
      aoaIdentificatie: '',
      wplWoonplaatsNaam: 'Ons Dorp',
      gorOpenbareRuimteNaam: 'Kerkstraat',
      aoaPostcode: '1234AB',
      aoaHuisnummer: 4,
      aoaHuisletter: 'a',
      aoaHuisnummertoevoeging: '2',
    });
    expect(parseAdres('Laan van Meerdervoort 1200', undefined, 'Den Haag')).toMatchObject({
      gorOpenbareRuimteNaam: 'Laan van Meerdervoort',
      aoaHuisnummer: 1200,
    });
    expect(parseAdres('Dorpsstraat 12 bis', '1234AB', 'X')).toMatchObject({ aoaHuisnummer: 12, aoaHuisnummertoevoeging: 'bis' });
    expect(parseAdres('Marktplein 3', 'B-1000', 'Brussel')).not.toHaveProperty('aoaPostcode');
  });

  it('gives nothing without a house number or a woonplaats', () => {
    expect(parseAdres('Postbus', '1234 AB', 'Utrecht')).toBeNull();
    expect(parseAdres('Postbus 12', '1234 AB', 'Utrecht')).toBeNull();
    expect(parseAdres('Kerkstraat 4', '1234 AB', undefined)).toBeNull();
    expect(parseAdres(undefined, '1234 AB', 'Utrecht')).toBeNull();
  });
});

describe('initiatorRolBody', () => {
  const zaak = 'https://z.example/zaken/api/v1/zaken/1';
  const roltype = 'https://z.example/catalogi/api/v1/roltypen/1';

  it('a company is a niet-natuurlijk persoon by its KvK number, never with a BSN', () => {
    const body = initiatorRolBody(
      zaak,
      roltype,
      { naam: 'Bouwbedrijf Van Leeuwen B.V.', kvk: '12345678', adres: 'Havenweg 3' },
      '111222333',
    );
    expect(body).toMatchObject({
      zaak,
      roltype,
      betrokkeneType: 'niet_natuurlijk_persoon',
      betrokkeneIdentificatie: { kvkNummer: '12345678', statutaireNaam: 'Bouwbedrijf Van Leeuwen B.V.', bezoekadres: 'Havenweg 3' },
    });
    expect(JSON.stringify(body)).not.toContain('111222333');
  });

  it('a citizen by name and address, with the BSN only when given', () => {
    const i = { naam: 'J. de Vries', adres: 'Kerkstraat 1', postcode: '1234 AB', woonplaats: 'Ons Dorp', email: 'j@example.nl' };
    const without = initiatorRolBody(zaak, roltype, i, null);
    expect(without).toMatchObject({
      betrokkeneType: 'natuurlijk_persoon',
      betrokkeneIdentificatie: {
        geslachtsnaam: 'Vries',
        voorvoegselGeslachtsnaam: 'de',
        voorletters: 'J.',
        verblijfsadres: { gorOpenbareRuimteNaam: 'Kerkstraat', aoaHuisnummer: 1, aoaPostcode: '1234AB', wplWoonplaatsNaam: 'Ons Dorp' },
      },
    });
    expect(without.betrokkeneIdentificatie).not.toHaveProperty('inpBsn');
    expect(without.roltoelichting).toContain('j@example.nl');
    expect(initiatorRolBody(zaak, roltype, i, '111222333').betrokkeneIdentificatie).toMatchObject({ inpBsn: '111222333' });
    // An address that does not fit the fields is kept as written in the toelichting.
    const box = initiatorRolBody(zaak, roltype, { naam: 'X', adres: 'Postbus', postcode: '1234 AB', woonplaats: 'Utrecht' }, null);
    expect(box.betrokkeneIdentificatie).not.toHaveProperty('verblijfsadres');
    expect(box.roltoelichting).toContain('Adres op de brief: Postbus, 1234 AB Utrecht.');
  });
});

describe('the create-rol step', () => {
  const row = {
    state: 'pending' as const,
    sha256: 'x',
    zaakUrl: 'https://z/zaken/1',
    target: 'nieuwe-zaak' as const,
    zaakIdentificatie: 'ZAAK-1',
  };
  it('comes right after the zaak, once, and only for a new zaak with an initiator', () => {
    const nz = { zaaktype: 'ZT', omschrijving: 'o', initiator: { naam: 'A' } };
    expect(nextStep({ ...row, newZaak: nz })).toBe('create-rol');
    expect(nextStep({ ...row, newZaak: { ...nz, rol: { attempts: 1 } } })).toBe('create-rol');
    expect(nextStep({ ...row, newZaak: { ...nz, rol: { attempts: 1, done: 'created' } } })).toBe('create-eio');
    expect(nextStep({ ...row, newZaak: { ...nz, rol: { attempts: 0, done: 'no-roltype' } } })).toBe('create-eio');
    expect(nextStep({ ...row, newZaak: { zaaktype: 'ZT', omschrijving: 'o' } })).toBe('create-eio');
    expect(nextStep({ ...row, zaakUrl: null, newZaak: nz })).toBe('create-zaak');
    expect(needsRol({ target: 'zaaknummer', newZaak: nz })).toBe(false);
  });
  it('looks for an earlier Rol only after an attempt that may have reached the server', () => {
    expect(mustLookUp({ create: 'rol', attempt: 1 })).toBe(false);
    expect(mustLookUp({ create: 'rol', attempt: 2 })).toBe(true);
  });
});
