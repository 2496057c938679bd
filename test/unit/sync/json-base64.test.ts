import { describe, expect, it } from 'vitest';
import { jsonWithBase64 } from '../../../src/sync/http';

describe('jsonWithBase64', () => {
  it('gives the same JSON as JSON.stringify with the base64 text in the field', () => {
    const bytes = Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 131) % 256));
    const value = {
      identificatie: 'PK-1',
      titel: 'Brief van “Gemeente” – Ærø 🐝',
      inhoud: null,
      bestandsomvang: bytes.length,
      integriteit: { algoritme: 'sha_256' },
    };
    const out = jsonWithBase64(value, 'inhoud', bytes);
    const expected = JSON.stringify({ ...value, inhoud: bytes.toString('base64') });
    expect(out.toString('utf8')).toBe(expected);
    expect(JSON.parse(out.toString('utf8')).inhoud).toBe(bytes.toString('base64'));
  });

  it('handles empty content and a field that was not there yet', () => {
    const out = jsonWithBase64({ a: 1 }, 'inhoud', new Uint8Array(0));
    expect(JSON.parse(out.toString('utf8'))).toEqual({ a: 1, inhoud: '' });
  });

  it('takes bytes from a view into a larger buffer', () => {
    const big = Buffer.from('xxhelloyy');
    const out = jsonWithBase64({}, 'inhoud', big.subarray(2, 7));
    expect(JSON.parse(out.toString('utf8')).inhoud).toBe(Buffer.from('hello').toString('base64'));
  });
});
