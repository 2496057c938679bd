import { describe, expect, it } from 'vitest';
import { findPostcodes, parsePostcode, parseStreetLine } from '../../../src/domain';

describe('postcodes', () => {
  it('finds 1234 AB and 1234AB', () => {
    expect(findPostcodes('1234 AB Dorpje').map((p) => p.postcode)).toEqual(['1234 AB']);
    expect(findPostcodes('1234AB DORPJE').map((p) => p.postcode)).toEqual(['1234 AB']);
    expect(findPostcodes('Postbus 16200, 3500 CE Utrecht').map((p) => p.postcode)).toEqual(['3500 CE']);
  });

  it('rejects a leading 0, SA/SD/SS and lower case or glued letters', () => {
    expect(findPostcodes('0123 AB Stad')).toEqual([]);
    expect(findPostcodes('1234 SA Stad')).toEqual([]);
    expect(findPostcodes('1234 SD Stad')).toEqual([]);
    expect(findPostcodes('1234 SS Stad')).toEqual([]);
    expect(findPostcodes('in 2026 en later')).toEqual([]);
    expect(findPostcodes('1234 ABC')).toEqual([]);
    expect(findPostcodes('12345 AB')).toEqual([]);
  });

  it('repairs O in the digits', () => {
    const [p] = findPostcodes('35O0 CE Utrecht');
    expect(p?.postcode).toBe('3500 CE');
    expect(p?.noisy).toBe(true);
  });

  it('parsePostcode normalises an exact postcode', () => {
    expect(parsePostcode('1234ab')).toBe('1234 AB');
    expect(parsePostcode(' 1234 AB ')).toBe('1234 AB');
    expect(parsePostcode('1234 SS')).toBeNull();
    expect(parsePostcode('1234 AB Stad')).toBeNull();
  });
});

describe('street lines', () => {
  it('reads the house number with letter or addition', () => {
    expect(parseStreetLine('Dorpsstraat 12')).toEqual({ street: 'Dorpsstraat', huisnummer: '12' });
    expect(parseStreetLine('Dorpsstraat 12a')).toEqual({ street: 'Dorpsstraat', huisnummer: '12a' });
    expect(parseStreetLine('Dorpsstraat 12 A')).toEqual({ street: 'Dorpsstraat', huisnummer: '12A' });
    expect(parseStreetLine('Dorpsstraat 12-3')).toEqual({ street: 'Dorpsstraat', huisnummer: '12-3' });
    expect(parseStreetLine('Van der Helstlaan 104 bis')).toEqual({ street: 'Van der Helstlaan', huisnummer: '104' });
    expect(parseStreetLine("'s-Gravendijkwal 7")?.huisnummer).toBe('7');
    expect(parseStreetLine('2e Jan Steenstraat 45')).toEqual({ street: 'Jan Steenstraat', huisnummer: '45' });
    expect(parseStreetLine('Postbus 123')).toEqual({ street: 'Postbus', huisnummer: '123' });
    expect(parseStreetLine('Antwoordnummer 4500')).toEqual({ street: 'Antwoordnummer', huisnummer: '4500' });
  });

  it('is not fooled by names, dates or sentences', () => {
    expect(parseStreetLine('J. de Vries')).toBeNull();
    expect(parseStreetLine('3 maart 2026')).toBeNull();
    expect(parseStreetLine('Ik woon hier sinds 2010 en ben blij')).toBeNull();
  });
});
