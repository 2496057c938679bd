import { describe, expect, it } from 'vitest';
import { getPngDensity, setPngDensity } from '../../../src/recognise/png-density';
import { QC_THRESHOLDS, qcFlags, type QcInput } from '../../../src/recognise/qc';
import { sniffFormat } from '../../../src/recognise/sniff';
import sharp from 'sharp';

const good: QcInput = {
  dpi: 300,
  meanLuminance: 235,
  inkLuminance: 20,
  skewDegrees: 0.4,
  blank: false,
  ocrConfidence: 92,
  orientationConfidence: 0.9,
};

describe('qcFlags', () => {
  it('a good page has no flags', () => expect(qcFlags(good)).toEqual([]));

  it('each threshold, on its boundary and past it', () => {
    expect(qcFlags({ ...good, dpi: 299 })).toEqual(['low-resolution']);
    expect(qcFlags({ ...good, meanLuminance: QC_THRESHOLDS.darkMeanLuminance })).toEqual([]);
    expect(qcFlags({ ...good, meanLuminance: 99 })).toEqual(['too-dark']);
    expect(qcFlags({ ...good, inkLuminance: 151 })).toEqual(['too-light']);
    expect(qcFlags({ ...good, skewDegrees: 2 })).toEqual([]);
    expect(qcFlags({ ...good, skewDegrees: -2.1 })).toEqual(['strong-skew']);
    expect(qcFlags({ ...good, ocrConfidence: 69.9 })).toEqual(['low-ocr-confidence']);
    expect(qcFlags({ ...good, orientationConfidence: 0.1 })).toEqual(['orientation-uncertain']);
  });

  it('a blank page is only "blank" (no faded-ink or orientation complaints), and no OCR means no confidence flag', () => {
    expect(qcFlags({ ...good, blank: true, inkLuminance: 230, orientationConfidence: null, ocrConfidence: null })).toEqual(['blank']);
  });
});

describe('sniffFormat', () => {
  it('by magic bytes, not by name', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFormat(Buffer.from('II*\0'))).toBe('tiff');
    expect(sniffFormat(Buffer.from('MM\0*'))).toBe('tiff');
    expect(sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffFormat(Buffer.from('Beste mevrouw, PDF volgt.'))).toBeNull();
  });
});

describe('png density', () => {
  it('writes pHYs without touching the pixels or the colour type', async () => {
    const png = await sharp(Buffer.alloc(32, 128), { raw: { width: 8, height: 4, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    const out = setPngDensity(setPngDensity(png, 200), 300);
    expect(getPngDensity(out)).toBe(300);
    const meta = await sharp(out).metadata();
    expect([meta.density, meta.channels, meta.width]).toEqual([300, 1, 8]);
  });
});
