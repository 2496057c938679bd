import { describe, expect, it } from 'vitest';
import { findKvkNumbers } from '../../../src/domain';

const kvk = (t: string) => findKvkNumbers(t).map((m) => m.kvk);

describe('findKvkNumbers', () => {
  it('reads eight digits after the usual labels', () => {
    expect(kvk('KvK 12345678')).toEqual(['12345678']);
    expect(kvk('KvK: 12345678')).toEqual(['12345678']);
    expect(kvk('K.v.K. 01234567')).toEqual(['01234567']);
    expect(kvk('KvK-nummer: 12345678')).toEqual(['12345678']);
    expect(kvk('Kamer van Koophandel nr. 12345678')).toEqual(['12345678']);
    expect(kvk('Ingeschreven bij de Kamer van Koophandel onder nummer 12345678.')).toEqual(['12345678']);
    expect(kvk('KvK Amsterdam 12345678')).toEqual(['12345678']);
    expect(kvk('Jansen B.V. | KvK 12345678 | BTW NL001234567B01')).toEqual(['12345678']);
  });

  it('tolerates stray spaces and O/l noise', () => {
    expect(kvk('KvK 1234 5678')).toEqual(['12345678']);
    const [m] = findKvkNumbers('KvK l234567O');
    expect(m?.kvk).toBe('12345670');
    expect(m?.noisy).toBe(true);
  });

  it('rejects other lengths, numbers of other labels and unlabelled numbers', () => {
    expect(kvk('KvK 1234567')).toEqual([]);
    expect(kvk('KvK 123456789')).toEqual([]);
    expect(kvk('Vestigingsnummer 0000 1234 5678')).toEqual([]);
    expect(kvk('KvK vestigingsnummer 000012345678')).toEqual([]);
    expect(kvk('Ordernummer 12345678')).toEqual([]);
    expect(kvk('KvK-inschrijving volgt, IBAN 12345678')).toEqual([]);
  });
});
