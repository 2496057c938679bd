// Minimal multipart/form-data and x-www-form-urlencoded parsing for `PUT /bestandsdelen/{uuid}`
// (no dependency). Files come back as Buffer, plain fields as string. Pure.

export type FormFields = Record<string, string | Buffer>;

export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]).trim() : undefined;
}

/** Throws an Error with a readable message when the body is not well-formed multipart. */
export function parseMultipart(body: Buffer, boundary: string): FormFields {
  const fields: FormFields = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found in body');
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('multipart part without header terminator');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('multipart part without closing boundary');
    const content = body.subarray(headerEnd + 4, next);
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers);
    const name = disposition ? /\bname="([^"]*)"/i.exec(disposition[1])?.[1] : undefined;
    if (name !== undefined) {
      const isFile = /\bfilename\*?=/i.test(disposition![1]);
      fields[name] = isFile ? Buffer.from(content) : content.toString('utf8');
    }
    pos = next + 2;
  }
  return fields;
}

export function parseUrlEncoded(body: Buffer): FormFields {
  const fields: FormFields = {};
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) fields[k] = v;
  return fields;
}
