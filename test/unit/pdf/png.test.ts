import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { paletteIsGrey, readPng, readPngHeader, unpackRows } from '../../../src/pdf/png';

const grey = (w: number, h: number) => sharp(Buffer.alloc(w * h, 200), { raw: { width: w, height: h, channels: 1 } }).toColourspace('b-w');

describe('png', () => {
  it('reads the header and the IDAT of a grey and an RGB PNG', async () => {
    const g = readPng(await grey(30, 20).png().toBuffer());
    expect([g.width, g.height, g.bitDepth, g.colorType, g.interlaced]).toEqual([30, 20, 8, 0, false]);
    // The IDAT payload is one zlib stream of filtered rows: 20 rows of 1 filter byte + 30 pixels.
    expect(zlib.inflateSync(g.idat).length).toBe(20 * 31);
    const rgb = readPng(
      await sharp(Buffer.alloc(5 * 4 * 3, 9), { raw: { width: 5, height: 4, channels: 3 } })
        .png()
        .toBuffer(),
    );
    expect(rgb.colorType).toBe(2);
    expect(zlib.inflateSync(rgb.idat).length).toBe(4 * (1 + 5 * 3));
  });

  it('refuses a truncated PNG with input-truncated, and a non-PNG with input-unsupported', async () => {
    const png = await grey(300, 200).png({ compressionLevel: 0 }).toBuffer();
    expect(() => readPng(png.subarray(0, png.length - 40))).toThrow(expect.objectContaining({ code: 'input-truncated' }));
    expect(() => readPngHeader(Buffer.from('GIF89a not a png at all, really not a png'))).toThrow(
      expect.objectContaining({ code: 'input-unsupported' }),
    );
  });

  it('detects damaged pixel data by the chunk checksum', async () => {
    const png = await grey(64, 64).png({ compressionLevel: 0 }).toBuffer();
    const idat = png.indexOf('IDAT');
    const bad = Buffer.from(png);
    bad[idat + 40] = bad[idat + 40]! ^ 0xff;
    expect(() => readPng(bad)).toThrow(expect.objectContaining({ code: 'input-truncated' }));
    expect(() => readPng(png)).not.toThrow();
  });

  it('tells a grey palette from a colour one', async () => {
    const greyPal = await grey(16, 16).png({ palette: true, colours: 4 }).toBuffer();
    const colourPal = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .png({ palette: true, colours: 4 })
      .toBuffer();
    expect(readPngHeader(colourPal).colorType).toBe(3);
    expect(paletteIsGrey(colourPal)).toBe(false);
    expect(readPngHeader(greyPal).colorType).toBe(3);
    expect(paletteIsGrey(greyPal)).toBe(true);
    expect(paletteIsGrey(await grey(4, 4).png().toBuffer())).toBe(false);
  });

  it('unpacks rows exactly as libvips decodes them, for every PNG filter type', async () => {
    // Our own minimal encoder, so that every row uses a known filter: row y uses filter y % 5.
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const out = Buffer.alloc(12 + data.length);
      out.writeUInt32BE(data.length, 0);
      body.copy(out, 4);
      out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
      return out;
    };
    const encode = (pixels: Buffer, w: number, h: number, channels: 1 | 3) => {
      const stride = w * channels;
      const filtered = Buffer.alloc((stride + 1) * h);
      for (let y = 0; y < h; y++) {
        const f = y % 5;
        filtered[y * (stride + 1)] = f;
        for (let i = 0; i < stride; i++) {
          const x = pixels[y * stride + i]!;
          const a = i >= channels ? pixels[y * stride + i - channels]! : 0;
          const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
          const c = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
          const p = a + b - c;
          const pr =
            Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
          const pred = [0, a, b, (a + b) >> 1, pr][f]!;
          filtered[y * (stride + 1) + 1 + i] = (x - pred) & 255;
        }
      }
      const ihdr = Buffer.alloc(13);
      ihdr.writeUInt32BE(w, 0);
      ihdr.writeUInt32BE(h, 4);
      ihdr[8] = 8;
      ihdr[9] = channels === 1 ? 0 : 2;
      return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', ihdr),
        chunk('IDAT', zlib.deflateSync(filtered)),
        chunk('IEND', Buffer.alloc(0)),
      ]);
    };
    const w = 97;
    const h = 41;
    const raw = Buffer.alloc(w * h * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 7 + ((i / 291) | 0) * 13 + ((i * i) % 17)) & 255;
    for (const channels of [1, 3] as const) {
      const pixels = raw.subarray(0, w * h * channels);
      const png = encode(pixels, w, h, channels);
      const { rows, stride } = unpackRows(readPng(png));
      expect(stride).toBe(w * channels);
      expect(Buffer.from(rows).equals(pixels), `${channels} channel(s)`).toBe(true);
      // and libvips agrees that this PNG holds those pixels
      const vips = await (channels === 1 ? sharp(png).toColourspace('b-w') : sharp(png)).raw().toBuffer();
      expect(vips.equals(pixels)).toBe(true);
    }
  });

  it('unpacks a 1-bit PNG into packed rows with 1 = white', async () => {
    const w = 21;
    const px = Buffer.alloc(w * 3, 255);
    px[0] = 0;
    px[w + 20] = 0;
    const png = await sharp(px, { raw: { width: w, height: 3, channels: 1 } })
      .toColourspace('b-w')
      .png({ colours: 2, palette: false })
      .toBuffer();
    const p = readPng(png);
    expect([p.bitDepth, p.colorType]).toEqual([1, 0]);
    const { rows, stride } = unpackRows(p);
    expect(stride).toBe(3);
    expect(
      [...rows.subarray(0, 3)]
        .map((b) => b.toString(2).padStart(8, '0'))
        .join('')
        .slice(0, w),
    ).toBe('0' + '1'.repeat(20));
    expect(
      [...rows.subarray(3, 6)]
        .map((b) => b.toString(2).padStart(8, '0'))
        .join('')
        .slice(0, w),
    ).toBe('1'.repeat(20) + '0');
  });
});
