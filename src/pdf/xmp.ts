// XMP metadata packet for PDF/A-2b. Pure: the same input gives the same bytes.
//
// PDF/A requires the XMP and the Info dictionary to agree (title, producer, keywords, dates), so
// both are written from one `PdfDates`/`XmpInput` by the caller; and the PDF/A identification
// (pdfaid:part, pdfaid:conformance) is what tells a validator which rules to apply.

export interface XmpInput {
  documentId: string; // uuid
  title: string;
  producer: string;
  createdAt: Date;
  language?: string;
  keywords?: string[];
}

/** ISO 8601 in UTC to whole seconds, the form the Info dictionary's D:YYYYMMDDHHmmSSZ matches. */
export function xmpDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Keywords as one string, identical in Info /Keywords and pdf:Keywords. */
export function keywordString(keywords: string[] | undefined): string | undefined {
  const clean = (keywords ?? []).map((k) => k.trim()).filter(Boolean);
  return clean.length > 0 ? clean.join(', ') : undefined;
}

// XML 1.0 forbids most control characters even when escaped; drop them.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function buildXmp(input: XmpInput): string {
  const date = xmpDate(input.createdAt);
  const keywords = keywordString(input.keywords);
  const id = `uuid:${input.documentId.toLowerCase()}`;
  const lines = [
    // The BOM in begin="" is part of the packet wrapper convention.
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '   <pdfaid:part>2</pdfaid:part>',
    '   <pdfaid:conformance>B</pdfaid:conformance>',
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(input.title)}</rdf:li></rdf:Alt></dc:title>`,
  ];
  if (input.language) {
    lines.push(`   <dc:language><rdf:Bag><rdf:li>${escapeXml(input.language)}</rdf:li></rdf:Bag></dc:language>`);
  }
  if (keywords) {
    const items = (input.keywords ?? [])
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => `<rdf:li>${escapeXml(k)}</rdf:li>`)
      .join('');
    lines.push(`   <dc:subject><rdf:Bag>${items}</rdf:Bag></dc:subject>`);
  }
  lines.push(
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `   <pdf:Producer>${escapeXml(input.producer)}</pdf:Producer>`,
  );
  if (keywords) lines.push(`   <pdf:Keywords>${escapeXml(keywords)}</pdf:Keywords>`);
  lines.push(
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
    `   <xmpMM:DocumentID>${id}</xmpMM:DocumentID>`,
    `   <xmpMM:InstanceID>${id}</xmpMM:InstanceID>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  );
  return lines.join('\n');
}
