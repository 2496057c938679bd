import { describe, expect, it } from 'vitest';
import { buildXmp, escapeXml, keywordString, xmpDate } from '../../../src/pdf/xmp';

const base = {
  documentId: '3F2A6C1E-8B1D-4C3E-9F00-123456789ABC',
  title: 'Bezwaar <WOZ> & "meer"',
  producer: 'Postkamer',
  createdAt: new Date('2026-03-03T10:15:00.789Z'),
};

describe('buildXmp', () => {
  it('identifies PDF/A-2b and carries title, dates, producer and document ID', () => {
    const xmp = buildXmp({ ...base, language: 'nl-NL', keywords: ['post', ' zaak ', ''] });
    expect(xmp.startsWith('<?xpacket begin="\uFEFF"')).toBe(true);
    expect(xmp.trimEnd().endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Bezwaar &lt;WOZ&gt; &amp; &quot;meer&quot;</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2026-03-03T10:15:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2026-03-03T10:15:00Z</xmp:ModifyDate>');
    expect(xmp).toContain('<xmpMM:DocumentID>uuid:3f2a6c1e-8b1d-4c3e-9f00-123456789abc</xmpMM:DocumentID>');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>nl-NL</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain('<pdf:Keywords>post, zaak</pdf:Keywords>');
    expect(xmp).toContain('<dc:subject><rdf:Bag><rdf:li>post</rdf:li><rdf:li>zaak</rdf:li></rdf:Bag></dc:subject>');
  });

  it('leaves out language and keywords when not given', () => {
    const xmp = buildXmp(base);
    expect(xmp).not.toContain('dc:language');
    expect(xmp).not.toContain('Keywords');
  });

  it('formats dates to whole seconds in UTC and drops characters XML cannot carry', () => {
    expect(xmpDate(new Date('2026-01-02T03:04:05.999Z'))).toBe('2026-01-02T03:04:05Z');
    expect(escapeXml('a\u0001b\u0008c\td')).toBe('abc\td');
    expect(keywordString([' ', ''])).toBeUndefined();
  });
});
