import { describe, expect, it } from 'vitest';
import {
  afleidingWords,
  durationWords,
  parseDuration,
  retentionLines,
  retentionSentence,
  selectielijstLine,
} from '../../../renderer/features/archive/retention-words';

describe('retention in words', () => {
  it('reads the date part of ISO-8601 durations', () => {
    expect(parseDuration('P10Y')).toEqual({ years: 10, months: 0, weeks: 0, days: 0 });
    expect(parseDuration('P5Y6M')).toEqual({ years: 5, months: 6, weeks: 0, days: 0 });
    expect(parseDuration('P18M')).toEqual({ years: 0, months: 18, weeks: 0, days: 0 });
    expect(parseDuration('P1Y2M3D')).toEqual({ years: 1, months: 2, weeks: 0, days: 3 });
    expect(parseDuration('P2W')).toEqual({ years: 0, months: 0, weeks: 2, days: 0 });
    expect(parseDuration('p3y')).toEqual({ years: 3, months: 0, weeks: 0, days: 0 });
    for (const bad of ['', 'P', '10Y', 'P10', 'PY', 'P-1Y', 'tien jaar', null, undefined])
      expect(parseDuration(bad), String(bad)).toBeNull();
  });

  it('says a duration in Dutch and in English, singular and plural', () => {
    expect(durationWords('P10Y', 'nl')).toBe('10 jaar');
    expect(durationWords('P1Y', 'nl')).toBe('1 jaar');
    expect(durationWords('P5Y6M', 'nl')).toBe('5 jaar en 6 maanden');
    expect(durationWords('P18M', 'nl')).toBe('18 maanden');
    expect(durationWords('P1M', 'nl')).toBe('1 maand');
    expect(durationWords('P1Y2M3D', 'nl')).toBe('1 jaar, 2 maanden en 3 dagen');
    expect(durationWords('P1W', 'nl')).toBe('1 week');
    expect(durationWords('P0Y', 'nl')).toBe('0 dagen');
    expect(durationWords('P10Y', 'en')).toBe('10 years');
    expect(durationWords('P1Y', 'en')).toBe('1 year');
    expect(durationWords('P5Y6M', 'en')).toBe('5 years and 6 months');
    expect(durationWords('P18M', 'en')).toBe('18 months');
    expect(durationWords('P1D', 'en')).toBe('1 day');
    expect(durationWords('onzin', 'nl')).toBeNull();
  });

  it('names the moment the term starts from', () => {
    expect(afleidingWords('afgehandeld', 'nl')).toBe('afhandeling van de zaak');
    expect(afleidingWords('afgehandeld', 'en')).toBe('the closing of the case');
    expect(afleidingWords('ingangsdatum_besluit', 'nl')).toBe('de ingangsdatum van het besluit');
    expect(afleidingWords(null, 'nl')).toBe('de brondatum');
    expect(afleidingWords('nieuw_in_zgw', 'nl')).toBe('de brondatum (nieuw_in_zgw)');
  });

  it('tells keeping and destroying as the archivist reads them', () => {
    const keep = { archiefnominatie: 'blijvend_bewaren', archiefactietermijn: 'P20Y', brondatumAfleidingswijze: 'afgehandeld' };
    const destroy = { archiefnominatie: 'vernietigen', archiefactietermijn: 'P10Y', brondatumAfleidingswijze: 'afgehandeld' };
    expect(retentionSentence(keep, 'nl')).toBe('Bewaren (overbrengen na 20 jaar)');
    expect(retentionSentence(keep, 'en')).toBe('Keep permanently (transfer after 20 years)');
    expect(retentionSentence(destroy, 'nl')).toBe('Vernietigen 10 jaar na afhandeling van de zaak');
    expect(retentionSentence(destroy, 'en')).toBe('Destroy 10 years after the closing of the case');
    expect(retentionSentence({ ...destroy, archiefactietermijn: 'P5Y6M' }, 'nl')).toBe(
      'Vernietigen 5 jaar en 6 maanden na afhandeling van de zaak',
    );
    expect(retentionSentence({ ...destroy, archiefactietermijn: null }, 'nl')).toBe(
      'Vernietigen (termijn onbekend, na afhandeling van de zaak)',
    );
    expect(retentionSentence({ ...keep, archiefactietermijn: null }, 'nl')).toBe('Bewaren (overbrengingstermijn onbekend)');
    expect(retentionSentence({ ...keep, archiefnominatie: null }, 'nl')).toBe('Archiefnominatie onbekend');
  });

  it("makes one line per option with its selectielijstklasse and the Selectielijst's own words when cached", () => {
    const lines = retentionLines(
      [
        {
          resultaattype: 'https://zgw.test/rt/1',
          omschrijving: 'Gegrond',
          archiefnominatie: 'blijvend_bewaren',
          archiefactietermijn: 'P20Y',
          selectielijstklasse: 'https://selectielijst.test/resultaten/1',
          selectielijst: { nummer: '1.1.2', naam: 'Vastgesteld', waardering: 'blijvend_bewaren', bewaartermijn: null },
          brondatumAfleidingswijze: 'afgehandeld',
        },
        {
          resultaattype: 'https://zgw.test/rt/2',
          omschrijving: 'Ongegrond',
          archiefnominatie: 'vernietigen',
          archiefactietermijn: 'P18M',
          selectielijstklasse: null,
          selectielijst: null,
          brondatumAfleidingswijze: 'afgehandeld',
        },
      ],
      'nl',
    );
    expect(lines).toEqual([
      {
        key: 'https://zgw.test/rt/1',
        title: 'Gegrond',
        sentence: 'Bewaren (overbrengen na 20 jaar)',
        selectielijstklasse: 'https://selectielijst.test/resultaten/1',
        selectielijst: { nummer: '1.1.2', naam: 'Vastgesteld', waardering: 'bewaren', code: 'blijvend_bewaren', termijn: null },
        nominatie: 'bewaren',
      },
      {
        key: 'https://zgw.test/rt/2',
        title: 'Ongegrond',
        sentence: 'Vernietigen 18 maanden na afhandeling van de zaak',
        selectielijstklasse: null,
        selectielijst: null,
        nominatie: 'vernietigen',
      },
    ]);
  });

  it("tells the Selectielijst's waardering and bewaartermijn, an unknown waardering as it came", () => {
    expect(selectielijstLine({ nummer: '11.1.2', naam: 'Geweigerd', waardering: 'vernietigen', bewaartermijn: 'P10Y' }, 'nl')).toEqual({
      nummer: '11.1.2',
      naam: 'Geweigerd',
      waardering: 'vernietigen',
      code: 'vernietigen',
      termijn: '10 jaar',
    });
    expect(selectielijstLine({ nummer: '3', naam: 'X', waardering: 'nog_te_bepalen', bewaartermijn: 'P5Y' }, 'en')).toMatchObject({
      waardering: 'onbekend',
      code: 'nog_te_bepalen',
      termijn: '5 years',
    });
    expect(selectielijstLine(null, 'nl')).toBeNull();
  });
});
