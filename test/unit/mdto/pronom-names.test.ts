// What a file really is (PRONOM, from the PDF header and the XMP's PDF/A identification) and SIP-safe file names.
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { bestandFileName, fileNameFor, informatieobjectFileName, sanitizeName } from '../../../src/mdto/names';
import { detectFormat, pdfaLevel, pdfVersion } from '../../../src/mdto/pronom';
import { buildXmp } from '../../../src/pdf/xmp';

/** A real PDF (pdf-lib) with, when given, an uncompressed XMP metadata stream as a PDF/A writer stores it. */
async function pdf(xmp?: string): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([200, 200]);
  if (xmp !== undefined) {
    const stream = doc.context.register(doc.context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' }));
    doc.catalog.set(PDFName.of('Metadata'), stream);
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const xmpElements = (part: string, conformance: string) =>
  `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">` +
  `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>${part}</pdfaid:part>` +
  `<pdfaid:conformance>${conformance}</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
const xmpAttributes = (part: string, conformance: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"` +
  ` pdfaid:part="${part}" pdfaid:conformance='${conformance}'/>` +
  `</rdf:RDF></x:xmpmeta>`;

describe('PRONOM', () => {
  it('names PDF/A-2b, 2u and 1b from the XMP, in element and attribute form', async () => {
    expect(detectFormat(await pdf(xmpElements('2', 'B')))?.puid).toBe('fmt/477');
    expect(detectFormat(await pdf(xmpElements('2', 'U')))?.puid).toBe('fmt/478');
    expect(detectFormat(await pdf(xmpAttributes('1', 'B')))?.puid).toBe('fmt/354');
    expect(detectFormat(await pdf(xmpAttributes('3', 'a')))?.puid).toBe('fmt/479');
    expect(pdfaLevel(await pdf(xmpElements('2', 'B')))).toBe('2b');
  });

  it("names the XMP Postkamer's own PDF/A writer stores fmt/477 (PDF/A-2b)", async () => {
    const xmp = buildXmp({
      documentId: '0b0f3c5e-0000-4000-8000-000000000001',
      title: 'Brief',
      producer: 'Postkamer',
      createdAt: new Date(),
    });
    expect(detectFormat(await pdf(xmp))).toEqual({ puid: 'fmt/477', label: 'Acrobat PDF/A - Portable Document Format - PDF/A-2b' });
  });

  it('names a plain PDF by its header version, also when its XMP claims no PDF/A', async () => {
    const plain = await pdf();
    expect(pdfVersion(plain)).toBe('1.7');
    expect(detectFormat(plain)).toEqual({ puid: 'fmt/276', label: 'Acrobat PDF 1.7 - Portable Document Format' });
    const noPdfa = await pdf('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>');
    expect(detectFormat(noPdfa)?.puid).toBe('fmt/276');
    const v14 = Buffer.concat([Buffer.from('%PDF-1.4\n'), plain.subarray(9)]);
    expect(detectFormat(v14)?.puid).toBe('fmt/18');
  });

  it('takes the last XMP packet (an incremental update appends one)', async () => {
    const first = await pdf(xmpElements('1', 'B'));
    const updated = Buffer.concat([first, Buffer.from(`\n${xmpElements('2', 'U')}\n%%EOF\n`)]);
    expect(detectFormat(updated)?.puid).toBe('fmt/478');
  });

  it('names nothing for a file that is no PDF or an unknown version', () => {
    expect(detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(detectFormat(Buffer.from('%PDF-9.9\n'))).toBeNull();
    expect(detectFormat(Buffer.alloc(0))).toBeNull();
  });
});

describe('SIP names', () => {
  it('replaces every forbidden character and whitespace, and is never empty', () => {
    const name = sanitizeName('a<b>c:d"e/f\\g|h?i*j#k&l m\tn\u0000o');
    expect(name).toBe('a_b_c_d_e_f_g_h_i_j_k_l_m_n_o');
    expect(name).not.toMatch(/[<>:"/\\|?*#&\s]/);
    expect(sanitizeName('  ***  ')).toBe('document');
    expect(sanitizeName('///', 'DOC-1')).toBe('DOC-1');
    expect(sanitizeName('..\\..\\etc')).toBe('etc');
  });

  it('avoids reserved device names and bounds the length', () => {
    expect(sanitizeName('CON')).toBe('_CON');
    expect(sanitizeName('nul.pdf')).toBe('_nul.pdf');
    expect(sanitizeName('x'.repeat(500)).length).toBe(120);
  });

  it('follows the SIP naming of the metadata files', () => {
    expect(informatieobjectFileName('DOC-2026/0001')).toBe('DOC-2026_0001.mdto.xml');
    expect(fileNameFor('DOC-2026/0001', '.PDF')).toBe('DOC-2026_0001.pdf');
    expect(bestandFileName('DOC-2026_0001.pdf')).toBe('DOC-2026_0001.pdf.bestand.mdto.xml');
  });
});
