// The format checks of the watched folder: real files made by sharp and pdf-lib are complete; cut anywhere they are not.
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFile, isComplete, type ByteSource } from '../../../src/capture/complete';
import type { InputFormat } from '../../../src/recognise/sniff';

const page = (text: string, background = '#fff') =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="${background}"/>` +
        `<text x="20" y="150" font-size="40" fill="#000">${text}</text></svg>`,
    ),
  );

const files = {} as Record<InputFormat, Buffer>;
beforeAll(async () => {
  files.jpeg = await page('JPEG').jpeg({ quality: 80 }).withMetadata().toBuffer();
  files.png = await page('PNG').png().toBuffer();
  const pages = await Promise.all(['een', 'twee', 'drie'].map((t) => page(t).png().toBuffer()));
  files.tiff = await sharp(pages, { join: { animated: true } })
    .tiff()
    .toBuffer();
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const t of ['Pagina 1', 'Pagina 2']) pdf.addPage([595, 842]).drawText(t, { x: 50, y: 780, font, size: 14 });
  files.pdf = Buffer.from(await pdf.save({ useObjectStreams: false }));
});

const kinds: InputFormat[] = ['pdf', 'jpeg', 'png', 'tiff'];

/** A byte source that counts what is read: the check must not read a big file whole. */
function counted(bytes: Uint8Array): ByteSource & { bytesRead: number } {
  const src = {
    size: bytes.length,
    bytesRead: 0,
    read: async (pos: number, len: number) => {
      const out = bytes.subarray(pos, Math.min(bytes.length, pos + len));
      src.bytesRead += out.length;
      return out;
    },
  };
  return src;
}

describe('isComplete', () => {
  it.each(kinds)('a whole %s file is complete', async (kind) => {
    expect(await isComplete(files[kind], kind)).toEqual({ complete: true });
  });

  it.each(kinds)('a %s file cut at any point is not (fast-check over cut points)', async (kind) => {
    const bytes = files[kind];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (cut) => {
        const r = await isComplete(bytes.subarray(0, cut), kind);
        expect(r.complete).toBe(false);
        if (!r.complete) expect(r.reason).toMatch(kind === 'jpeg' ? /JPEG/ : new RegExp(kind.toUpperCase()));
      }),
      { numRuns: 300 },
    );
    // And every one of the last 64 cut points, where a near-miss is likeliest.
    for (let cut = bytes.length - 64; cut < bytes.length; cut++)
      expect((await isComplete(bytes.subarray(0, cut), kind)).complete).toBe(false);
  });

  it('a TIFF written page by page looks complete between pages (why a taken file is watched for a new version)', async () => {
    const t = files.tiff;
    const le = t[0] === 0x49;
    const dv = new DataView(t.buffer, t.byteOffset, t.length);
    const ifd1 = dv.getUint32(4, le);
    const nextAt = ifd1 + 2 + dv.getUint16(ifd1, le) * 12;
    const ifd2 = dv.getUint32(nextAt, le);
    expect(ifd2).toBeGreaterThan(ifd1); // libtiff writes page 1 (data, IFD) before page 2
    const firstPage = Buffer.from(t.subarray(0, ifd2));
    firstPage.writeUInt32LE(0, nextAt); // the chain ends after page 1, as while page 2 is being written
    if (!le) firstPage.writeUInt32BE(0, nextAt);
    expect(await isComplete(firstPage, 'tiff')).toEqual({ complete: true });
    // A next-IFD offset that points past the end: incomplete, with a Dutch reason naming the page.
    const dangling = Buffer.from(t.subarray(0, ifd2));
    expect(await isComplete(dangling, 'tiff')).toMatchObject({ complete: false, reason: expect.stringMatching(/pagina 2/) });
  });

  it('accepts trailing newlines after %%EOF, refuses an incremental update cut off, and refuses a looping IFD chain', async () => {
    expect(await isComplete(Buffer.concat([files.pdf, Buffer.from('\r\n\n  ')]), 'pdf')).toEqual({ complete: true });
    const update = Buffer.from(
      '\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n',
    );
    const cut = Buffer.concat([files.pdf, update, Buffer.from(String(files.pdf.length + 1))]);
    expect(await isComplete(cut, 'pdf')).toMatchObject({ complete: false, reason: expect.stringMatching(/%%EOF/) });
    expect(await isComplete(Buffer.concat([cut, Buffer.from('\n%%EOF\n')]), 'pdf')).toEqual({ complete: true });
    const loop = Buffer.from(files.tiff.subarray(0, 8 + 2 + 12 + 4 + 64));
    loop.writeUInt32LE(8, 4);
    loop.writeUInt16LE(1, 8);
    loop.writeUInt16LE(256, 10); // ImageWidth, SHORT, 1, 100
    loop.writeUInt16LE(3, 12);
    loop.writeUInt32LE(1, 14);
    loop.writeUInt32LE(100, 18);
    loop.writeUInt32LE(8, 22); // next IFD: itself
    loop.write('II', 0, 'latin1');
    loop.writeUInt16LE(42, 2);
    expect(await isComplete(loop, 'tiff')).toMatchObject({ complete: false, reason: expect.stringMatching(/rond/) });
  });

  it('reads only the head and tail of a big file', async () => {
    const pad = Buffer.alloc(20 * 1024 * 1024, 0x41);
    const pdf = Buffer.concat([
      files.pdf.subarray(0, files.pdf.length - 200),
      Buffer.from('\n%'),
      pad,
      files.pdf.subarray(files.pdf.length - 200),
    ]);
    const src = counted(pdf);
    // The xref offset now points to the wrong place, but the tail still says the file is whole (a reader judges the rest).
    expect(await isComplete(src, 'pdf')).toEqual({ complete: true });
    expect(src.bytesRead).toBeLessThan(64 * 1024);
    const jpeg = counted(Buffer.concat([files.jpeg.subarray(0, files.jpeg.length - 2), pad, Buffer.from([0xff, 0xd9])]));
    expect(await isComplete(jpeg, 'jpeg')).toEqual({ complete: true });
    expect(jpeg.bytesRead).toBeLessThan(256 * 1024);
  });

  it('checkFile sniffs the format from the file; an unknown format counts as whole (ingest judges it)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'postkamer-complete-'));
    try {
      await writeFile(join(dir, 'a.tif'), files.tiff.subarray(0, files.tiff.length - 10));
      expect(await checkFile(join(dir, 'a.tif'))).toMatchObject({ complete: false, kind: 'tiff' });
      await writeFile(join(dir, 'b.pdf'), files.pdf);
      expect(await checkFile(join(dir, 'b.pdf'))).toEqual({ complete: true, kind: 'pdf' });
      await writeFile(join(dir, 'c.txt'), 'geen beeld');
      expect(await checkFile(join(dir, 'c.txt'))).toEqual({ complete: true, kind: null });
      const fh = await open(join(dir, 'b.pdf'), 'r');
      try {
        expect(await isComplete(fh, 'pdf')).toEqual({ complete: true });
      } finally {
        await fh.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
