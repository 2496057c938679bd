import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../../src/domain';
import { pageFromText, textOnlyPage } from './support/letter';

function sender(text: string, geometry = true) {
  const r = extractMetadata([geometry ? pageFromText(text) : textOnlyPage(text)]);
  return {
    name: r.sender?.value.name ?? null,
    lines: r.sender?.value.lines ?? null,
    postcode: r.postcode?.value ?? null,
    conf: r.sender?.confidence ?? 0,
  };
}

const RECIPIENT = `Gemeente Utrecht
t.a.v. afdeling Vergunningen
Postbus 16200
3500 CE Utrecht`;

describe('sender block', () => {
  it('takes the name from the signature when the address block has none', () => {
    const s = sender(
      `Dorpsstraat 12a\n1234 AB Dorpje\n\n\n${RECIPIENT}\n\n\nDorpje, 3 maart 2026\n\nGeachte heer,\n\nMet vriendelijke groet,\n\n\nM. Yılmaz`,
    );
    expect(s.name).toBe('M. Yılmaz');
    expect(s.lines).toEqual(['Dorpsstraat 12a', '1234 AB Dorpje']);
    expect(s.postcode).toEqual({ postcode: '1234 AB', huisnummer: '12a' });
  });

  it('splits sender and addressee when no blank line separates them', () => {
    const s = sender(`K. Pietersen\nKerkweg 3-2\n3511 AB Utrecht\n${RECIPIENT}`);
    expect(s.name).toBe('K. Pietersen');
    expect(s.postcode).toEqual({ postcode: '3511 AB', huisnummer: '3-2' });
  });

  it('reads street and postcode written on one line', () => {
    const s = sender(`A. Visser\nDorpsstraat 7b, 1234 AB Dorpje\n\n\n${RECIPIENT}`);
    expect(s.name).toBe('A. Visser');
    expect(s.postcode).toEqual({ postcode: '1234 AB', huisnummer: '7b' });
    expect(s.lines).toEqual(['Dorpsstraat 7b, 1234 AB Dorpje']);
  });

  it('prefers the top-left block over an unmarked block in the window position', () => {
    const text = `P. de Boer\nLaan van Meerdervoort 100\n2517 AZ Den Haag\n\n\n\nAfdeling Belastingen\nPostbus 12600\n2500 DJ Den Haag`;
    expect(sender(text).postcode).toEqual({ postcode: '2517 AZ', huisnummer: '100' });
    expect(sender(text, false).postcode).toEqual({ postcode: '2517 AZ', huisnummer: '100' });
  });

  it("never returns the addressee's address as the sender's", () => {
    const s = sender(`\n\n\n\n${RECIPIENT}\n\n\nGeachte heer, mevrouw,\n\nIk wil graag een afspraak maken.`);
    expect(s.postcode).toBeNull();
    expect(s.name).toBeNull();
  });

  it('takes a municipality letterhead at the very top when nothing else is there (letter from another municipality)', () => {
    const s = sender('Gemeente Zuidervaart\nAfdeling Burgerzaken, Postbus 1234, 2500 AB Zuidervaart\n\nBetreft: aanvraag');
    expect(s.name).toBe('Gemeente Zuidervaart');
    expect(s.postcode).toEqual({ postcode: '2500 AB', huisnummer: '1234' });
    expect(s.conf).toBeLessThan(0.6);
  });

  it('keeps contact lines out of the address', () => {
    const s = sender(`Stichting Groen\nSecretariaat\nBeukenlaan 4\n6711 NN Ede\nT 0318 123456\nE info@groen.example\n\n\n\n${RECIPIENT}`);
    expect(s.name).toBe('Stichting Groen');
    expect(s.lines).toEqual(['Secretariaat', 'Beukenlaan 4', '6711 NN Ede']);
    const inFooter = sender(
      `${RECIPIENT}\n\n\nGeachte heer,\n\n\n\n\n\nStichting Groen | Beukenlaan 4 | 6711 NN Ede | T 0318 123456 | info@groen.example`,
    );
    expect(inFooter.lines).toEqual(['Beukenlaan 4', '6711 NN Ede']);
  });

  it('falls back to a letterhead name without an address, and to nothing', () => {
    const s = sender(`Woningcorporatie De Sleutel\n\n\n${RECIPIENT}\n\nGeachte heer,`);
    expect(s.name).toBe('Woningcorporatie De Sleutel');
    expect(s.lines).toEqual([]);
    expect(s.postcode).toBeNull();
    expect(sender('Geachte heer, mevrouw,\n\nDit is een brief zonder afzender.').name).toBeNull();
  });

  it('masks a BSN written under the sender address', () => {
    const r = extractMetadata([pageFromText(`J. Smit\nBSN 111222333\nMolenweg 1\n1234 AB Dorpje\n\n\n${RECIPIENT}`)]);
    expect(JSON.stringify(r)).not.toContain('111222333');
    expect(r.sender?.value.lines).toEqual(['Molenweg 1', '1234 AB Dorpje']);
    expect(r.containsBsn).toBe(true);
  });
});
