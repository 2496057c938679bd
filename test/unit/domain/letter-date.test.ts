import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../../src/domain';
import { pageFromText, textOnlyPage } from './support/letter';

function date(text: string, scanDate?: string, geometry = true) {
  const r = extractMetadata([geometry ? pageFromText(text) : textOnlyPage(text)], scanDate ? { scanDate } : {});
  return r.letterDate?.value ?? null;
}

const BODY = '\n\nGeachte heer, mevrouw,\n\nHierbij stuur ik u de gevraagde gegevens.';

describe('letter date', () => {
  it('reads "Datum:" with the usual forms', () => {
    expect(date(`Datum: 3 maart 2026${BODY}`)).toBe('2026-03-03');
    expect(date(`Datum 03-03-2026${BODY}`)).toBe('2026-03-03');
    expect(date(`Dagtekening: 3 mrt. 2026${BODY}`)).toBe('2026-03-03');
    expect(date(`Verzonden op 3 maart 2026${BODY}`)).toBe('2026-03-03');
  });

  it('reads "Datum" on the line above the value', () => {
    expect(date(`Datum\n3 maart 2026${BODY}`)).toBe('2026-03-03');
    expect(date(`Datum\n3 maart 2026${BODY}`, undefined, false)).toBe('2026-03-03');
  });

  it('reads a date after a place name', () => {
    expect(date(`Den Haag, 3 maart 2026${BODY}`)).toBe('2026-03-03');
    expect(date(`'s-Hertogenbosch, 14 februari 2026${BODY}`)).toBe('2026-02-14');
  });

  it('reads a date standing alone at the top of page 1', () => {
    expect(date(`J. Jansen\nDorpsstraat 1\n1234 AB Dorpje\n\n3 maart 2026${BODY}`)).toBe('2026-03-03');
  });

  it('ignores deadlines, birth dates, earlier letters and dates in sentences', () => {
    expect(date(`Graag ontvang ik uw reactie vóór 1 april 2026.${BODY}`)).toBeNull();
    expect(date(`U kunt reageren tot en met 1 april 2026.${BODY}`)).toBeNull();
    expect(date(`Uiterlijk 1 april 2026 moet het binnen zijn.${BODY}`)).toBeNull();
    expect(date(`Geboortedatum: 14-05-1980${BODY}`)).toBeNull();
    expect(date(`Ik ben geboren op 14 mei 1980.${BODY}`)).toBeNull();
    expect(date(`Uw brief van 12 februari 2026${BODY}`)).toBeNull();
    expect(date(`Op 12 februari 2026 heeft u een besluit genomen.${BODY}`)).toBeNull();
  });

  it('a preposition wins over a date label: "Datum betaling: vóór 1 april"', () => {
    expect(date(`Datum betaling: vóór 1 april 2026\nDen Haag, 3 maart 2026${BODY}`)).toBe('2026-03-03');
  });

  it("ignores the mail room's receipt stamp", () => {
    expect(date(`ONTVANGEN 5 MRT 2026\n\nJ. Jansen\n\nDatum: 3 maart 2026${BODY}`)).toBe('2026-03-03');
  });

  it('prefers the letter date over other dates on the same page', () => {
    const text = `Uw brief van 12 februari 2026      Datum: 3 maart 2026\nGeboortedatum: 14-05-1980${BODY}\nReageer vóór 1 april 2026.`;
    expect(date(text)).toBe('2026-03-03');
  });

  it('ignores a date in the body lower on the page even without a preposition', () => {
    const filler = Array.from({ length: 25 }, (_, i) => `Regel ${i + 1} van de brief.`).join('\n');
    expect(date(`Geachte heer,\n${filler}\n12 februari 2026\nMet vriendelijke groet`)).toBeNull();
  });

  it('ignores a date more than two years after the scan date, but accepts an old letter', () => {
    expect(date(`Datum: 3 maart 2029${BODY}`, '2026-03-05')).toBeNull();
    expect(date(`Datum: 3 maart 2027${BODY}`, '2026-03-05')).toBe('2027-03-03');
    expect(date(`Datum: 3 maart 2019${BODY}`, '2026-03-05')).toBe('2019-03-03');
  });

  it('prefers a date near the scan date when two equally labelled dates exist', () => {
    expect(date(`Datum: 3 maart 2027\nDatum: 3 maart 2026${BODY}`, '2026-03-05')).toBe('2026-03-03');
  });

  it('reads an OCR-noisy date with lower confidence', () => {
    const noisy = extractMetadata([pageFromText(`Datum: 1O maart 2O26${BODY}`)]).letterDate;
    const clean = extractMetadata([pageFromText(`Datum: 10 maart 2026${BODY}`)]).letterDate;
    expect(noisy?.value).toBe('2026-03-10');
    expect(noisy!.confidence).toBeLessThan(clean!.confidence);
  });

  it('prefers page 1 over a later page', () => {
    const p1 = pageFromText(`Datum: 3 maart 2026${BODY}`);
    const p2 = pageFromText(`Datum: 5 maart 2026${BODY}`, { pageIndex: 1 });
    expect(extractMetadata([p2, p1]).letterDate?.page).toBe(1); // the first page handed over is page 1
    expect(extractMetadata([p1, p2]).letterDate?.value).toBe('2026-03-03');
  });
});
