import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../../src/audit/csv';
import { exportFormat } from '../../../src/audit/export';
import { parseDetails } from '../../../src/audit/entries';
import { parseCsv } from './read-csv';

// The export's CSV: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.

describe('CSV fields', () => {
  it('quotes a field with a comma, a quote or a line break, doubling its quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('zei "ja"')).toBe('"zei ""ja"""');
    expect(csvField('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField(true)).toBe('true');
  });

  it('neutralises text a spreadsheet would read as a formula, half- and full-width', () => {
    for (const evil of ['=1+1', '+31 6', '-2+3', '@SUM(A1)', '\tx', '\rx', '＝1+1', '＋1', '－1', '＠x']) {
      expect(csvField(evil).replace(/^"/, '').startsWith("'"), JSON.stringify(evil)).toBe(true);
    }
    expect(csvField('=HYPERLINK("http://x","klik")')).toBe(`"'=HYPERLINK(""http://x"",""klik"")"`);
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-5)).toBe('-5'); // our own numbers stay numbers
  });

  it('writes CRLF-terminated records that read back to the same values', () => {
    const values = ['1', '2026-01-02T03:04:05.000Z', 'jan', 'Jan "de" Vries, jr.', 'medewerker,archivaris', 'x\ny', '=cmd|x'];
    const text = csvLine(['seq', 'at', 'actor', 'name', 'roles', 'text', 'evil']) + csvLine(values);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([...values.slice(0, 6), "'=cmd|x"]);
  });
});

describe('export format and details', () => {
  it('takes the format asked for, else the extension', () => {
    expect(exportFormat('/tmp/a.csv')).toBe('csv');
    expect(exportFormat('/tmp/a.CSV')).toBe('csv');
    expect(exportFormat('/tmp/a.jsonl')).toBe('jsonl');
    expect(exportFormat('/tmp/a.ndjson')).toBe('jsonl');
    expect(exportFormat('/tmp/a.txt', 'csv')).toBe('csv');
    expect(() => exportFormat('/tmp/a.txt')).toThrow(/csv of \.jsonl/);
  });

  it('parses stored details to codes and values, leaving out what is not one', () => {
    expect(parseDetails('{"a":1,"b":"x","c":null,"d":true,"e":{"f":1},"g":[1]}')).toEqual({ a: 1, b: 'x', c: null, d: true });
    expect(parseDetails('not json')).toEqual({});
    expect(parseDetails('[1,2]')).toEqual({});
  });
});
